"""manage.py importar_padron: all or nothing, --parcial, idempotent, history, XLSX, speed."""

import csv
import io
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from padron.importacion.services import padron_importar
from padron.models import Cuenta, Titular
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.conftest import curp_valida

pytestmark = pytest.mark.django_db

CURP_JUAN = curp_valida("PEVJ850315HSRRLN0")
CURP_ANA = curp_valida("MOAA900720MSRRNN0")

ENCABEZADOS = [
    "numero_cuenta",
    "cartera",
    "tipo_persona",
    "nombre",
    "apellido_paterno",
    "apellido_materno",
    "curp",
    "rfc",
    "telefono",
    "email",
    "domicilio_notificar",
    "colonia",
    "municipio",
    "codigo_postal",
    "clave_catastral",
    "clasificacion",
    "sector",
    "ruta",
    "manzana",
    "domicilio_predio",
    "servicios",
    "medidor",
    "gran_consumidor",
    "pagare_folio",
    "programa",
    "institucion_educativa",
    "monto_otorgado",
    "fecha_otorgamiento",
    "plazo_meses",
    "tasa_interes_anual",
    "inicio_recuperacion",
    "aval_nombre",
    "aval_telefono",
    "estado",
]


def fila_agua(numero, **cambios):
    fila = dict.fromkeys(ENCABEZADOS, "")
    fila.update(
        numero_cuenta=numero,
        cartera="agua-caborca",
        tipo_persona="fisica",
        nombre="Juan",
        apellido_paterno="Pérez",
        apellido_materno="López",
        curp=CURP_JUAN,
        telefono="6371234567",
        domicilio_notificar="Av. Obregón 123",
        colonia="Centro",
        municipio="Caborca",
        codigo_postal="83600",
        clave_catastral=f"17-001-{numero}",
        clasificacion="Doméstica",
        sector="1",
        ruta="101",
        manzana="12",
        domicilio_predio="Av. Obregón 123",
        servicios="agua,drenaje",
        medidor="M-1",
    )
    fila.update(cambios)
    return fila


def fila_credito(numero, **cambios):
    fila = dict.fromkeys(ENCABEZADOS, "")
    fila.update(
        numero_cuenta=numero,
        cartera="creditos-hermosillo",
        tipo_persona="física",
        nombre="Ana",
        apellido_paterno="Morales",
        curp=CURP_ANA,
        email="ana@example.com",
        domicilio_notificar="Blvd. Kino 500",
        municipio="Hermosillo",
        pagare_folio=f"P-{numero}",
        programa="Licenciatura",
        institucion_educativa="Universidad de Sonora",
        monto_otorgado="$45,000.00",
        fecha_otorgamiento="15/08/2019",
        plazo_meses="48",
        tasa_interes_anual="6.5",
        inicio_recuperacion="01/08/2023",
        aval_nombre="Rosa Morales",
    )
    fila.update(cambios)
    return fila


def escribir_csv(ruta, filas, encabezados=ENCABEZADOS):
    with open(ruta, "w", newline="", encoding="utf-8") as archivo:
        escritor = csv.DictWriter(archivo, fieldnames=encabezados)
        escritor.writeheader()
        escritor.writerows(filas)
    return ruta


def historial_total():
    return Titular.history.count() + Cuenta.history.count()


@pytest.fixture
def carteras(cartera_agua, cartera_credito):
    return cartera_agua, cartera_credito


def test_importa_cuentas_de_agua_y_credito(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "padron.csv",
        [fila_agua("1001"), fila_agua("1002", clave_catastral="17-002"), fila_credito("C-9")],
    )
    salida = io.StringIO()
    call_command("importar_padron", str(ruta), stdout=salida)

    assert "3 cuentas nuevas" in salida.getvalue()
    # The two water accounts share Juan's CURP: one titular.
    assert Titular.objects.count() == 2
    juan = Titular.objects.get(curp=CURP_JUAN)
    assert sorted(juan.cuentas.values_list("numero", flat=True)) == ["1001", "1002"]
    agua = Cuenta.objects.get(numero="1001")
    assert agua.clasificacion == "domestica"
    assert agua.servicios == ["agua", "drenaje"]
    assert "JUAN PEREZ LOPEZ" in agua.busqueda
    credito = Cuenta.objects.get(numero="C-9")
    assert credito.monto_otorgado == Decimal("45000.00")
    assert credito.fecha_otorgamiento == date(2019, 8, 15)
    assert credito.tasa_interes_anual == Decimal("6.5")
    assert credito.plazo_meses == 48
    alta = credito.history.get()
    assert alta.history_change_reason == "Importación padron.csv"
    assert alta.history_user.username == "sistema"
    assert juan.domicilio_normalizado == "AV OBREGON 123"


def test_una_fila_mala_y_no_se_importa_nada(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "padron.csv",
        [
            fila_agua("1001"),
            fila_agua("1002", curp=CURP_JUAN[:17] + "0", ruta="", email="no-es-correo"),
            fila_credito("C-9", fecha_otorgamiento="31/02/2019", cartera="no-existe"),
        ],
    )
    errores = io.StringIO()
    with pytest.raises(CommandError, match="No se importó nada: 2 fila"):
        call_command("importar_padron", str(ruta), stderr=errores)

    assert not Cuenta.objects.exists() and not Titular.objects.exists()
    texto = errores.getvalue()
    assert "Fila 3, curp: El dígito verificador de la CURP no corresponde." in texto
    assert "Fila 3, ruta: La ruta es obligatoria en una cuenta de agua." in texto
    assert "Fila 3, email:" in texto
    assert "Fila 4, fecha_otorgamiento: Fecha no válida «31/02/2019»; use dd/mm/aaaa." in texto
    assert "Fila 4, cartera: No existe la cartera «no-existe»." in texto


def test_errores_por_fila_y_columna(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "p.csv",
        [
            fila_agua("1"),
            fila_agua("1"),
            fila_agua("2", tipo_persona="moral", rfc="ABC800101AB"),
            fila_credito("3", monto_otorgado="mucho", plazo_meses="4.5", servicios="gas"),
            fila_agua("4", apellido_paterno="Otro"),
        ],
    )
    resultado = padron_importar(archivo=ruta, nombre="p.csv")
    errores = {(e.fila, e.columna): e.mensaje for e in resultado.errores}
    assert not resultado.importado
    assert errores[(3, "numero_cuenta")] == "El número de cuenta se repite (ya está en la fila 2)."
    assert errores[(4, "curp")] == "Una persona moral no tiene CURP; deje el campo vacío."
    assert errores[(4, "apellido_paterno")].startswith("Una persona moral no lleva apellidos")
    assert errores[(4, "rfc")].startswith("El RFC debe tener 12 caracteres")
    assert (
        errores[(5, "monto_otorgado")]
        == "El monto debe ser un número como 1234.50 o 1,234.50 (la coma solo separa miles)."
    )
    assert errores[(5, "plazo_meses")] == "«4.5» no es un número entero."
    assert errores[(5, "servicios")].startswith("Servicio desconocido «gas»")
    # Same CURP as row 2 with another surname: which one is right is for a person to decide.
    assert errores[(6, "apellido_paterno")].startswith(
        "Los datos del titular no coinciden con los de la fila 2"
    )


def test_encabezados_desconocidos_o_faltantes(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "p.csv", [{"numero": "1", "nombre_titular": "x"}], ["numero", "nombre_titular"]
    )
    resultado = padron_importar(archivo=ruta, nombre="p.csv")
    assert {(e.fila, e.columna, e.mensaje) for e in resultado.errores} == {
        (1, "nombre_titular", "Columna desconocida."),
        (1, "nombre", "Falta esta columna obligatoria."),
        (1, "cartera", "Falta esta columna obligatoria."),
    }


def test_parcial_importa_las_buenas_y_escribe_las_rechazadas(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "lote.csv",
        [
            fila_agua("1001"),
            fila_agua("1002", clasificacion="residencial"),
            fila_credito("C-1"),
            fila_credito("C-2", curp="", pagare_folio=""),
        ],
    )
    salida = io.StringIO()
    call_command("importar_padron", str(ruta), "--parcial", stdout=salida, stderr=io.StringIO())

    assert sorted(Cuenta.objects.values_list("numero", flat=True)) == ["1001", "C-1"]
    assert "2 filas rechazadas" in salida.getvalue()
    rechazados = tmp_path / "lote.csv.rechazados.csv"
    assert rechazados.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents
    with open(rechazados, encoding="utf-8-sig") as archivo:
        filas = list(csv.DictReader(archivo))
    assert [(f["fila"], f["numero_cuenta"]) for f in filas] == [("3", "1002"), ("5", "C-2")]
    assert filas[0]["clasificacion"] == "residencial"
    assert filas[0]["errores"].startswith("clasificacion: Valor «residencial» no válido")
    assert filas[1]["errores"] == "pagare_folio: El folio del pagaré es obligatorio en un crédito."

    # The rejected file, corrected, goes in on its own.
    for fila in filas:
        del fila["fila"], fila["errores"]
    filas[0]["clasificacion"] = "comercial"
    filas[1]["pagare_folio"] = "P-77"
    escribir_csv(tmp_path / "corregido.csv", filas)
    call_command("importar_padron", str(tmp_path / "corregido.csv"), stdout=io.StringIO())
    assert Cuenta.objects.count() == 4


def test_reimportar_el_mismo_archivo_no_cambia_nada(tmp_path, carteras):
    ruta = escribir_csv(
        tmp_path / "p.csv", [fila_agua("1001"), fila_agua("1002"), fila_credito("C-1")]
    )
    padron_importar(archivo=ruta, nombre="p.csv")
    antes = historial_total()
    busquedas = dict(Cuenta.objects.values_list("numero", "busqueda"))

    resultado = padron_importar(archivo=ruta, nombre="p.csv")

    assert resultado.importado
    assert resultado.cuentas_sin_cambios == 3
    assert (resultado.cuentas_creadas, resultado.cuentas_actualizadas) == (0, 0)
    assert (resultado.titulares_creados, resultado.titulares_actualizados) == (0, 0)
    assert historial_total() == antes
    assert dict(Cuenta.objects.values_list("numero", "busqueda")) == busquedas


def test_fila_cambiada_actualiza_cuenta_y_titular_con_historial(tmp_path, carteras, crear_usuario):
    escribir_csv(tmp_path / "enero.csv", [fila_agua("1001"), fila_agua("1002")])
    padron_importar(archivo=tmp_path / "enero.csv", nombre="enero.csv")
    otra = CuentaFactory(titular=Titular.objects.get(), numero="9999")  # not in the file

    escribir_csv(
        tmp_path / "febrero.csv",
        [
            fila_agua("1001", ruta="105", apellido_materno="Lugo"),
            fila_agua("1002", apellido_materno="Lugo"),
        ],
    )
    supervisor = crear_usuario("supervisor")
    resultado = padron_importar(
        archivo=tmp_path / "febrero.csv", nombre="febrero.csv", usuario=supervisor
    )

    assert (resultado.cuentas_actualizadas, resultado.cuentas_sin_cambios) == (1, 1)
    assert resultado.titulares_actualizados == 1
    cuenta = Cuenta.objects.get(numero="1001")
    assert cuenta.ruta == "105"
    ultimo = cuenta.history.first()
    assert ultimo.history_change_reason == "Importación febrero.csv"
    assert ultimo.history_user == supervisor
    assert [c.field for c in ultimo.diff_against(ultimo.prev_record).changes] == ["ruta"]
    assert Cuenta.objects.get(numero="1002").history.count() == 1
    titular = Titular.objects.get()
    assert titular.apellido_materno == "Lugo"
    assert titular.nombre_normalizado == "JUAN PEREZ LUGO"
    assert titular.history.first().history_change_reason == "Importación febrero.csv"
    # Every cuenta of the titular is found by the new name, also one not in the file.
    for numero in ("1001", "1002", "9999"):
        assert "JUAN PEREZ LUGO" in Cuenta.objects.get(numero=numero).busqueda
    assert otra.history.count() == 1


def test_titular_por_curp_existente_y_sin_curp_se_crea(tmp_path, carteras):
    existente = TitularFactory(
        nombre="Juan", apellido_paterno="Pérez", apellido_materno="López", curp=CURP_JUAN
    )
    ruta = escribir_csv(
        tmp_path / "p.csv",
        [
            fila_agua(
                "1001",
                telefono=existente.telefono,
                domicilio_notificar=existente.domicilio,
                colonia=existente.colonia,
                municipio=existente.municipio,
                codigo_postal="",
            ),
            fila_agua("1002", curp="", nombre="Pedro"),
            fila_agua("1003", curp="", nombre="Pedro"),
        ],
    )
    resultado = padron_importar(archivo=ruta, nombre="p.csv")
    assert resultado.titulares_creados == 2  # rows without CURP/RFC are not merged
    assert Cuenta.objects.get(numero="1001").titular == existente
    assert existente.history.count() == 1  # same data: untouched


def test_cartera_por_opcion(tmp_path, carteras):
    filas = [
        fila_agua("1001"),
        fila_agua("1002", cartera=""),
        fila_agua("1003", cartera="creditos-hermosillo"),
    ]
    ruta = escribir_csv(tmp_path / "p.csv", filas)
    resultado = padron_importar(archivo=ruta, nombre="p.csv", cartera="agua-caborca")
    assert [(e.fila, e.columna) for e in resultado.errores] == [(4, "cartera")]
    resultado = padron_importar(archivo=ruta, nombre="p.csv", cartera="agua-caborca", parcial=True)
    assert Cuenta.objects.filter(cartera__clave="agua-caborca").count() == 2


def test_xlsx_escrito_con_openpyxl(tmp_path, carteras):
    libro = Workbook()
    hoja = libro.active
    hoja.append(
        [
            "Numero_Cuenta",
            "Cartera",
            "Nombre",
            "Apellido Paterno",
            "CURP",
            "Telefono",
            "Clave Catastral",
            "Clasificacion",
            "Sector",
            "Ruta",
            "Servicios",
            "Monto_Otorgado",
            "Pagare_Folio",
            "Fecha_Otorgamiento",
            "Codigo_Postal",
        ]
    )
    hoja.append(
        [
            2001,
            "agua-caborca",
            "Ramón",
            "Lugo",
            CURP_JUAN,
            6371112233,
            "17-9",
            "comercial",
            4,
            401,
            "agua",
            None,
            None,
            None,
            83600,
        ]
    )
    hoja.append(
        [
            "C-7",
            "creditos-hermosillo",
            "Ana",
            "Morales",
            CURP_ANA,
            None,
            None,
            None,
            None,
            None,
            None,
            30000.5,
            "P-7",
            date(2021, 3, 9),
            None,
        ]
    )
    ruta = tmp_path / "padron.xlsx"
    libro.save(ruta)

    resultado = padron_importar(archivo=ruta, nombre="padron.xlsx")

    assert resultado.errores == []
    agua = Cuenta.objects.get(numero="2001")
    assert (agua.sector, agua.ruta, agua.titular.telefono, agua.titular.codigo_postal) == (
        "4",
        "401",
        "6371112233",
        "83600",
    )
    credito = Cuenta.objects.get(numero="C-7")
    assert credito.monto_otorgado == Decimal("30000.50")
    assert credito.fecha_otorgamiento == date(2021, 3, 9)
    # and again: nothing changes
    antes = historial_total()
    assert padron_importar(archivo=ruta, nombre="padron.xlsx").cuentas_sin_cambios == 2
    assert historial_total() == antes


def test_archivo_que_no_es_csv_ni_xlsx(tmp_path, carteras):
    ruta = tmp_path / "padron.pdf"
    ruta.write_bytes(b"%PDF")
    with pytest.raises(CommandError, match="El archivo debe ser CSV o XLSX."):
        call_command("importar_padron", str(ruta))
    roto = tmp_path / "roto.xlsx"
    roto.write_bytes(b"no soy un xlsx")
    with pytest.raises(CommandError, match="No se pudo leer el archivo XLSX"):
        call_command("importar_padron", str(roto))


def test_csv_de_excel_con_punto_y_coma_y_latin1(tmp_path, carteras):
    ruta = tmp_path / "excel.csv"
    contenido = "numero_cuenta;cartera;nombre;apellido_paterno;clasificacion;sector;ruta\n5;agua-caborca;José;Muñoz;Pública;2;7\n"
    ruta.write_bytes(contenido.encode("cp1252"))
    resultado = padron_importar(archivo=ruta, nombre="excel.csv")
    assert resultado.errores == []
    cuenta = Cuenta.objects.get(numero="5")
    assert (cuenta.titular.nombre_completo, cuenta.clasificacion) == ("José Muñoz", "publica")


def _lecturas(consultas):
    return [q["sql"] for q in consultas.captured_queries if q["sql"].lstrip().startswith("SELECT")]


def test_diez_mil_filas_rapido_y_sin_una_consulta_por_fila(tmp_path, carteras):
    filas = [
        fila_agua(
            f"A{i:05d}",
            curp=curp_valida(
                f"PEVJ{i // 336 % 100:02d}{i % 12 + 1:02d}{i // 12 % 28 + 1:02d}HSRRLN0"
            ),
            apellido_paterno=f"Pérez{i}",
        )
        for i in range(10_000)
    ]
    ruta = escribir_csv(tmp_path / "grande.csv", filas)
    inicio = time.monotonic()
    with CaptureQueriesContext(connection) as consultas:
        resultado = padron_importar(archivo=ruta, nombre="grande.csv")
    assert resultado.cuentas_creadas == 10_000
    # Lookups go in lots of 900 (the writes in lots too, smaller on SQLite).
    assert len(_lecturas(consultas)) <= 40
    with CaptureQueriesContext(connection) as consultas:
        assert padron_importar(archivo=ruta, nombre="grande.csv").cuentas_sin_cambios == 10_000
    assert len(consultas) <= 40
    assert time.monotonic() - inicio < 60


def test_el_ejemplo_de_la_documentacion_se_importa(carteras, settings):
    ruta = settings.BASE_DIR / "docs" / "ejemplos" / "padron.csv"
    resultado = padron_importar(archivo=ruta, nombre=ruta.name)
    assert resultado.errores == []
    assert resultado.cuentas_creadas == 3
    empresa = Cuenta.objects.get(numero="010046")
    assert (empresa.titular.tipo_persona, empresa.gran_consumidor) == ("moral", "A")
    assert Cuenta.objects.get(numero="C-2019-0311").monto_otorgado == Decimal("48000.00")
