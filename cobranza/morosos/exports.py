"""Exports (CSV, XLSX, PDF) as small subclasses of one `Exportador`, as in pretix.

An exporter turns a `Tabla` (title, header lines, columns, a generator of rows and the
totals) into a file (`escribir`) or an HTTP response (`respuesta`). Rows are read from the
database in chunks (`.iterator(chunk_size=2000)`, a server-side cursor on PostgreSQL) and
written as they come, so memory does not grow with the list, whatever its length:

- CSV: padron.exportar.lineas_csv, streamed.
- XLSX: padron.xlsx_directo, the sheet's XML streamed into the zip; XlsxWriter in
  constant-memory mode (padron.exportar.HojaLarga) and openpyxl's write-only mode were
  slower (docs/benchmarks.md).
- PDF: padron.pdf_tablas, a table renderer that writes each page as it fills (WeasyPrint
  laid the whole list out in memory, ~20 s per 1,000 rows, so the list was cut at 1,000).

A list of up to `DIRECTO` rows is answered at once; a longer one is written by a background
job (cobranza.exportaciones) once per frozen list and served from storage after that.
"""

import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice

from django.db.models import Case, CharField, F, Value, When
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cobranza.models import RenglonMorosos
from cobranza.morosos.services import parametros_legibles
from padron.dinero import formato_pesos
from padron.exportar import FORMATOS_XLSX, FORMULA, HojaLarga, celda_xlsx, lineas_csv
from padron.fechas import ahora
from padron.membrete import membrete
from padron.models import Cuenta
from padron.pdf import pdf_desde_plantilla
from padron.pdf_tablas import AVISAR_CADA, ColumnaPDF, tabla_pdf
from padron.personas import nombre_persona
from padron.xlsx_directo import HojaDirecta

LOTE = 2000  # rows per database round trip and per chunk of the CSV stream


@dataclass(frozen=True)
class Columna:
    titulo: str
    tipo: str = "texto"  # texto | clave | entero | dinero | fecha
    ancho: int = 12  # XLSX column width, in characters


@dataclass
class Tabla:
    titulo: str
    archivo: str  # file name without extension
    columnas: list[Columna]
    filas: Callable[[], Iterator[tuple]]  # a fresh iterator on every call
    total_filas: int
    encabezado: list[str] = field(default_factory=list)  # lines above the table
    totales: tuple | None = None  # aligned with columnas; None where empty
    institucion: str = ""
    cartera: object = None  # whose letterhead the PDF prints
    derecha_membrete: list[str] = field(default_factory=list)  # folio, fecha de corte


DIRECTO = 5000  # rows a request may export at once; longer lists go to a background job


class Exportador:
    nombre = ""  # the format in the URL: /exportar.<nombre>
    etiqueta = ""
    extension = ""
    content_type = ""

    def __init__(self, tabla: Tabla):
        self.tabla = tabla

    def filas(self) -> Iterator[tuple]:
        yield from self.tabla.filas()

    @property
    def nombre_archivo(self) -> str:
        return f"{self.tabla.archivo}.{self.extension}"

    def escribir(self, destino, avance: Callable[[int], None] | None = None) -> None:
        """The whole file into `destino` (a binary file); `avance(rows)` every few thousand."""
        raise NotImplementedError

    def respuesta(self):
        # FileResponse closes it when sent; a TemporaryFile is then gone from disk.
        archivo = tempfile.TemporaryFile()  # noqa: SIM115
        self.escribir(archivo)
        archivo.seek(0)
        return FileResponse(
            archivo,
            as_attachment=True,
            filename=self.nombre_archivo,
            content_type=self.content_type,
        )

    def _contadas(self, avance):
        """The rows, reporting to `avance` every AVISAR_CADA."""
        for n, fila in enumerate(self.filas(), 1):
            yield fila
            if avance and n % AVISAR_CADA == 0:
                avance(n)

    def _adjunto(self, respuesta):
        respuesta["Content-Disposition"] = f'attachment; filename="{self.nombre_archivo}"'
        return respuesta


# --- CSV ------------------------------------------------------------------------------------


class ExportadorCSV(Exportador):
    """UTF-8 with a BOM, so Excel opens the accents right; amounts as 1234.50."""

    nombre = "csv"
    etiqueta = "CSV"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def lineas(self, avance=None) -> Iterator[str]:
        columnas = self.tabla.columnas
        return lineas_csv(
            [c.titulo for c in columnas], self._contadas(avance), [c.tipo for c in columnas]
        )

    def escribir(self, destino, avance=None) -> None:
        for trozo in self.lineas(avance):
            destino.write(trozo.encode("utf-8"))

    def respuesta(self):
        return self._adjunto(StreamingHttpResponse(self.lineas(), content_type=self.content_type))


# --- XLSX -----------------------------------------------------------------------------------


class ExportadorXLSX(Exportador):
    """The sheet written directly as SpreadsheetML (padron.xlsx_directo): each row goes to
    the zip as text as it comes. Amounts are numbers formatted #,##0.00 and dates are dates,
    so the sheet sums and sorts."""

    nombre = "xlsx"
    etiqueta = "Excel (XLSX)"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    hoja = HojaDirecta  # or HojaLarga (XlsxWriter): the same interface

    def escribir(self, destino, avance=None) -> None:
        columnas = self.tabla.columnas
        tipos = [c.tipo for c in columnas]
        hoja = self.hoja(destino, self.tabla.titulo, [c.ancho for c in columnas], tipos=tipos)
        hoja.fila_negrita([self.tabla.titulo])
        for linea in self.tabla.encabezado:
            hoja.texto(linea)
        hoja.vacia()
        hoja.fila_negrita([c.titulo for c in columnas])
        hoja.fijar_encabezado()
        for fila in self._contadas(avance):
            hoja.fila(fila)
        if self.tabla.totales:
            hoja.fila_negrita(self.tabla.totales, tipos)
        hoja.cerrar()


class ExportadorXLSXXlsxWriter(ExportadorXLSX):
    """XlsxWriter in constant-memory mode (the former writer), kept for the benchmark's
    comparison only: its per-cell calls took ~6 × the time of the direct writer."""

    hoja = HojaLarga


class ExportadorXLSXOpenpyxl(ExportadorXLSX):
    """The former writer (openpyxl write-only), kept for the benchmark's comparison only."""

    def escribir(self, destino, avance=None) -> None:
        libro = Workbook(write_only=True)
        hoja = libro.create_sheet(self.tabla.titulo[:31])
        columnas = self.tabla.columnas
        for i, columna in enumerate(columnas):
            hoja.column_dimensions[get_column_letter(i + 1)].width = columna.ancho
        negritas = Font(bold=True)
        hoja.append([_negrita(hoja, self.tabla.titulo, negritas)])
        for linea in self.tabla.encabezado:
            hoja.append([celda_xlsx(hoja, linea)])
        hoja.append([])
        hoja.append([_negrita(hoja, c.titulo, negritas) for c in columnas])
        hoja.freeze_panes = f"A{len(self.tabla.encabezado) + 4}"
        # One formatted cell per column, reused: openpyxl copies the value and style out.
        plantillas = [_celda(hoja, c) for c in columnas]
        for fila in self._contadas(avance):
            hoja.append([_valor(hoja, p, v) for p, v in zip(plantillas, fila, strict=True)])
        if self.tabla.totales:
            hoja.append(
                [
                    _total(hoja, c, v, negritas)
                    for c, v in zip(columnas, self.tabla.totales, strict=True)
                ]
            )
        libro.save(destino)


def _negrita(hoja, valor, fuente):
    celda = celda_xlsx(hoja, valor)
    celda.font = fuente
    return celda


def _celda(hoja, columna):
    formato = FORMATOS_XLSX.get(columna.tipo)
    if formato is None:
        return None
    celda = WriteOnlyCell(hoja)
    celda.number_format = formato
    return celda


def _total(hoja, columna, valor, fuente):
    if valor is None:
        return None
    celda = _negrita(hoja, valor, fuente)
    celda.number_format = FORMATOS_XLSX.get(columna.tipo, "General")
    return celda


def _valor(hoja, plantilla, valor):
    if isinstance(valor, str) and valor.startswith(FORMULA):
        return celda_xlsx(hoja, valor)  # neutralised text (padron.exportar)
    if plantilla is None or valor is None:
        return valor
    plantilla.value = valor
    return plantilla


# --- PDF ------------------------------------------------------------------------------------


def _texto_pdf(columna, valor):
    if valor is None:
        return ""
    if columna.tipo == "dinero":
        return formato_pesos(valor)
    if columna.tipo == "fecha":
        return valor.strftime("%d/%m/%Y")
    if columna.tipo == "entero":
        return f"{valor:,}"
    return valor


def _fila_pdf(columnas, fila):
    """[(text, is a number)] for the template: numbers are right-aligned."""
    return [
        (_texto_pdf(c, v), c.tipo in {"dinero", "entero"})
        for c, v in zip(columnas, fila, strict=True)
    ]


def _ancho_pdf(columna) -> int:
    # The XLSX widths give free text (titular, domicilio) room a landscape page has not:
    # on paper it wraps, so an identifier (a CURP is 18 capitals) and an amount keep a line
    # of their own.
    if columna.tipo == "texto":
        return min(columna.ancho, 22)
    if columna.tipo == "clave":
        return columna.ancho + 4
    if columna.tipo == "entero":
        return max(columna.ancho, 10)
    return max(columna.ancho, 9)


class ExportadorPDF(Exportador):
    """The whole list on letter landscape, page by page (padron.pdf_tablas): the letterhead
    and the header row on every page, "Página N de M", the totals at the end."""

    nombre = "pdf"
    etiqueta = "PDF"
    extension = "pdf"
    content_type = "application/pdf"

    def escribir(self, destino, avance=None) -> None:
        tabla = self.tabla
        columnas = tabla.columnas
        pdf_columnas = [
            ColumnaPDF(c.titulo, _ancho_pdf(c), c.tipo in {"dinero", "entero"}) for c in columnas
        ]
        convertir = [partial(_texto_pdf, c) for c in columnas]
        filas = ([f(v) for f, v in zip(convertir, fila, strict=True)] for fila in self.filas())
        totales = None
        if tabla.totales:
            totales = [f(v) for f, v in zip(convertir, tabla.totales, strict=True)]
        generado = timezone.localtime(ahora())
        tabla_pdf(
            destino,
            titulo=tabla.titulo,
            membrete=membrete(tabla.cartera),
            columnas=pdf_columnas,
            filas=filas,
            total_filas=tabla.total_filas,
            encabezado=tabla.encabezado,
            totales=totales,
            derecha_membrete=tabla.derecha_membrete,
            pie=f"{tabla.titulo} · impreso el {generado:%d/%m/%Y %H:%M} (hora de Sonora).",
            avance=avance,
        )

    def respuesta(self):
        # Answered at once only for short lists (DIRECTO rows, ~170 pages): in memory.
        contenido = io.BytesIO()
        self.escribir(contenido)
        return self._adjunto(HttpResponse(contenido.getvalue(), content_type=self.content_type))


class ExportadorPDFHtml(ExportadorPDF):
    """The former PDF (WeasyPrint from HTML), kept for the benchmark's comparison only: it
    lays out the whole document in memory, so it holds at most `limite` rows."""

    plantilla = "cobranza/morosos/lista_pdf.html"
    limite = 1000

    def escribir(self, destino, avance=None) -> None:
        columnas = self.tabla.columnas
        anchos = [_ancho_pdf(c) for c in columnas]
        destino.write(
            pdf_desde_plantilla(
                self.plantilla,
                {
                    "tabla": self.tabla,
                    "columnas": [
                        (c, round(100 * a / sum(anchos), 2))
                        for c, a in zip(columnas, anchos, strict=True)
                    ],
                    "filas": [_fila_pdf(columnas, f) for f in islice(self.filas(), self.limite)],
                    "totales": _fila_pdf(columnas, self.tabla.totales)
                    if self.tabla.totales
                    else None,
                    "recortada": self.tabla.total_filas > self.limite,
                    "limite": self.limite,
                    "institucion": self.tabla.institucion,
                    "membrete": membrete(self.tabla.cartera),
                },
            )
        )


EXPORTADORES = {e.nombre: e for e in (ExportadorCSV, ExportadorXLSX, ExportadorPDF)}


# --- the lista de morosos as a table --------------------------------------------------------

COLUMNAS_MOROSOS = [
    Columna("#", "entero", 7),
    Columna("Cuenta", "clave", 12),
    Columna("Titular", "texto", 34),
    Columna("RFC / CURP", "clave", 20),
    Columna("Domicilio", "texto", 40),
    Columna("Sector", "texto", 8),
    Columna("Ruta", "texto", 8),
    Columna("Clasificación", "texto", 13),
    Columna("Saldo", "dinero", 15),
    Columna("Saldo vencido", "dinero", 15),
    Columna("Meses vencidos", "entero", 8),
    Columna("Vencimiento más antiguo", "fecha", 12),
    Columna("Último pago", "fecha", 12),
]
CAMPOS_MOROSOS = [
    "orden",
    "numero",
    "titular",
    "rfc_curp",
    "domicilio",
    "sector",
    "ruta",
    "clasificacion",
    "saldo",
    "saldo_vencido",
    "meses_vencidos",
    "vencimiento_mas_antiguo",
    "ultimo_pago",
]


def _renglones(lista):
    # The clasificación's label comes from SQL: the rows go to the writer as the cursor
    # gives them, without a tuple rebuilt per row in Python.
    etiqueta = Case(
        *[When(clasificacion=c, then=Value(str(e))) for c, e in Cuenta.Clasificacion.choices],
        default=F("clasificacion"),
        output_field=CharField(),
    )
    campos = ["etiqueta_clasificacion" if c == "clasificacion" else c for c in CAMPOS_MOROSOS]
    return (
        RenglonMorosos.objects.filter(lista=lista)
        .annotate(etiqueta_clasificacion=etiqueta)
        .order_by("orden")
        .values_list(*campos)
        .iterator(chunk_size=LOTE)
    )


def encabezado_de_lista(lista) -> list[str]:
    """The first lines of a frozen list's file: its cartera, and when and by whom it was made."""
    generada = timezone.localtime(lista.generada)
    return [
        f"Cartera: {lista.cartera.nombre}",
        f"Saldos al {lista.al:%d/%m/%Y}; generada el {generada:%d/%m/%Y %H:%M} "
        f"por {nombre_persona(lista.generada_por)}",
    ]


def membrete_de_lista(lista) -> dict:
    """The letterhead of a frozen list's PDF: the institution and the list's cut-off date."""
    return {
        "institucion": lista.cartera.institucion or lista.cartera.nombre,
        "cartera": lista.cartera,
        "derecha_membrete": [
            f"Fecha de corte: {lista.al:%d/%m/%Y}",
            f"Cartera {lista.cartera.nombre}",
        ],
    }


def lista_morosos_tabla(lista) -> Tabla:
    """A frozen lista de morosos, its criteria and totals, ready for any exporter."""
    encabezado = [
        *encabezado_de_lista(lista),
        *parametros_legibles(lista.parametros),
        f"{lista.cuentas:,} cuentas; saldo vencido total {formato_pesos(lista.total_vencido)}",
    ]
    totales = [None] * len(COLUMNAS_MOROSOS)
    totales[1] = "TOTAL"
    totales[2] = f"{lista.cuentas:,} cuentas"
    totales[CAMPOS_MOROSOS.index("saldo")] = lista.total_saldo
    totales[CAMPOS_MOROSOS.index("saldo_vencido")] = lista.total_vencido
    return Tabla(
        titulo=f"Lista de morosos {lista.folio}",
        archivo=f"morosos-{lista.folio}",
        columnas=COLUMNAS_MOROSOS,
        filas=lambda: _renglones(lista),
        total_filas=lista.cuentas,
        encabezado=encabezado,
        totales=tuple(totales),
        **membrete_de_lista(lista),
    )


def lista_morosos_exportar(lista, formato: str):
    """The HTTP response with the list in `formato` (a key of EXPORTADORES)."""
    return EXPORTADORES[formato](lista_morosos_tabla(lista)).respuesta()
