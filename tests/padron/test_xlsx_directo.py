"""The XLSX written directly (padron.xlsx_directo): a clerk who opens it finds what the former
XlsxWriter file showed, cell by cell (values to the centavo, numbers as numbers with their
format, dates as dates, bold title, header and totals, the header frozen); text never runs as
a formula; and a long list takes no more memory than a short one."""

import io
import tempfile
import tracemalloc
from datetime import date, datetime
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from cobranza.morosos.exports import (
    COLUMNAS_MOROSOS,
    ExportadorXLSX,
    ExportadorXLSXXlsxWriter,
    Tabla,
)
from padron.xlsx_directo import HojaDirecta

D = Decimal
FORMULA = '=HYPERLINK("http://x.example","pague")'


def _renglon(n, titular="José Muñoz Peña", ultimo_pago=date(2026, 1, 15)):
    return (
        n,
        f"0600{n:05d}",
        titular,
        "MUPJ800101HSRXXX09",
        "Hidalgo 12 & Juárez <esq.>, Centro",
        "03",
        "12",
        "Doméstica",
        D("12345.67") + n,
        D("2345.60"),
        7,
        date(2025, 5, 1),
        ultimo_pago,
    )


def _tabla(filas):
    totales = [None] * len(COLUMNAS_MOROSOS)
    totales[1], totales[2] = "TOTAL", f"{len(filas)} cuentas"
    totales[8] = sum((f[8] for f in filas), D("0"))
    totales[9] = sum((f[9] for f in filas), D("0"))
    return Tabla(
        titulo="Lista de morosos LM26-000007",
        archivo="morosos-LM26-000007",
        columnas=COLUMNAS_MOROSOS,
        filas=lambda: iter(filas),
        total_filas=len(filas),
        encabezado=["Cartera: Agua Caborca", "3 cuentas; saldo vencido total $7,036.80"],
        totales=tuple(totales),
    )


def _hoja(exportador, tabla):
    destino = io.BytesIO()
    exportador(tabla).escribir(destino)
    return load_workbook(io.BytesIO(destino.getvalue())).active


FILAS = [
    _renglon(1),
    _renglon(2, titular=FORMULA, ultimo_pago=None),  # never paid: an empty cell
    _renglon(3, titular="  Ana  "),
]


def test_la_lista_se_lee_con_sus_numeros_fechas_y_totales():
    hoja = _hoja(ExportadorXLSX, _tabla(FILAS))
    filas = list(hoja.iter_rows(values_only=True))

    assert filas[0][0] == "Lista de morosos LM26-000007" and hoja["A1"].font.b
    assert filas[1][0] == "Cartera: Agua Caborca"
    assert filas[4][:3] == ("#", "Cuenta", "Titular") and hoja["C5"].font.b
    assert hoja.freeze_panes == "A6"  # the header stays in view
    primero, segundo, tercero = filas[5:8]
    assert primero[:3] == (1, "060000001", "José Muñoz Peña")
    assert primero[4] == "Hidalgo 12 & Juárez <esq.>, Centro"
    assert D(str(primero[8])) == D("12346.67") and D(str(primero[9])) == D("2345.60")
    assert hoja["I6"].data_type == "n" and hoja["I6"].number_format == "#,##0.00"
    assert primero[10] == 7 and hoja["K6"].data_type == "n"
    assert primero[11] == datetime(2025, 5, 1) and hoja["L6"].number_format == "dd/mm/yyyy"
    assert segundo[12] is None and segundo[2] == FORMULA
    assert hoja["C7"].data_type == "s" and hoja["C7"].quotePrefix  # text, never a formula
    assert tercero[2] == "  Ana  "
    total = filas[-1]
    assert total[1:3] == ("TOTAL", "3 cuentas") and hoja.cell(hoja.max_row, 2).font.b
    assert D(str(total[8])) == D("37043.01") and D(str(total[9])) == D("7036.80")
    assert hoja.cell(hoja.max_row, 10).number_format == "#,##0.00"


def test_cada_celda_como_la_escribia_xlsxwriter():
    directa = _hoja(ExportadorXLSX, _tabla(FILAS))
    anterior = _hoja(ExportadorXLSXXlsxWriter, _tabla(FILAS))

    def celdas(hoja):
        return [
            (c.coordinate, c.value, c.data_type, c.number_format, c.font.b, c.quotePrefix)
            for fila in hoja.iter_rows()
            for c in fila
            if c.value is not None
        ]

    assert celdas(directa) == celdas(anterior)
    assert directa.freeze_panes == anterior.freeze_panes
    for letra in "ABCEIL":  # (XlsxWriter groups equal neighbours: L holds L:M)
        assert directa.column_dimensions[letra].width == anterior.column_dimensions[letra].width


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=25))
def test_cualquier_texto_se_lee_como_en_el_archivo_de_xlsxwriter(texto):
    fila = [(1, texto, texto, *FILAS[0][3:])]
    directa = _hoja(ExportadorXLSX, _tabla(fila))
    anterior = _hoja(ExportadorXLSXXlsxWriter, _tabla(fila))
    assert [c.value for c in directa[6]] == [c.value for c in anterior[6]]
    assert directa["C6"].quotePrefix == anterior["C6"].quotePrefix


def test_una_lista_larga_no_ocupa_mas_memoria_que_una_corta():
    def pico(renglones):
        filas = (_renglon(n) for n in range(1, renglones + 1))
        with tempfile.TemporaryFile() as destino:
            tracemalloc.start()
            hoja = HojaDirecta(destino, "x", tipos=[c.tipo for c in COLUMNAS_MOROSOS])
            for fila in filas:
                hoja.fila(fila)
            hoja.cerrar()
            pico = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        return pico

    corta, larga = pico(3_000), pico(30_000)
    assert larga <= 1.5 * corta
