"""The one writer of CSV and XLSX (padron.exportar): a titular named like a formula comes out
as text in every export, identifiers keep their zeros, and what it neutralises the imports
read back as it was."""

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from cobranza.reportes.archivos import reporte_xlsx
from cobranza.reportes.registro import TipoReporte
from convenios.reportes.exports import descuentos_xlsx
from padron.exportar import celda_xlsx, csv_texto, lineas_csv, neutralizar
from padron.importacion.archivos import _celda

FORMULA = '=HYPERLINK("http://x.example","pague")'
D = Decimal


def _libro(contenido: bytes):
    return load_workbook(io.BytesIO(contenido))


def _celda_con(libro, texto):
    return next(
        c for hoja in libro for fila in hoja.iter_rows() for c in fila if texto in str(c.value)
    )


def test_csv_neutraliza_cada_inicio_de_formula_y_conserva_los_ceros():
    filas = [
        ["060000091", FORMULA, "+52 637", "-1", "@SUMA", "\tx", "\rx", "Peña", D("1234.5")],
    ]
    texto = "".join(
        lineas_csv(["Cuenta", "Titular", "a", "b", "c", "d", "e", "f", "Saldo"], filas, ["clave"])
    )
    assert texto.startswith("\ufeff")  # Excel opens the accents right
    leidas = list(csv.reader(io.StringIO(texto.removeprefix("\ufeff"))))
    assert leidas[1] == [
        '="060000091"',
        "'" + FORMULA,
        "'+52 637",
        "'-1",
        "'@SUMA",
        "'\tx",
        "'\rx",
        "Peña",
        "1234.5",
    ]


def test_csv_dinero_con_dos_decimales_y_fechas_dd_mm_aaaa():
    texto = csv_texto(["Saldo", "Fecha"], [[D("1234.5"), date(2026, 3, 9)]], ["dinero"])
    assert texto.splitlines()[1] == "1234.50,09/03/2026"


def test_xlsx_texto_nunca_es_formula_y_montos_con_formato():
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("x")
    hoja.append(
        [celda_xlsx(hoja, FORMULA), celda_xlsx(hoja, "060000091"), celda_xlsx(hoja, D("5"))]
    )
    salida = io.BytesIO()
    libro.save(salida)

    a, b, c = next(_libro(salida.getvalue()).active.iter_rows(max_row=1))
    assert (a.value, a.data_type, a.quotePrefix) == (FORMULA, "s", True)
    assert (b.value, b.data_type) == ("060000091", "s")
    assert (c.value, c.number_format) == (5, "#,##0.00")


@given(st.text(max_size=30))
def test_lo_que_el_escritor_neutraliza_el_lector_lo_devuelve_igual(texto):
    assert _celda(neutralizar(texto)) == _celda(texto)


def test_descuentos_xlsx_escribe_al_titular_formula_como_texto():
    usuario = SimpleNamespace(get_full_name=lambda: "Ana Supervisora", username="ana")
    convenio = SimpleNamespace(
        folio="CV-1",
        firmado=datetime(2026, 2, 3, 12, tzinfo=ZoneInfo("America/Hermosillo")),
        cuenta=SimpleNamespace(
            numero="060000091",
            titular=SimpleNamespace(nombre_completo=FORMULA),
            cartera=SimpleNamespace(nombre="Agua Caborca"),
        ),
        alternativa=SimpleNamespace(nombre="@contado"),
        campana_id=None,
        nivel_requerido_id=None,
        adeudo=D("100.00"),
        descuento=D("10.00"),
        total=D("90.00"),
        capturado_por=usuario,
        autorizado_por=None,
    )
    convenios = SimpleNamespace(iterator=lambda chunk_size: iter([convenio]))
    totales = {"convenios": 1, "adeudo": D("100"), "descuento": D("10"), "total": D("90")}

    libro = _libro(
        descuentos_xlsx(convenios, totales, desde=date(2026, 2, 1), hasta=date(2026, 2, 28))
    )
    titular = _celda_con(libro, "HYPERLINK")
    assert (titular.value, titular.data_type) == (FORMULA, "s")
    assert _celda_con(libro, "contado").data_type == "s"
    assert _celda_con(libro, "060000091").data_type == "s"


def test_reporte_xlsx_escribe_texto_formula_como_texto():
    tipo = TipoReporte(
        clave="prueba",
        titulo="Prueba",
        calcular=lambda cartera, periodo: {},
        plantilla_pdf="",
        hojas=lambda datos: [("Gestores", ["Gestor", "Cobrado"], [[FORMULA, D("12.30")]])],
    )
    datos = {"cartera": {"nombre": "=1+1", "clave": "x"}, "periodo": "2026-02", "tipo": "prueba"}

    libro = _libro(reporte_xlsx(tipo, datos))
    for texto in ("HYPERLINK", "=1+1"):
        assert _celda_con(libro, texto).data_type == "s"
    assert libro["Gestores"]["B2"].number_format == "#,##0.00"
