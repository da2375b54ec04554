"""es-MX formats for templates: {{ monto|pesos }}, {{ monto|en_letra }}, {{ fecha|fecha }},
{{ momento|fecha_hora }}, {{ usuario|persona }}."""

from datetime import date, datetime

from django import template
from django.utils import timezone

from padron.dinero import formato_pesos, monto_en_letra
from padron.personas import nombre_persona
from padron.texto import cantidad as _cantidad

register = template.Library()


@register.filter
def pesos(valor):
    return formato_pesos(valor)


@register.filter
def en_letra(valor):
    """The amount as pagarés and receipts write it: MIL PESOS 00/100 M.N."""
    if valor is None or valor == "":
        return ""
    return monto_en_letra(valor)


@register.filter
def cantidad(n, formas):
    """{{ n|cantidad:"orden,órdenes" }} -> "1 orden", "2,345 órdenes" (Django's pluralize
    only appends, and "ordenes" or "ejecuciónes" are misspelt)."""
    singular, _, plural = formas.partition(",")
    return _cantidad(int(n or 0), singular, plural or None)


@register.filter
def persona(usuario):
    return nombre_persona(usuario)


@register.filter
def fecha(valor):
    """dd/mm/aaaa; an aware datetime is shown in America/Hermosillo."""
    if not valor:
        return ""
    if isinstance(valor, datetime):
        valor = timezone.localtime(valor) if timezone.is_aware(valor) else valor
        return valor.strftime("%d/%m/%Y")
    if isinstance(valor, date):
        return valor.strftime("%d/%m/%Y")
    return valor


@register.filter
def fecha_hora(valor):
    if not valor:
        return ""
    if timezone.is_aware(valor):
        valor = timezone.localtime(valor)
    return valor.strftime("%d/%m/%Y %H:%M")


@register.filter
def duracion(valor):
    """A timedelta as the clerk says it: "7 min", "1 h 05 min"."""
    if valor is None:
        return ""
    minutos = max(0, round(valor.total_seconds() / 60))
    horas, minutos = divmod(minutos, 60)
    return f"{horas} h {minutos:02d} min" if horas else f"{minutos} min"
