"""Filters and sortable columns of the morosos pages (the generated lists and the rows of one
frozen list), shared by the pages and /api/v1/morosos/."""

import django_filters as filtros
from django import forms

from cobranza.models import ListaMorosos, RenglonMorosos
from padron.listados import Columna
from padron.models import Cartera

ENTERO = {"invalid": "Indique un número entero."}
MONTO = {"invalid": "Indique un monto, por ejemplo 1500.00."}


class RenglonesFiltro(filtros.FilterSet):
    colonia = filtros.CharFilter(
        label="Colonia", field_name="cuenta__colonia", lookup_expr="icontains"
    )
    sector = filtros.CharFilter(label="Sector", field_name="sector", lookup_expr="iexact")
    ruta = filtros.CharFilter(label="Ruta", field_name="ruta", lookup_expr="iexact")
    saldo_min = filtros.NumberFilter(
        label="Saldo vencido desde",
        field_name="saldo_vencido",
        lookup_expr="gte",
        error_messages=MONTO,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    saldo_max = filtros.NumberFilter(
        label="Saldo vencido hasta",
        field_name="saldo_vencido",
        lookup_expr="lte",
        error_messages=MONTO,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    meses_min = filtros.NumberFilter(
        label="Meses vencidos desde",
        field_name="meses_vencidos",
        lookup_expr="gte",
        error_messages=ENTERO,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    meses_max = filtros.NumberFilter(
        label="Meses vencidos hasta",
        field_name="meses_vencidos",
        lookup_expr="lte",
        error_messages=ENTERO,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    class Meta:
        model = RenglonMorosos
        fields = []


COLUMNAS_RENGLONES = {
    "orden": Columna("#", "orden", num=True),
    "cuenta": Columna("Cuenta", "numero"),
    "nombre": Columna("Titular", "titular"),
    "sector": Columna("Sector / ruta", "sector"),
    "saldo_vencido": Columna("Saldo vencido", "saldo_vencido", num=True),
    "saldo": Columna("Saldo", "saldo", num=True),
    "meses": Columna("Meses", "meses_vencidos", num=True),
    "vencimiento": Columna("Vence desde", "vencimiento_mas_antiguo"),
}


class ListasFiltro(filtros.FilterSet):
    cartera = filtros.ModelChoiceFilter(
        label="Cartera", queryset=Cartera.objects.order_by("nombre"), empty_label="Todas"
    )
    desde = filtros.DateFilter(
        label="Generada desde",
        field_name="generada__date",
        lookup_expr="gte",
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/aaaa"}),
    )
    hasta = filtros.DateFilter(
        label="Generada hasta",
        field_name="generada__date",
        lookup_expr="lte",
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/aaaa"}),
    )

    class Meta:
        model = ListaMorosos
        fields = []


COLUMNAS_LISTAS = {
    "folio": Columna("Folio", "folio"),
    "cartera": Columna("Cartera", "cartera__nombre"),
    "generada": Columna("Generada", "generada"),
    "cuentas": Columna("Cuentas", "cuentas", num=True),
    "vencido": Columna("Saldo vencido", "total_vencido", num=True),
}
