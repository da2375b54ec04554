"""Reading an import file, whatever bytes it holds: each encoding is read or refused with a
Spanish message naming the row, never a crash; unknown columns refuse every import; a rejects
file, corrected, goes back in as it is (formulas neutralised on the way out, restored on the
way in)."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from cobranza.libro.services.importacion import pagos_importar
from cobranza.models import Pago
from padron.beneficiarios.importacion import procesar_estatus
from padron.importacion.archivos import archivo_revisar, leer_archivo
from padron.importacion.services import padron_importar
from padron.models import Cuenta
from tests.cobranza.libro.test_importar_pagos import cuentas  # noqa: F401 (fixture)
from tests.padron.importacion.test_importar_padron import ENCABEZADOS, escribir_csv, fila_agua

pytestmark = pytest.mark.django_db

INDESCIFRABLE = b"numero_cuenta,nombre\n\x81\x8d,x\n"  # no UTF-8, no Windows-1252
FORMULA = '=HYPERLINK("http://x.example","pague")'
PADRON = "numero_cuenta,cartera,nombre,apellido_paterno,clasificacion,sector,ruta\n"


def _escribir(tmp_path, contenido: bytes, nombre="archivo.csv"):
    ruta = tmp_path / nombre
    ruta.write_bytes(contenido)
    return ruta


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("contenido", "codificacion"),
    [
        ((PADRON + "5,agua-caborca,José,Muñoz,domestica,2,7\n").encode(), "UTF-8"),
        ((PADRON + "5,agua-caborca,José,Muñoz,domestica,2,7\n").encode("utf-8-sig"), "UTF-8"),
        (
            (PADRON + "5,agua-caborca,José,Muñoz,domestica,2,7\n").encode("cp1252"),
            "Windows-1252 (latin-1)",
        ),
    ],
    ids=["utf8", "utf8-bom", "cp1252"],
)
def test_cada_codificacion_se_lee_y_el_resultado_la_dice(
    tmp_path, cartera_agua, contenido, codificacion
):
    ruta = _escribir(tmp_path, contenido)
    resultado = padron_importar(archivo=ruta, nombre=ruta.name)

    assert resultado.errores == [] and resultado.codificacion == codificacion
    assert Cuenta.objects.get(numero="5").titular.nombre_completo == "José Muñoz"
    assert ("leído como Windows-1252" in resultado.resumen()) == (codificacion != "UTF-8")


def test_bytes_indescifrables_en_el_comando_del_padron(tmp_path, cartera_agua):
    ruta = _escribir(tmp_path, INDESCIFRABLE)
    with pytest.raises(CommandError) as error:
        call_command("importar_padron", str(ruta), "--cartera", cartera_agua.clave)
    assert "Fila 2, columna numero_cuenta: tiene bytes que no son texto" in str(error.value)
    assert not Cuenta.objects.exists()


def test_bytes_indescifrables_en_el_comando_de_pagos(tmp_path, cuentas):  # noqa: F811
    ruta = _escribir(
        tmp_path, b"numero_cuenta,fecha,monto,referencia\n1001,15/02/2025,10.00,B\x8d-1\n"
    )
    with pytest.raises(CommandError, match="Fila 2, columna referencia: tiene bytes"):
        call_command("importar_pagos", str(ruta))
    assert not Pago.objects.exists()


def test_bytes_indescifrables_por_la_api_dan_400_y_no_500(cliente_api, crear_usuario, cartera_agua):
    api = cliente_api(crear_usuario("supervisor"))
    respuesta = api.post(
        "/api/v1/padron/importaciones/",
        {"archivo": SimpleUploadedFile("malo.csv", INDESCIFRABLE, "text/csv")},
        format="multipart",
    )
    assert respuesta.status_code == 400
    assert "Fila 2, columna numero_cuenta" in str(respuesta.json())
    assert not Cuenta.objects.exists()


def test_un_archivo_utf8_con_un_byte_suelto_nombra_su_fila(tmp_path):
    contenido = "numero_cuenta,nombre\n1,Peña\n2,".encode() + b"Mu\xf1oz\n"
    with pytest.raises(ValidationError) as error:
        leer_archivo(_escribir(tmp_path, contenido), "mezcla.csv")
    assert error.value.messages == [
        "Fila 3, columna nombre: tiene bytes que no son texto en UTF-8 (0xF1). "
        "Guarde el archivo como «CSV UTF-8» o como XLSX y vuelva a subirlo."
    ]


def test_un_caracter_de_control_nombra_su_fila_y_no_llega_a_la_base(tmp_path, cartera_agua):
    ruta = _escribir(tmp_path, (PADRON + "5,agua-caborca,Jo\x00sé,Muñoz,domestica,2,7\n").encode())
    with pytest.raises(ValidationError, match=r"Fila 2, columna nombre: .*U\+0000"):
        padron_importar(archivo=ruta, nombre=ruta.name)


@pytest.mark.parametrize("codificacion", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_se_rechaza_con_un_mensaje_claro(tmp_path, cartera_agua, codificacion):
    ruta = _escribir(
        tmp_path, (PADRON + "5,agua-caborca,José,Muñoz,domestica,2,7\n").encode(codificacion)
    )
    mensaje = "El archivo está en UTF-16; guárdelo como «CSV UTF-8» o como XLSX."
    with pytest.raises(CommandError, match=mensaje):
        call_command("importar_padron", str(ruta))
    with pytest.raises(ValidationError, match=mensaje), open(ruta, "rb") as archivo:
        archivo_revisar(archivo, ruta.name)  # the upload of a background job
    assert not Cuenta.objects.exists()


# --- unknown columns: one rule for every import -------------------------------------------


def test_columnas_desconocidas_en_el_padron(tmp_path, cartera_agua):
    ruta = _escribir(
        tmp_path, (PADRON.strip() + ",color\n5,agua-caborca,J,M,domestica,2,7,x\n").encode()
    )
    resultado = padron_importar(archivo=ruta, nombre=ruta.name)
    assert [(e.fila, e.columna, e.mensaje) for e in resultado.errores] == [
        (1, "color", "Columna desconocida.")
    ]
    assert not resultado.importado and not Cuenta.objects.exists()


def test_columnas_desconocidas_en_los_pagos(tmp_path, cuentas):  # noqa: F811
    ruta = _escribir(
        tmp_path,
        b"numero_cuenta,fecha,monto,referencia,sucursal,cajero\n1001,15/02/2025,10.00,B-1,3,7\n",
    )
    with pytest.raises(ValidationError) as error:
        pagos_importar(archivo=ruta, nombre=ruta.name)
    assert error.value.messages == [
        "Fila 1 (encabezados): Columnas desconocidas: sucursal, cajero. "
        "Se esperan: numero_cuenta, fecha, monto, referencia."
    ]
    assert not Pago.objects.exists()


class _Subida:
    """What procesar_estatus reads of an Importacion."""

    def __init__(self, contenido, nombre="estatus.csv"):
        self.archivo = SimpleUploadedFile(nombre, contenido)
        self.nombre, self.parametros, self.usuario = nombre, {}, None


def test_columnas_desconocidas_en_el_estatus_de_beneficiarios():
    subida = _Subida(b"curp,periodo,estatus,promedio\nX,2026-1,regular,9\n")
    with pytest.raises(ValidationError) as error:
        procesar_estatus(subida, lambda *a, **k: None)
    assert error.value.messages[0].startswith(
        "Fila 1 (encabezados): Columnas desconocidas: promedio. Se esperan: curp,"
    )


# --- the rejects file goes back in ----------------------------------------------------------


def _corregir(ruta, columna, valor):
    """The rejects file as a clerk fixes it in Excel: one cell changed, the rest untouched."""
    with open(ruta, encoding="utf-8-sig", newline="") as archivo:
        filas = list(csv.reader(archivo))
    indice = filas[0].index(columna)
    for fila in filas[1:]:
        fila[indice] = valor
    salida = io.StringIO()
    csv.writer(salida).writerows(filas)
    ruta.write_text(salida.getvalue(), encoding="utf-8")
    return filas


def test_los_rechazados_del_padron_neutralizan_formulas_y_corregidos_se_reimportan(
    tmp_path, cartera_agua
):
    ruta = escribir_csv(
        tmp_path / "lote.csv",
        [fila_agua("1001"), fila_agua("1002", nombre=FORMULA, clasificacion="residencial")],
    )
    call_command(
        "importar_padron", str(ruta), "--parcial", stdout=io.StringIO(), stderr=io.StringIO()
    )
    rechazados = tmp_path / "lote.csv.rechazados.csv"
    filas = _corregir(rechazados, "clasificacion", "comercial")
    assert filas[1][filas[0].index("nombre")] == "'" + FORMULA  # text when opened in Excel

    call_command("importar_padron", str(rechazados), stdout=io.StringIO())
    assert Cuenta.objects.get(numero="1002").titular.nombre == FORMULA  # as it came
    assert len(ENCABEZADOS) + 2 == len(filas[0])  # fila + columns + errores


def test_los_rechazados_de_pagos_neutralizan_formulas_y_corregidos_se_reimportan(
    tmp_path,
    cuentas,  # noqa: F811
):
    ruta = _escribir(
        tmp_path,
        (
            "numero_cuenta,fecha,monto,referencia\n"
            "1001,15/02/2025,10.00,B-1\n"
            f'1002,15/02/2025,diez,"{FORMULA.replace(chr(34), chr(34) * 2)}"\n'
        ).encode(),
    )
    call_command(
        "importar_pagos", str(ruta), "--parcial", stdout=io.StringIO(), stderr=io.StringIO()
    )
    rechazados = tmp_path / "archivo.csv.rechazados.csv"
    filas = _corregir(rechazados, "monto", "10.00")
    assert filas[1][filas[0].index("referencia")] == "'" + FORMULA

    call_command("importar_pagos", str(rechazados), stdout=io.StringIO())
    assert sorted(Pago.objects.values_list("referencia", flat=True)) == sorted(["B-1", FORMULA])


def test_bytes_indescifrables_en_un_trabajo_en_segundo_plano(
    cliente_api, crear_usuario, cartera_agua
):
    api = cliente_api(crear_usuario("supervisor"))
    respuesta = api.post(
        "/api/v1/importaciones/",
        {"tipo": "padron", "archivo": SimpleUploadedFile("malo.csv", INDESCIFRABLE)},
        format="multipart",
    )
    assert respuesta.status_code == 202
    estado = api.get(f"/api/v1/importaciones/{respuesta.json()['id']}/").json()
    assert estado["estado"] == "rechazada"
    assert estado["mensaje"].startswith("Fila 2, columna numero_cuenta: tiene bytes")
