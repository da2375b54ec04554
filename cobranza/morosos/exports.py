"""Exports (CSV, XLSX, PDF) as small subclasses of one `Exportador`, as in pretix.

An exporter turns a `Tabla` (title, header lines, columns, a generator of rows and the
totals) into an HTTP response. Rows are read from the database in chunks
(`.iterator(chunk_size=2000)`) and written as they come, so memory does not grow with the
list: the CSV streams (StreamingHttpResponse), the XLSX is written in openpyxl's write-only
mode to a temporary file that is then sent (FileResponse).

The PDF is the exception: WeasyPrint (padron.pdf) lays out the whole document in memory,
so it holds at most `ExportadorPDF.limite` rows (the first ones, largest saldo vencido first)
and says so; the totals are still those of the whole list. The full list is in the CSV and
the XLSX.
"""

import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from cobranza.models import RenglonMorosos
from cobranza.morosos.services import parametros_legibles
from padron.dinero import formato_pesos
from padron.exportar import FORMATOS_XLSX, FORMULA, celda_xlsx, lineas_csv
from padron.membrete import membrete
from padron.models import Cuenta
from padron.pdf import pdf_desde_plantilla

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

    def respuesta(self):
        raise NotImplementedError

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

    def lineas(self) -> Iterator[str]:
        columnas = self.tabla.columnas
        return lineas_csv([c.titulo for c in columnas], self.filas(), [c.tipo for c in columnas])

    def respuesta(self):
        return self._adjunto(StreamingHttpResponse(self.lineas(), content_type=self.content_type))


# --- XLSX -----------------------------------------------------------------------------------


class ExportadorXLSX(Exportador):
    """openpyxl in write-only mode: rows go to disk as they are appended. Amounts are
    numbers formatted #,##0.00 and dates are dates, so the sheet sums and sorts."""

    nombre = "xlsx"
    etiqueta = "Excel (XLSX)"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def escribir(self, destino) -> None:
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
        for fila in self.filas():
            hoja.append([_valor(hoja, p, v) for p, v in zip(plantillas, fila, strict=True)])
        if self.tabla.totales:
            hoja.append(
                [
                    _total(hoja, c, v, negritas)
                    for c, v in zip(columnas, self.tabla.totales, strict=True)
                ]
            )
        libro.save(destino)

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
    return max(columna.ancho, 9)


class ExportadorPDF(Exportador):
    """A printable list (letter, landscape) of at most `limite` rows; see the module doc."""

    nombre = "pdf"
    etiqueta = "PDF"
    extension = "pdf"
    content_type = "application/pdf"
    plantilla = "cobranza/morosos/lista_pdf.html"
    limite = 1000

    def respuesta(self):
        columnas = self.tabla.columnas
        anchos = [_ancho_pdf(c) for c in columnas]
        contenido = pdf_desde_plantilla(
            self.plantilla,
            {
                "tabla": self.tabla,
                "columnas": [
                    (c, round(100 * a / sum(anchos), 2))
                    for c, a in zip(columnas, anchos, strict=True)
                ],
                # One table: WeasyPrint repeats its header on every page.
                "filas": [_fila_pdf(columnas, f) for f in islice(self.filas(), self.limite)],
                "totales": _fila_pdf(columnas, self.tabla.totales) if self.tabla.totales else None,
                "recortada": self.tabla.total_filas > self.limite,
                "limite": self.limite,
                "institucion": self.tabla.institucion,
                "membrete": membrete(self.tabla.cartera),
            },
        )
        return self._adjunto(HttpResponse(contenido, content_type=self.content_type))


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
_CLASIFICACION = CAMPOS_MOROSOS.index("clasificacion")


def _renglones(lista):
    etiquetas = dict(Cuenta.Clasificacion.choices)
    renglones = (
        RenglonMorosos.objects.filter(lista=lista)
        .order_by("orden")
        .values_list(*CAMPOS_MOROSOS)
        .iterator(chunk_size=LOTE)
    )
    for renglon in renglones:
        clave = renglon[_CLASIFICACION]
        yield (
            *renglon[:_CLASIFICACION],
            str(etiquetas.get(clave, clave)),
            *renglon[_CLASIFICACION + 1 :],
        )


def lista_morosos_tabla(lista) -> Tabla:
    """A frozen lista de morosos, its criteria and totals, ready for any exporter."""
    generada = timezone.localtime(lista.generada)
    encabezado = [
        f"Cartera: {lista.cartera.nombre}",
        f"Saldos al {lista.al:%d/%m/%Y}; generada el {generada:%d/%m/%Y %H:%M} "
        f"por {lista.generada_por.get_full_name() or lista.generada_por.username}",
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
        institucion=lista.cartera.institucion or lista.cartera.nombre,
        cartera=lista.cartera,
    )


def lista_morosos_exportar(lista, formato: str):
    """The HTTP response with the list in `formato` (a key of EXPORTADORES)."""
    return EXPORTADORES[formato](lista_morosos_tabla(lista)).respuesta()
