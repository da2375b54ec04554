"""Long tables as PDF, written page by page to a file: a list of 66,000 rows in seconds and in
the same memory as one of 1,000.

WeasyPrint (padron.pdf) lays out the whole document in memory before writing a byte, and so
does reportlab (its canvas keeps every page until `save`). A list is simpler than a document:
one row of fixed height per record, so the number of pages is known before the first one is
drawn ("Página N de M" needs M), and each page can be compressed and written as soon as it is
full. What stays in memory is the byte offset of each object, two integers per page.

The page is letter landscape; every page carries the letterhead (logo, institution, address,
RFC), the title and folio, the table's header row and "Página N de M" at the foot; the first
page also the lines above the table (criteria, fecha de corte), and the last one the totals.
Text uses the PDF's built-in Helvetica (WinAnsi: every Spanish letter), so nothing is
embedded but the logo, once. A cell wraps to two lines; what does not fit in two ends in "…".
"""

import base64
import io
import math
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat

from reportlab.pdfbase.pdfmetrics import getFont

ANCHO, ALTO = 792.0, 612.0  # letter landscape, in points
MARGEN = 30.0
LETRA = 6.5  # the table's font size
RENGLON = 2 * LETRA + 3.0  # a row holds two lines
MEMBRETE = 58.0  # height of the letterhead band
PIE = 22.0
RELLENO = 2.5  # space between a cell's text and its neighbour's
AVISAR_CADA = 2000  # rows between two progress reports


@dataclass(frozen=True)
class ColumnaPDF:
    titulo: str
    ancho: float  # relative; the widths are scaled to the page
    derecha: bool = False  # numbers are right-aligned


def _pdf_texto(texto: str) -> bytes:
    """A PDF string literal in WinAnsi; a character outside it prints as "?"."""
    crudo = texto.encode("cp1252", errors="replace")
    return b"(" + crudo.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


@lru_cache(maxsize=4)
def _anchos_de(fuente: str) -> dict[str, float]:
    """Width of every WinAnsi character of a built-in font, in thousandths of an em."""
    anchos = getFont(fuente).widths
    tabla = {}
    for codigo in range(32, 256):
        try:
            tabla[bytes([codigo]).decode("cp1252")] = anchos[codigo]
        except UnicodeDecodeError:
            continue
    return tabla


def _ancho(texto, fuente="Helvetica", tamano=LETRA) -> float:
    return sum(map(_anchos_de(fuente).get, texto, repeat(556))) * tamano / 1000


def _cabe(texto, ancho, fuente="Helvetica", tamano=LETRA) -> bool:
    # No glyph of Helvetica is wider than 1 em: short text needs no measuring.
    return len(texto) * tamano <= ancho or _ancho(texto, fuente, tamano) <= ancho


def _recortar(texto, ancho, fuente="Helvetica", tamano=LETRA) -> str:
    if _cabe(texto, ancho, fuente, tamano):
        return texto
    return _lineas(texto, ancho, fuente, tamano, maximo=1)[0]


def _lineas(texto: str, ancho: float, fuente="Helvetica", tamano=LETRA, maximo=2) -> list[str]:
    """The text in at most `maximo` lines of `ancho` points, broken at spaces when it can;
    what is left over ends the last line in "…"."""
    if _cabe(texto, ancho, fuente, tamano):
        return [texto]
    tabla = _anchos_de(fuente)
    limite = ancho * 1000 / tamano
    lineas = []
    while texto and len(lineas) < maximo:
        ultima = len(lineas) == maximo - 1
        acumulado = list(accumulate(map(tabla.get, texto, repeat(556))))
        if acumulado[-1] <= limite:
            lineas.append(texto)
            return lineas
        if ultima:
            cabe = bisect_right(acumulado, limite - tabla["…"])
            lineas.append(texto[:cabe].rstrip() + "…")
            return lineas
        cabe = max(1, bisect_right(acumulado, limite))
        espacio = texto.rfind(" ", 0, cabe + 1)
        corte = espacio if espacio > 0 else cabe
        lineas.append(texto[:corte].rstrip())
        texto = texto[corte:].lstrip()
    return lineas


# --- the logo, once per document -------------------------------------------------------------


@lru_cache(maxsize=8)
def _imagen_logo(data_uri: str):
    """(width, height, RGB bytes, alpha bytes or None) of the letterhead's logo, or None.

    PNG and JPG are read with Pillow; an SVG is drawn once by WeasyPrint and rasterised with
    pdfium when it is installed (otherwise the letterhead goes without the logo)."""
    if not data_uri or not data_uri.startswith("data:"):
        return None
    cabecera, _, datos = data_uri.partition(",")
    contenido = base64.b64decode(datos)
    try:
        from PIL import Image

        if "svg" in cabecera:
            imagen = _svg_a_imagen(contenido)
        else:
            imagen = Image.open(io.BytesIO(contenido))
        if imagen is None:
            return None
        imagen.thumbnail((240, 240))
        imagen = imagen.convert("RGBA")
        alfa = imagen.getchannel("A")
        con_alfa = alfa.getextrema()[0] < 255
        rgb = imagen.convert("RGB")
        return rgb.width, rgb.height, rgb.tobytes(), alfa.tobytes() if con_alfa else None
    except Exception:  # a logo that cannot be read never stops a legal list
        return None


def _svg_a_imagen(svg: bytes):
    try:
        import pypdfium2
        from weasyprint import HTML
    except ImportError:
        return None
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg).decode()
    html = (
        "<style>@page{size:2in 2in;margin:0}body{margin:0}</style>"
        f'<img src="{uri}" style="width:2in;height:2in;object-fit:contain">'
    )
    pdf = HTML(string=html).write_pdf()
    pagina = pypdfium2.PdfDocument(pdf)[0]
    return pagina.render(scale=120 / 144 * 2, may_draw_forms=False).to_pil()


# --- the writer --------------------------------------------------------------------------------


class _Escritor:
    """PDF objects to a binary file, remembering only where each one starts."""

    def __init__(self, destino):
        self.destino = destino
        self.posicion = 0
        self.inicios: dict[int, int] = {}
        self.siguiente = 1
        self._escribir(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")

    def _escribir(self, datos: bytes):
        self.destino.write(datos)
        self.posicion += len(datos)

    def reservar(self) -> int:
        numero = self.siguiente
        self.siguiente += 1
        return numero

    def objeto(self, numero: int, cuerpo: bytes):
        self.inicios[numero] = self.posicion
        self._escribir(b"%d 0 obj\n" % numero + cuerpo + b"\nendobj\n")

    def flujo(self, numero: int, diccionario: bytes, datos: bytes, comprimir=True):
        if comprimir:
            datos = zlib.compress(datos, 6)
            diccionario += b" /Filter /FlateDecode"
        self.objeto(
            numero,
            b"<< "
            + diccionario
            + b" /Length %d >>\nstream\n" % len(datos)
            + datos
            + b"\nendstream",
        )

    def cerrar(self, raiz: int, info: int):
        inicio_xref = self.posicion
        total = self.siguiente
        partes = [b"xref\n0 %d\n0000000000 65535 f \n" % total]
        partes += [b"%010d 00000 n \n" % self.inicios[n] for n in range(1, total)]
        partes.append(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (total, raiz, info, inicio_xref)
        )
        self._escribir(b"".join(partes))


def _texto(x, y, texto, fuente=b"F1", tamano=LETRA) -> bytes:
    return b"BT /%s %.1f Tf %.2f %.2f Td %s Tj ET\n" % (fuente, tamano, x, y, _pdf_texto(texto))


def paginas_de(total_filas: int, lineas_encabezado: int, con_totales: bool) -> int:
    """How many pages a table of `total_filas` rows takes (the totals are one row more)."""
    primera, otras = _filas_por_pagina(lineas_encabezado)
    filas = total_filas + (1 if con_totales else 0)
    if filas <= primera:
        return 1
    return 1 + math.ceil((filas - primera) / otras)


def _filas_por_pagina(lineas_encabezado: int) -> tuple[int, int]:
    util = ALTO - 2 * MARGEN - MEMBRETE - PIE - RENGLON  # less the header row
    encabezado = lineas_encabezado * (LETRA + 3.5) + 6
    return int((util - encabezado) // RENGLON), int(util // RENGLON)


def tabla_pdf(
    destino,
    *,
    titulo: str,
    membrete: dict,
    columnas: list[ColumnaPDF],
    filas: Iterable[list[str]],
    total_filas: int,
    encabezado: list[str] = (),
    totales: list[str] | None = None,
    derecha_membrete: list[str] = (),
    pie: str = "",
    avance: Callable[[int], None] | None = None,
) -> int:
    """Write the table to `destino` (a binary file); returns the number of pages.

    `filas` yields the cells as text, already formatted; exactly `total_filas` of them are
    expected (the page count depends on it: more rows than that are an error)."""
    pdf = _Escritor(destino)
    catalogo, paginas, info = pdf.reservar(), pdf.reservar(), pdf.reservar()
    f1, f2 = pdf.reservar(), pdf.reservar()
    for numero, nombre in ((f1, b"Helvetica"), (f2, b"Helvetica-Bold")):
        pdf.objeto(
            numero,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % nombre,
        )
    recursos = b"/Font << /F1 %d 0 R /F2 %d 0 R >>" % (f1, f2)
    logo = _imagen_logo(membrete.get("logo") or "")
    if logo:
        ancho_img, alto_img, rgb, alfa = logo
        imagen = pdf.reservar()
        mascara = b""
        if alfa:
            numero_alfa = pdf.reservar()
            pdf.flujo(
                numero_alfa,
                b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8" % (ancho_img, alto_img),
                alfa,
            )
            mascara = b" /SMask %d 0 R" % numero_alfa
        pdf.flujo(
            imagen,
            b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8%s" % (ancho_img, alto_img, mascara),
            rgb,
        )
        recursos += b" /XObject << /Logo %d 0 R >>" % imagen

    escala = (ANCHO - 2 * MARGEN) / sum(c.ancho for c in columnas)
    anchos = [c.ancho * escala for c in columnas]
    xs = [MARGEN + sum(anchos[:i]) for i in range(len(columnas))]
    geometria = [(a, x, c.derecha) for a, x, c in zip(anchos, xs, columnas, strict=True)]
    encabezado = list(encabezado)
    total_paginas = paginas_de(total_filas, len(encabezado), totales is not None)
    primera, otras = _filas_por_pagina(len(encabezado))

    fijo_membrete = _membrete(membrete, titulo, list(derecha_membrete), logo)
    fijo_th = _fila_encabezados(columnas, anchos, xs)
    kids = []

    def cerrar_pagina(contenido: list[bytes], n: int):
        pie_pagina = _texto(MARGEN, MARGEN - 8, _recortar(pie, 560, tamano=6.5), tamano=6.5)
        numero_pagina = f"Página {n} de {total_paginas}"
        pie_pagina += _texto(
            ANCHO - MARGEN - _ancho(numero_pagina, tamano=7), MARGEN - 8, numero_pagina, tamano=7
        )
        flujo, pagina = pdf.reservar(), pdf.reservar()
        pdf.flujo(flujo, b"", fijo_membrete + b"".join(contenido) + pie_pagina)
        pdf.objeto(
            pagina,
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << %s >> "
            b"/Contents %d 0 R >>" % (paginas, ANCHO, ALTO, recursos, flujo),
        )
        kids.append(pagina)

    tope = ALTO - MARGEN - MEMBRETE
    contenido: list[bytes] = []
    y = tope
    for linea in encabezado:
        y -= LETRA + 3.5
        contenido.append(
            _texto(MARGEN, y, _recortar(linea, ANCHO - 2 * MARGEN, tamano=7.5), tamano=7.5)
        )
    if encabezado:
        y -= 5  # the last line's descenders
    # A row drawn at `y` fills [y - 2, y + RENGLON - 2]: the header row's top is at `y`.
    contenido.append(fijo_th(y - (RENGLON - 2)))
    y -= RENGLON - 2 + RENGLON
    cupo, pagina_actual, escritas = primera, 1, 0
    for fila in filas:
        if escritas >= total_filas:
            raise ValueError("La lista trae más renglones de los que dice su total.")
        if cupo == 0:
            cerrar_pagina(contenido, pagina_actual)
            pagina_actual += 1
            contenido, cupo = [fijo_th(tope - (RENGLON - 2))], otras
            y = tope - (RENGLON - 2) - RENGLON
        contenido.append(_fila(fila, geometria, y))
        y -= RENGLON
        cupo -= 1
        escritas += 1
        if avance and escritas % AVISAR_CADA == 0:
            avance(escritas)
    if escritas != total_filas:
        raise ValueError(f"La lista dice {total_filas:,} renglones y trae {escritas:,}.")
    if totales is not None:
        if cupo == 0:
            cerrar_pagina(contenido, pagina_actual)
            pagina_actual += 1
            contenido = [fijo_th(tope - (RENGLON - 2))]
            y = tope - (RENGLON - 2) - RENGLON
        contenido.append(
            b"0.6 w %.2f %.2f m %.2f %.2f l S\n"
            % (MARGEN, y + RENGLON, ANCHO - MARGEN, y + RENGLON)
        )
        contenido.append(_fila(totales, geometria, y, fuente=b"F2", fuente_nombre="Helvetica-Bold"))
    cerrar_pagina(contenido, pagina_actual)
    if avance:
        avance(escritas)

    pdf.objeto(
        paginas,
        b"<< /Type /Pages /Count %d /Kids [%s] >>"
        % (len(kids), b" ".join(b"%d 0 R" % k for k in kids)),
    )
    pdf.objeto(catalogo, b"<< /Type /Catalog /Pages %d 0 R >>" % paginas)
    pdf.objeto(info, b"<< /Title %s /Producer (cobranza) >>" % _pdf_texto(titulo))
    pdf.cerrar(catalogo, info)
    return len(kids)


def _membrete(membrete: dict, titulo: str, derecha: list[str], logo) -> bytes:
    """The letterhead band, the same bytes on every page."""
    arriba = ALTO - MARGEN
    partes = []
    x = MARGEN
    if logo:
        lado = MEMBRETE - 14
        ancho_img, alto_img = logo[0], logo[1]
        w, h = (
            (lado, lado * alto_img / ancho_img)
            if ancho_img >= alto_img
            else (lado * ancho_img / alto_img, lado)
        )
        partes.append(b"q %.2f 0 0 %.2f %.2f %.2f cm /Logo Do Q\n" % (w, h, x, arriba - h))
        x += lado + 8
    ancho_izquierda = ANCHO - MARGEN - x - 250  # the title and folio take the right
    y = arriba - 9
    for linea in _lineas(membrete.get("institucion", ""), ancho_izquierda, "Helvetica-Bold", 9):
        partes.append(_texto(x, y, linea, b"F2", 9))
        y -= 10
    y -= 1
    rfc = f"RFC {membrete['rfc']}" if membrete.get("rfc") else ""
    telefono = f"Tel. {membrete['telefono']}" if membrete.get("telefono") else ""
    for dato in (membrete.get("domicilio", ""), " · ".join(t for t in (rfc, telefono) if t)):
        if dato:
            partes.append(_texto(x, y, _recortar(dato, ancho_izquierda, tamano=7), tamano=7))
            y -= 8.5
    derecha_x = ANCHO - MARGEN
    y = arriba - 10
    for i, linea in enumerate([titulo, *derecha]):
        fuente, nombre, tamano = (
            (b"F2", "Helvetica-Bold", 10.5) if i == 0 else (b"F1", "Helvetica", 7.5)
        )
        linea = _recortar(linea, 240, nombre, tamano)
        partes.append(_texto(derecha_x - _ancho(linea, nombre, tamano), y, linea, fuente, tamano))
        y -= 11 if i == 0 else 9.5
    base = arriba - MEMBRETE + 6
    partes.append(b"0.8 w %.2f %.2f m %.2f %.2f l S\n" % (MARGEN, base, ANCHO - MARGEN, base))
    return b"".join(partes)


def _fila_encabezados(columnas, anchos, xs):
    partes = []
    for c, ancho, x in zip(columnas, anchos, xs, strict=True):
        lineas = _lineas(c.titulo, ancho - 2 * RELLENO, "Helvetica-Bold")
        partes.append((c.derecha, ancho, x, lineas))

    def dibujar(y: float) -> bytes:
        salida = [
            b"0.9 g %.2f %.2f %.2f %.2f re f 0 g\n" % (MARGEN, y - 2, ANCHO - 2 * MARGEN, RENGLON)
        ]
        for derecha, ancho, x, lineas in partes:
            for i, linea in enumerate(lineas):
                ly = y + LETRA + 1 - i * (LETRA + 1) if len(lineas) > 1 else y + 3
                lx = (
                    x + ancho - RELLENO - _ancho(linea, "Helvetica-Bold")
                    if derecha
                    else x + RELLENO
                )
                salida.append(_texto(lx, ly, linea, b"F2"))
        return b"".join(salida)

    return dibujar


def _fila(celdas, geometria, y, fuente=b"F1", fuente_nombre="Helvetica") -> bytes:
    """One row: its cells drawn at height 0 (cached: sectors, dates and amounts repeat) and
    moved to `y` with one transformation."""
    salida = [b"q 1 0 0 1 0 %.2f cm\n" % y]
    for texto, (ancho, x, derecha) in zip(celdas, geometria, strict=True):
        if texto:
            salida.append(_celda(texto, ancho, x, derecha, fuente, fuente_nombre))
    salida.append(_RAYA)
    return b"".join(salida)


_RAYA = b"0.85 G 0.3 w %.2f -2 m %.2f -2 l S 0 G Q\n" % (MARGEN, ANCHO - MARGEN)


@lru_cache(maxsize=4096)
def _celda(texto, ancho, x, derecha, fuente, fuente_nombre) -> bytes:
    if derecha:
        texto = _recortar(texto, ancho - 2 * RELLENO, fuente_nombre)
        return _texto(x + ancho - RELLENO - _ancho(texto, fuente_nombre), 3, texto, fuente)
    lineas = _lineas(texto, ancho - 2 * RELLENO, fuente_nombre)
    if len(lineas) == 1:
        return _texto(x + RELLENO, 3, texto, fuente)
    return _texto(x + RELLENO, LETRA + 1, lineas[0], fuente) + _texto(
        x + RELLENO, 0, lineas[1], fuente
    )
