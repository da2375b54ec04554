"""One way to make a PDF: a Django template rendered to HTML, laid out by WeasyPrint.

WeasyPrint follows CSS Paged Media (`@page` sizes and margins, running headers and
footers, `counter(page)`, `break-inside: avoid`), so a document is laid out for its paper
in its template. Images are embedded as data URIs (padron.membrete), so nothing is
fetched while printing.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string

logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it ignores is not news
logging.getLogger("fontTools").setLevel(logging.ERROR)


class ErrorPDF(RuntimeError):
    pass


def pdf_desde_html(html: str) -> bytes:
    from weasyprint import HTML  # imported on first use: it loads Pango
    from weasyprint.urls import URLFetcher

    sin_red = URLFetcher(allowed_protocols={"data"})  # a document fetches nothing
    try:
        return HTML(string=html, url_fetcher=sin_red).write_pdf()
    except Exception as exc:  # WeasyPrint raises many kinds; the caller needs one
        raise ErrorPDF("No se pudo generar el PDF.") from exc


def pdf_desde_plantilla(plantilla: str, contexto: dict, request=None) -> bytes:
    try:
        return pdf_desde_html(render_to_string(plantilla, contexto, request=request))
    except ErrorPDF as exc:
        raise ErrorPDF(f"No se pudo generar el PDF de {plantilla}.") from exc


def respuesta_pdf(contenido: bytes, nombre_archivo: str, descargar: bool = False) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    modo = "attachment" if descargar else "inline"
    respuesta["Content-Disposition"] = f'{modo}; filename="{nombre_archivo}"'
    return respuesta
