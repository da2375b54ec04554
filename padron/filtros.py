"""The filters every list page repeats (padron/listados.py): dates typed dd/mm/aaaa, amounts,
whole numbers and the cartera, each with its Spanish error, written once."""

import django_filters as filtros
from django import forms

from padron.models import Cartera

FECHA_INVALIDA = {"invalid": "Fecha no válida; use dd/mm/aaaa."}
MONTO_INVALIDO = {"invalid": "Indique un monto, por ejemplo 1500.00."}
ENTERO_INVALIDO = {"invalid": "Indique un número entero."}


def filtro_fecha(etiqueta: str, campo=None, comparacion="exact") -> filtros.DateFilter:
    """comparacion: "gte" for a "desde", "lte" for a "hasta"; no campo when the view reads
    the date itself."""
    return filtros.DateFilter(
        label=etiqueta,
        field_name=campo,
        lookup_expr=comparacion,
        error_messages=FECHA_INVALIDA,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"}),
    )


def filtro_monto(etiqueta: str, campo: str, comparacion: str) -> filtros.NumberFilter:
    return filtros.NumberFilter(
        label=etiqueta,
        field_name=campo,
        lookup_expr=comparacion,
        error_messages=MONTO_INVALIDO,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def filtro_entero(etiqueta: str, campo: str, comparacion: str) -> filtros.NumberFilter:
    return filtros.NumberFilter(
        label=etiqueta,
        field_name=campo,
        lookup_expr=comparacion,
        error_messages=ENTERO_INVALIDO,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


def filtro_cartera(campo: str = "cartera") -> filtros.ModelChoiceFilter:
    return filtros.ModelChoiceFilter(
        label="Cartera",
        field_name=campo,
        queryset=Cartera.objects.order_by("nombre"),
        empty_label="Todas",
    )
