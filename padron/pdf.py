"""One way to make a PDF: a Django template rendered to HTML, converted by xhtml2pdf."""

from io import BytesIO

from django.http import HttpResponse
from django.template.loader import render_to_string
from xhtml2pdf import pisa


class ErrorPDF(RuntimeError):
    pass


def pdf_desde_plantilla(plantilla: str, contexto: dict, request=None) -> bytes:
    html = render_to_string(plantilla, contexto, request=request)
    salida = BytesIO()
    resultado = pisa.CreatePDF(html, dest=salida, encoding="utf-8")
    if resultado.err:
        raise ErrorPDF(f"No se pudo generar el PDF de {plantilla}.")
    return salida.getvalue()


def respuesta_pdf(contenido: bytes, nombre_archivo: str, descargar: bool = False) -> HttpResponse:
    respuesta = HttpResponse(contenido, content_type="application/pdf")
    modo = "attachment" if descargar else "inline"
    respuesta["Content-Disposition"] = f'{modo}; filename="{nombre_archivo}"'
    return respuesta
