"""Filters and sortable columns of the list of cortes de caja (page and API)."""

import django_filters as filtros
from django import forms
from django.contrib.auth import get_user_model

from cobranza.caja.models import CorteCaja
from padron.filtros import filtro_fecha
from padron.listados import Columna
from padron.personas import nombre_persona


class _Cajero(filtros.ModelChoiceFilter):
    field_class = type(
        "CajeroChoiceField",
        (forms.ModelChoiceField,),
        {"label_from_instance": lambda self, usuario: nombre_persona(usuario)},
    )


def _cajeros(request):
    return (
        get_user_model()
        .objects.filter(cortes_caja__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class CortesFiltro(filtros.FilterSet):
    desde = filtro_fecha("Desde", "fecha", "gte")
    hasta = filtro_fecha("Hasta", "fecha", "lte")
    cajero = _Cajero(label="Cajero", queryset=_cajeros, empty_label="Todos")
    estado = filtros.ChoiceFilter(
        label="Estado", choices=CorteCaja.Estado.choices, empty_label="Todos"
    )
    con_diferencia = filtros.BooleanFilter(
        label="Solo con diferencia",
        method="filtrar_diferencia",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CorteCaja
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        usuario = getattr(self.request, "user", None)
        if usuario is None or not usuario.has_perm("cobranza.supervisar_caja"):
            self.filters.pop("cajero")  # a cashier only sees its own

    def filtrar_diferencia(self, queryset, nombre, valor):
        return (
            queryset.exclude(diferencia=0).exclude(diferencia__isnull=True) if valor else queryset
        )


COLUMNAS_CORTES = {
    "fecha": Columna("Fecha", ("fecha", "abierto")),
    "folio": Columna("Folio", "folio"),
    "cajero": Columna("Cajero", ("cajero__first_name", "cajero__last_name")),
    "diferencia": Columna("Diferencia", "diferencia", num=True),
}
