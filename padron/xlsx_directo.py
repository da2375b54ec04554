"""An .xlsx written directly, for the long lists: the rows go as SpreadsheetML text into the
zip entry of the sheet, a chunk at a time, so memory stays flat and no object is built per
cell (XlsxWriter spent ~85% of a 66,000-row list in its per-cell calls; docs/benchmarks.md).

An .xlsx is a zip of a few XML parts: the fixed ones (content types, relationships, the
workbook, the styles) are written whole; the sheet is streamed. The rules are those of
padron.exportar: strings are inline text cells, never formulas (one that starts like a
formula carries Excel's quote prefix); amounts are numbers formatted #,##0.00; dates are
date serials formatted dd/mm/yyyy; integers are numbers.

`HojaDirecta` has the interface of `padron.exportar.HojaLarga`, so the exporters take either.
"""

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from padron.exportar import FORMULA

LOTE = 2000  # rows per write into the zip entry
EPOCA = date(1899, 12, 30).toordinal()  # Excel's day 0 (1900 date system)
RAYA_ANCHO, RELLENO = 7, 5  # pixels of a digit of the default font, and of a cell's padding

# Indices into cellXfs of ESTILOS.
NORMAL, DINERO, FECHA, NEGRITA, NEGRITA_DINERO, COMILLA, NEGRITA_COMILLA, NEGRITA_FECHA = range(8)

# What may need more than pasting the string between tags: XML's specials, control
# characters (written as _xHHHH_, as Excel does; so a literal _xHHHH_ is escaped too, hence
# any "_"), non-characters and lone surrogates; and, at either end, a blank (kept with
# xml:space) or a start like a formula (quote prefix). One character class and two tuple
# tests: the fast path of every text cell.
_RARO = re.compile(r"[&<>_\x00-\x08\x0b-\x1f\ufffe\uffff\ud800-\udfff]")
_BLANCOS = (" ", "\t", "\n", "\r")
_EXTREMOS_INICIO = (*FORMULA, *_BLANCOS)
_ESCAPE_LITERAL = re.compile(r"(_x[0-9A-Fa-f]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_SURROGADO = re.compile(r"[\ud800-\udfff]")

TIPOS_CONTENIDO = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" \
ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
</Types>"""
RELACIONES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
Target="xl/workbook.xml"/></Relationships>"""
RELACIONES_LIBRO = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" \
Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" \
Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" \
Target="styles.xml"/></Relationships>"""
LIBRO = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
<bookViews><workbookView/></bookViews>\
<sheets><sheet name={nombre} sheetId="1" r:id="rId1"/></sheets></workbook>"""
_XF = '<xf numFmtId="{}" fontId="{}" fillId="0" borderId="0" xfId="0"{}/>'
ESTILOS = (
    """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="8">"""
    # numFmtId 4 is Excel's built-in #,##0.00; 164 the date format above.
    + _XF.format(0, 0, "")
    + _XF.format(4, 0, ' applyNumberFormat="1"')
    + _XF.format(164, 0, ' applyNumberFormat="1"')
    + _XF.format(0, 1, ' applyFont="1"')
    + _XF.format(4, 1, ' applyFont="1" applyNumberFormat="1"')
    + _XF.format(0, 0, ' quotePrefix="1"')
    + _XF.format(0, 1, ' applyFont="1" quotePrefix="1"')
    + _XF.format(164, 1, ' applyFont="1" applyNumberFormat="1"')
    + """</cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
</styleSheet>"""
)
INICIO_HOJA = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
)


def letra(columna: int) -> str:
    """The letters of a 0-based column: 0 → A, 26 → AA."""
    letras = ""
    columna += 1
    while columna:
        columna, resto = divmod(columna - 1, 26)
        letras = chr(65 + resto) + letras
    return letras


def _comun(valor: str) -> bool:
    """Text that goes between the tags as it is."""
    return (
        _RARO.search(valor) is None
        and not valor.startswith(_EXTREMOS_INICIO)
        and not valor.endswith(_BLANCOS)
    )


def texto_xml(valor: str) -> str:
    """The <is> element of an inline string cell."""
    if _comun(valor):
        return f"<is><t>{valor}</t></is>"
    preservar = valor.startswith(_BLANCOS) or valor.endswith(_BLANCOS)
    valor = _ESCAPE_LITERAL.sub(r"_x005F\1", valor)
    valor = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", valor)
    valor = escape(_SURROGADO.sub("\ufffd", valor))
    return (
        f'<is><t xml:space="preserve">{valor}</t></is>' if preservar else f"<is><t>{valor}</t></is>"
    )


def serial(valor) -> str:
    """A date (or naive datetime) as Excel's day number."""
    if isinstance(valor, datetime):
        if valor.tzinfo is not None:
            raise TypeError("Una fecha con zona horaria no se escribe en XLSX: conviértala antes.")
        segundos = valor.hour * 3600 + valor.minute * 60 + valor.second + valor.microsecond / 1e6
        return repr(valor.toordinal() - EPOCA + segundos / 86400)
    return str(valor.toordinal() - EPOCA)


def numero(valor) -> str:
    """A number as the <v> of a cell: Decimal and int exactly; floats by repr."""
    if isinstance(valor, Decimal | int) and not isinstance(valor, bool):
        return str(valor)
    return repr(float(valor))


def _celdas(tipo: str, columna: int):
    """The function that writes one cell of a column of type `tipo`: (row, value) -> XML.
    A string in a numeric column is written as text. The common case (plain text, a Decimal,
    an int, a repeated date) takes one test and one f-string: this runs for every cell."""
    ref = f'<c r="{letra(columna)}'

    def texto(r, v):
        if v.__class__ is not str:
            v = str(v)
        if (
            _RARO.search(v) is None
            and not v.startswith(_EXTREMOS_INICIO)
            and not v.endswith(_BLANCOS)
        ):
            return f'{ref}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
        estilo = f' s="{COMILLA}"' if v.startswith(FORMULA) else ""
        return f'{ref}{r}" t="inlineStr"{estilo}>{texto_xml(v)}</c>'

    if tipo in ("dinero", "entero"):
        # The column's usual class (Decimal for money, int) goes straight into the f-string.
        usual, estilo = (Decimal, f' s="{DINERO}"') if tipo == "dinero" else (int, "")

        def cifra(r, v):
            if v.__class__ is usual:
                return f'{ref}{r}"{estilo}><v>{v}</v></c>'
            if isinstance(v, str):
                return texto(r, v)
            return f'{ref}{r}"{estilo}><v>{numero(v)}</v></c>'

        return cifra
    if tipo == "fecha":
        seriales = {}  # a list repeats few dates (month starts, payment days)

        def fecha(r, v):
            s = seriales.get(v)
            if s is None:
                if isinstance(v, str):
                    return texto(r, v)
                s = seriales[v] = serial(v)
            return f'{ref}{r}" s="{FECHA}"><v>{s}</v></c>'

        return fecha
    return texto


def _celda_negrita(columna: int, r: int, valor, tipo: str) -> str:
    ref = f'<c r="{letra(columna)}{r}"'
    if isinstance(valor, str):
        estilo = NEGRITA_COMILLA if valor.startswith(FORMULA) else NEGRITA
        return f'{ref} t="inlineStr" s="{estilo}">{texto_xml(valor)}</c>'
    if isinstance(valor, date):
        return f'{ref} s="{NEGRITA_FECHA}"><v>{serial(valor)}</v></c>'
    estilo = NEGRITA_DINERO if tipo == "dinero" or isinstance(valor, Decimal) else NEGRITA
    return f'{ref} s="{estilo}"><v>{numero(valor)}</v></c>'


def _nombre_hoja(titulo: str) -> str:
    limpio = re.sub(r"[\[\]:*?/\\]", " ", titulo).strip("'")[:31]
    return limpio or "Hoja1"


class HojaDirecta:
    """One sheet written row by row to `destino` (a path or a binary file); `cerrar()`
    finishes the file. The rows above the list (title, header) are held until the first row
    of the list, so that `fijar_encabezado()`, which the file states before any row, can
    still freeze them."""

    def __init__(self, destino, titulo: str, anchos=(), *, tipos=(), nivel_zip: int = 1):
        # Level 1: deflate's size gain at about half the time of the usual level 6 (on the
        # 65,000-row morosos list: 8.5 MB instead of 6.7 MB, 0.8 s of CPU instead of 1.4 s).
        self.zip = zipfile.ZipFile(destino, "w", zipfile.ZIP_DEFLATED, compresslevel=nivel_zip)
        # The fixed parts first ([Content_Types].xml leads, as tools that sniff a file expect).
        self.zip.writestr("[Content_Types].xml", TIPOS_CONTENIDO)
        self.zip.writestr("_rels/.rels", RELACIONES)
        self.zip.writestr("xl/workbook.xml", LIBRO.format(nombre=quoteattr(_nombre_hoja(titulo))))
        self.zip.writestr("xl/_rels/workbook.xml.rels", RELACIONES_LIBRO)
        self.zip.writestr("xl/styles.xml", ESTILOS)
        self.anchos = list(anchos)
        self.tipos = list(tipos)
        self._escritores = [_celdas(t, c) for c, t in enumerate(self.tipos)]
        self.renglon = 0
        self.fijas = 0
        self._pendientes = []  # XML of rows not yet in the zip
        self._hoja = None  # the open zip entry, once the sheet's opening is written

    # --- rows ---------------------------------------------------------------------------

    def fila(self, valores) -> None:
        """A row of the list, typed by `tipos`; None is an empty cell."""
        self.renglon += 1
        r = str(self.renglon)
        celdas = [
            escribir(r, v)
            for escribir, v in zip(self._escritores, valores, strict=True)
            if v is not None
        ]
        self._pendientes.append(f'<row r="{r}">{"".join(celdas)}</row>')
        if self._hoja is None:
            self._abrir()
        if len(self._pendientes) >= LOTE:
            self._vaciar()

    def fila_negrita(self, valores, tipos=()) -> None:
        """A title, header or totals row: bold; amounts keep their format."""
        self.renglon += 1
        tipos = list(tipos)
        celdas = [
            _celda_negrita(c, self.renglon, v, tipos[c] if c < len(tipos) else "texto")
            for c, v in enumerate(valores)
            if v is not None
        ]
        self._pendientes.append(f'<row r="{self.renglon}">{"".join(celdas)}</row>')

    def texto(self, linea: str) -> None:
        self.renglon += 1
        r = self.renglon
        estilo = f' s="{COMILLA}"' if linea.startswith(FORMULA) else ""
        self._pendientes.append(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"{estilo}>{texto_xml(linea)}</c></row>'
        )

    def vacia(self) -> None:
        self.renglon += 1

    def fijar_encabezado(self) -> None:
        """Freeze the rows written so far (title and header) above the list."""
        if self._hoja is not None:
            raise RuntimeError("El encabezado se fija antes del primer renglón de la lista.")
        self.fijas = self.renglon

    # --- the file -----------------------------------------------------------------------

    def _abrir(self) -> None:
        partes = [INICIO_HOJA]
        if self.fijas:
            celda = f"A{self.fijas + 1}"
            partes.append(
                '<sheetViews><sheetView tabSelected="1" workbookViewId="0">'
                f'<pane ySplit="{self.fijas}" topLeftCell="{celda}" activePane="bottomLeft" '
                f'state="frozen"/><selection pane="bottomLeft" activeCell="{celda}" '
                f'sqref="{celda}"/></sheetView></sheetViews>'
            )
        if self.anchos:
            columnas = "".join(
                f'<col min="{i}" max="{i}" width="{_ancho(a)}" customWidth="1"/>'
                for i, a in enumerate(self.anchos, 1)
            )
            partes.append(f"<cols>{columnas}</cols>")
        partes.append("<sheetData>")
        self._hoja = self.zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._hoja.write("".join(partes).encode())

    def _vaciar(self) -> None:
        self._hoja.write("".join(self._pendientes).encode())
        self._pendientes.clear()

    def cerrar(self) -> None:
        if self._hoja is None:
            self._abrir()
        self._pendientes.append("</sheetData></worksheet>")
        self._vaciar()
        self._hoja.close()
        self.zip.close()


def _ancho(caracteres) -> str:
    """A width in characters as Excel stores it: whole pixels (a digit is 7, plus 5 of
    padding) back in 1/256 of a character, as XlsxWriter and Excel write it."""
    if caracteres < 1:
        pixeles = int(caracteres * (RAYA_ANCHO + RELLENO) + 0.5)
    else:
        pixeles = int(caracteres * RAYA_ANCHO + 0.5) + RELLENO
    return f"{(pixeles * 256 // RAYA_ANCHO) / 256:.16g}"
