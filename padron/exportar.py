"""The one writer of every CSV and XLSX the system hands out (exports, reports, rejects files).

A spreadsheet runs a cell that starts like a formula (`=`, `+`, `-`, `@`, and a leading tab or
carriage return that Excel skips before looking): a titular named `=HYPERLINK(...)` must come
out as text. So:

- CSV: free text that starts like a formula gets a leading `'` (`'=HYPERLINK(...)`); the
  imports strip that one `'` (padron.importacion.archivos), so a corrected rejects file goes
  back in as it came.
- XLSX: every string is a text cell, never a formula; one that starts like a formula also
  carries Excel's "quote prefix" (the `'` a clerk would type), so it stays text even when
  the cell is edited, and its value is kept exactly.
- Identifiers (`clave`: cuenta 060000091, CURP, RFC) are text, but Excel reads a CSV cell of
  digits as a number and drops its leading zeros: in CSV they are written as ="060000091",
  which Excel shows as the text 060000091. Only identifiers made of letters, digits and
  - / . are wrapped, so the wrapper can never carry a formula. In XLSX they are text cells.
- Amounts (`dinero`) are numbers with two decimals (#,##0.00 in XLSX), dates are dates
  (dd/mm/aaaa), so the sheet sums and sorts.
- CSV is UTF-8 with a BOM, so Excel opens the accents right.
"""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

BOM = "\ufeff"
FORMULA = ("=", "+", "-", "@", "\t", "\r")
CLAVE_SEGURA = re.compile(r"^[0-9A-Za-z./-]+$")
FORMATOS_XLSX = {"dinero": "#,##0.00", "fecha": "dd/mm/yyyy"}
NEGRITAS = Font(bold=True)
LOTE = 2000  # rows per chunk of a streamed CSV


def neutralizar(valor):
    """A string that a spreadsheet would run as a formula, with a leading `'`."""
    if isinstance(valor, str) and valor.startswith(FORMULA):
        return "'" + valor
    return valor


def texto_csv(valor, tipo: str = "texto"):
    """A cell as the CSV writes it (see the module doc for each `tipo`)."""
    if valor is None:
        return ""
    if tipo == "clave" and CLAVE_SEGURA.match(str(valor)):
        return f'="{valor}"'
    if tipo == "dinero" and isinstance(valor, Decimal | int | float):
        return f"{valor:.2f}"
    if isinstance(valor, datetime | date):
        return valor.strftime("%d/%m/%Y")
    return neutralizar(valor)


def _formato_csv(tipo: str):
    """texto_csv for the cells of one column, its usual value tested first: this runs for
    every cell of a list (66,000 rows × 13 columns), so the type is chosen once."""
    if tipo == "dinero":
        return lambda v: f"{v:.2f}" if v.__class__ is Decimal else texto_csv(v, tipo)
    if tipo == "entero":
        return lambda v: v if v.__class__ is int else texto_csv(v, tipo)
    if tipo == "clave":

        def clave(v):
            if v.__class__ is str and CLAVE_SEGURA.match(v):
                return f'="{v}"'
            return texto_csv(v, tipo)

        return clave
    textos = {}  # dates repeat (month starts, payment days): each is formatted once

    def otro(v):
        if v.__class__ is str:
            return "'" + v if v.startswith(FORMULA) else v
        if v.__class__ is date:
            texto = textos.get(v)
            if texto is None:
                texto = textos[v] = v.strftime("%d/%m/%Y")
            return texto
        return texto_csv(v, tipo)

    return otro


def lineas_csv(encabezados, filas: Iterable, tipos=None, *, bom: bool = True) -> Iterator[str]:
    """The CSV in chunks of LOTE rows, for a StreamingHttpResponse. `tipos` lines up with the
    columns (texto, clave, dinero, fecha, entero); missing means texto."""
    bufer = io.StringIO()
    escritor = csv.writer(bufer)
    if bom:
        bufer.write(BOM)
    escritor.writerow([neutralizar(str(e)) for e in encabezados])
    formatos = [_formato_csv(t) for t in tipos or []]
    for n, fila in enumerate(filas, 1):
        if len(fila) > len(formatos):
            formatos += [_formato_csv("texto") for _ in range(len(fila) - len(formatos))]
        escritor.writerow([f(v) for f, v in zip(formatos, fila, strict=False)])  # short rows too
        if n % LOTE == 0:
            yield bufer.getvalue()
            bufer.seek(0)
            bufer.truncate()
    yield bufer.getvalue()


def csv_texto(encabezados, filas: Iterable, tipos=None, *, bom: bool = False) -> str:
    """The whole CSV as one string (rejects files are small)."""
    return "".join(lineas_csv(encabezados, filas, tipos, bom=bom))


def celda_xlsx(hoja, valor, tipo: str = "texto", *, formato=None, negrita=False):
    """A write-only cell: strings as text (see the module doc), amounts and dates formatted."""
    if isinstance(valor, str):
        celda = WriteOnlyCell(hoja, value=valor)
        celda.data_type = "s"  # text, never a formula, whatever it starts with
        if valor.startswith(FORMULA):
            celda.quotePrefix = True
    else:
        celda = WriteOnlyCell(hoja, value=valor)
        if formato is None and isinstance(valor, Decimal):
            formato = FORMATOS_XLSX["dinero"]
        formato = formato or FORMATOS_XLSX.get(tipo)
        if formato and valor is not None:
            celda.number_format = formato
    if negrita:
        celda.font = NEGRITAS
    return celda


def fila_xlsx(hoja, valores, tipos=None, *, negrita=False) -> list:
    tipos = list(tipos or [])
    return [
        celda_xlsx(hoja, v, tipos[i] if i < len(tipos) else "texto", negrita=negrita)
        for i, v in enumerate(valores)
    ]


def anexar(hoja, valores, tipos=None, *, negrita=False) -> None:
    """hoja.append for a write-only sheet, every string a text cell (never a formula)."""
    hoja.append(fila_xlsx(hoja, valores, tipos, negrita=negrita))


# --- long lists: XlsxWriter in constant-memory mode --------------------------------------------
# openpyxl builds an object per cell even in write-only mode (17.7 of 21.9 s of a 66,000-row
# list went to cell writes); XlsxWriter's constant_memory writes each row's XML as soon as the
# next row starts, with one call per cell. Same rules as above: strings are text cells (a
# formula-like one with Excel's quote prefix), amounts numbers with two decimals, dates dates.
# The exporters now write with padron.xlsx_directo (same interface, ~6 × faster: XlsxWriter's
# per-cell calls were most of its time); this one stays for the benchmark's comparison.


class HojaLarga:
    """One sheet written row by row to `destino` (a path or a binary file), in constant memory:
    rows must come in order. `cerrar()` writes the file."""

    def __init__(self, destino, titulo: str, anchos=(), *, tipos=()):
        import xlsxwriter  # only the long lists need it

        self.libro = xlsxwriter.Workbook(
            destino,
            {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False},
        )
        self.hoja = self.libro.add_worksheet(titulo[:31])
        self.formatos = {
            "dinero": self.libro.add_format({"num_format": FORMATOS_XLSX["dinero"]}),
            "fecha": self.libro.add_format({"num_format": FORMATOS_XLSX["fecha"]}),
        }
        self.negrita = self.libro.add_format({"bold": True})
        self.negrita_dinero = self.libro.add_format(
            {"bold": True, "num_format": FORMATOS_XLSX["dinero"]}
        )
        self.comilla = self.libro.add_format({"quote_prefix": True})
        for i, ancho in enumerate(anchos):
            self.hoja.set_column(i, i, ancho)
        self.renglon = 0
        # One writer per column, chosen once: the cells of a long list are written in one call.
        self._escritores = [self._escritor(t) for t in tipos]

    def _escritor(self, tipo):
        hoja, formato = self.hoja, self.formatos.get(tipo)
        texto = self._texto
        if tipo == "dinero":

            def dinero(r, c, v):
                if isinstance(v, str):
                    return texto(r, c, v)
                hoja.write_number(r, c, float(v), formato)

            return dinero
        if tipo == "fecha":

            def fecha(r, c, v):
                if isinstance(v, str):
                    return texto(r, c, v)
                hoja.write_datetime(r, c, v, formato)

            return fecha
        if tipo == "entero":

            def entero(r, c, v):
                if isinstance(v, str):
                    return texto(r, c, v)
                hoja.write_number(r, c, v)

            return entero
        return texto

    def _texto(self, r, c, valor):
        valor = str(valor)
        if valor.startswith(FORMULA):
            self.hoja.write_string(r, c, valor, self.comilla)
        else:
            self.hoja.write_string(r, c, valor)

    def fila(self, valores) -> None:
        """A row of the list, typed by `tipos`; None is an empty cell."""
        r = self.renglon
        for c, (escribir, valor) in enumerate(zip(self._escritores, valores, strict=True)):
            if valor is not None:
                escribir(r, c, valor)
        self.renglon += 1

    def fila_negrita(self, valores, tipos=()) -> None:
        """A title, header or totals row: bold; amounts keep their format."""
        tipos = list(tipos)
        for c, valor in enumerate(valores):
            if valor is None:
                continue
            tipo = tipos[c] if c < len(tipos) else "texto"
            if isinstance(valor, str):
                self.hoja.write_string(self.renglon, c, valor, self.negrita)
            elif tipo == "dinero" or isinstance(valor, Decimal):
                self.hoja.write_number(self.renglon, c, float(valor), self.negrita_dinero)
            else:
                self.hoja.write_number(self.renglon, c, valor, self.negrita)
        self.renglon += 1

    def texto(self, linea: str) -> None:
        self._texto(self.renglon, 0, linea)
        self.renglon += 1

    def vacia(self) -> None:
        self.renglon += 1

    def fijar_encabezado(self) -> None:
        """Freeze the rows written so far (title and header) above the list."""
        self.hoja.freeze_panes(self.renglon, 0)

    def cerrar(self) -> None:
        self.libro.close()
