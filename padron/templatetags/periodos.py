"""{% selector_periodo "periodo" valor %}: a month chooser in Spanish (padron/periodos.py)."""

from django import template
from django.utils.html import format_html, format_html_join

from padron.periodos import opciones_periodo

register = template.Library()


@register.simple_tag
def selector_periodo(nombre, valor="", adelante=0):
    opciones = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (clave, " selected" if clave == str(valor) else "", texto)
            for clave, texto in opciones_periodo(valor, adelante=adelante)
        ),
    )
    return format_html('<select name="{}">{}</select>', nombre, opciones)
