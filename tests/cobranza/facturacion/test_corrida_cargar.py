"""Staging a billing run: each row checked on its own and against the padrón and the ledger,
its totals, its comparison with last month by tipo de usuario and its anomalies. Nothing
reaches the cartera."""

import csv
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from cobranza.facturacion.selectors import corrida_anomalias, corrida_comparacion, sin_factura
from cobranza.facturacion.services.corridas import corrida_rechazados_csv
from cobranza.models import Cargo
from padron.models import Cuenta
from tests.cobranza.facturacion.conftest import COLUMNAS, HOY, cargar, factura
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]
D = Decimal


def test_una_corrida_chica_se_prepara_con_sus_totales_exactos(cuentas, cargador):
    importacion, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "122", "220.00", drenaje="44.00", saneamiento="22.00"),
            factura("B-2", "500", "541", "410.00", iva="65.60", tipo="comercial"),
            factura("C-3", "9000", "9100", "1000.00", drenaje="200.00"),
        ],
    )

    assert importacion.estado == "terminada" and importacion.aceptadas == 3
    assert corrida.estado == "en_revision"
    assert (corrida.filas, corrida.validas, corrida.rechazadas, corrida.cuentas) == (3, 3, 0, 3)
    assert corrida.volumen_m3 == D("163.00")  # 22 + 41 + 100
    assert corrida.total == D("1961.60")  # 286.00 + 475.60 + 1200.00
    assert not Cargo.objects.filter(periodo=corrida.periodo).exists()  # staged, not posted


def test_comparacion_con_el_mes_anterior_por_tipo_de_usuario(cuentas, cargador):
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "130", "300.00"),
            factura("B-2", "500", "520", "200.00", tipo="comercial"),
            factura("C-3", "9000", "9100", "1000.00"),
        ],
    )
    filas = {f["clave"]: f for f in corrida_comparacion(corrida)}

    domestica = filas["domestica"]  # A and C: 30 + 100 m³ now, 20 + 100 in 10/2026
    assert (domestica["volumen"], domestica["volumen_anterior"]) == (D("130.00"), D("120.00"))
    assert (domestica["monto"], domestica["monto_anterior"]) == (D("1300.00"), D("1200.00"))
    assert domestica["volumen_cambio"].quantize(D("0.01")) == D("8.33")
    comercial = filas["comercial"]  # B: 20 m³ against 40
    assert comercial["volumen_cambio"] == D("-50")
    assert comercial["cuentas"] == comercial["cuentas_anterior"] == 1
    total = filas[""]
    assert (total["monto"], total["monto_anterior"]) == (D("1500.00"), D("1600.00"))


def test_anomalias_atipico_cero_gran_consumidor_y_sin_factura(cuentas, cartera, cargador):
    sin_recibo = CuentaFactory(numero="D-4", cartera=cartera)
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "161", "610.00"),  # 61 m³ > 3 × 20
            factura("B-2", "500", "500", "90.00", tipo="comercial"),  # 0 m³: the minimum charge
            factura("C-3", "9000", "9100", "1000.00"),
        ],
    )
    anomalias = corrida_anomalias(corrida)

    assert [r.numero_cuenta for r in anomalias["filas_atipico"]] == ["A-1"]
    assert anomalias["filas_atipico"][0].promedio_m3 == D("20.00")
    assert [r.numero_cuenta for r in anomalias["filas_cero"]] == ["B-2"]
    assert [(r.numero_cuenta, r.revision) for r in anomalias["filas_gran_consumidor"]] == [
        ("C-3", "pendiente")
    ]
    assert list(sin_factura(corrida)) == [sin_recibo]


@pytest.mark.parametrize(
    ("fila", "columna", "texto"),
    [
        (
            factura("A-1", "100", "90", "10.00", consumo="10"),
            "lectura_actual",
            "menor que la anterior",
        ),
        (factura("A-1", "100", "120", "10.00", consumo="25"), "consumo_m3", "no es la diferencia"),
        (factura("A-1", "100", "120", "10.005"), "agua", "dos decimales"),
        (factura("A-1", "100", "120", "-5"), "agua", "mayor que cero"),
        (factura("A-1", "100", "120", "1,50"), "agua", "número"),
        (
            factura("A-1", "100", "120", "10.00", periodo="2026-10"),
            "periodo",
            "no es el de la corrida",
        ),
        (factura("A-1", "100", "120", "10.00", tipo="rural"), "tipo_usuario", "no válido"),
        (
            factura("A-1", "100", "120", "10.00", vence="31/02/2026"),
            "fecha_vencimiento",
            "Fecha no válida",
        ),
        (factura("A-1", "100", "120", "0"), "agua", "no tiene importe"),
    ],
)
def test_una_fila_mal_queda_rechazada_con_su_columna(cuentas, cargador, fila, columna, texto):
    _, corrida = cargar(cargador, [fila, factura("B-2", "500", "520", "200.00", tipo="comercial")])

    renglon = corrida.renglones.get(fila=2)
    assert renglon.valido is False
    assert any(c == columna and texto in m for c, m in renglon.errores), renglon.errores
    assert (corrida.validas, corrida.rechazadas) == (1, 1)


def test_contra_el_padron_y_el_libro(cuentas, cartera, cargador):
    CuentaFactory(numero="E-5", cartera=cartera, estado=Cuenta.Estado.BAJA)
    Cargo.objects.filter(cuenta=cuentas["b"]).update(periodo="2026-11-01")  # B already billed
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "120", "200.00"),
            factura("Z-9", "1", "2", "10.00"),
            factura("E-5", "1", "2", "10.00"),
            factura("B-2", "500", "520", "200.00", tipo="comercial"),
            factura("A-1", "120", "130", "100.00"),
        ],
    )
    errores = {r.fila: (r.error_cuenta, r.errores) for r in corrida.renglones.filter(valido=False)}

    assert errores[3][0] == "no_existe"
    assert errores[4][0] == "inactiva"
    assert errores[5][0] == "facturado"
    assert errores[6][1] == [["numero_cuenta", "La fila repite la 2."]]
    assert corrida.validas == 1
    rechazados = list(csv.DictReader(io.StringIO(corrida_rechazados_csv(corrida))))
    assert [r["fila"] for r in rechazados] == ["3", "4", "5", "6"]
    assert rechazados[0]["numero_cuenta"] == "Z-9"
    assert "no existe en el padrón" in rechazados[0]["errores"]


def test_el_mismo_archivo_dos_veces_es_la_misma_corrida(cuentas, cargador):
    filas = [factura("A-1", "100", "120", "200.00")]
    _, primera = cargar(cargador, filas)
    segunda, repetida = cargar(cargador, filas)

    assert repetida.pk == primera.pk
    assert "ya se había cargado" in segunda.mensaje
    assert primera.renglones.count() == 1


@pytest.mark.parametrize("codificacion", ["latin-1", "utf-8-sig", "cp1252"])
def test_csv_en_latin1_o_utf8_con_bom(cuentas, cargador, codificacion):
    encabezados = ["número", *COLUMNAS[1:]]  # an accented header, normalised to numero_cuenta
    _, corrida = cargar(
        cargador,
        [factura("A-1", "100", "120", "200.00", tipo="doméstico")],
        encabezados=encabezados,
        codificacion=codificacion,
    )
    assert corrida.validas == 1 and corrida.renglones.get().tipo_usuario == "domestica"


def test_xlsx(cuentas, cargador):
    libro = Workbook()
    hoja = libro.active
    hoja.append(COLUMNAS)
    hoja.append(["A-1", "2026-11", 100, 120, 20, "domestico", 200, 0, 0, 0, 0, "10/12/2026"])
    contenido = io.BytesIO()
    libro.save(contenido)
    subido = SimpleUploadedFile("noviembre.xlsx", contenido.getvalue())

    _, corrida = cargar(cargador, subido=subido)
    assert corrida.validas == 1 and corrida.total == D("200.00")


@pytest.mark.parametrize(
    ("contenido", "nombre", "texto"),
    [
        ("numero_cuenta,periodo\n".encode("utf-16"), "x.csv", "UTF-16"),
        (b"numero_cuenta,periodo\n\x00\x00A-1,2026-11\n", "x.csv", "no es texto"),
        (b"hola", "x.xlsx", "no es un XLSX"),
        (b"", "x.csv", "vacío"),
        (b"a,b", "x.pdf", "CSV o XLSX"),
    ],
)
def test_un_archivo_malo_se_rechaza_sin_escribir_nada(cargador, cartera, contenido, nombre, texto):
    from django.core.exceptions import ValidationError

    from padron.importacion.models import Importacion
    from padron.importacion.trabajos import importacion_crear

    with pytest.raises(ValidationError) as error:
        importacion_crear(
            tipo="facturacion",
            archivo=SimpleUploadedFile(nombre, contenido),
            usuario=cargador,
            parametros={"cartera": "agua-caborca", "periodo": "2026-11"},
        )
    assert texto in " ".join(error.value.messages)
    assert not Importacion.objects.exists()


def test_columnas_desconocidas_o_faltantes_rechazan_la_corrida(cuentas, cargador):
    importacion, corrida = cargar(
        cargador,
        [["A-1", "2026-11", "200.00", "x"]],
        encabezados=["numero_cuenta", "periodo", "agua", "color"],
    )
    assert importacion.estado == "rechazada"
    assert "Fila 1 (encabezados)" in importacion.mensaje
    assert "desconocidas: color" in importacion.mensaje and "Faltan columnas" in importacion.mensaje
    assert corrida is None or not corrida.renglones.exists()
