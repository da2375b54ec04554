"""Filters and sortable columns of the morosos pages (the generated lists and the rows of one
frozen list), shared by the pages and /api/v1/morosos/."""

import django_filters as filtros

from cobranza.models import ListaMorosos, RenglonMorosos
from padron.filtros import filtro_cartera, filtro_entero, filtro_fecha, filtro_monto
from padron.listados import Columna


class RenglonesFiltro(filtros.FilterSet):
    colonia = filtros.CharFilter(
        label="Colonia", field_name="cuenta__colonia", lookup_expr="icontains"
    )
    sector = filtros.CharFilter(label="Sector", field_name="sector", lookup_expr="iexact")
    ruta = filtros.CharFilter(label="Ruta", field_name="ruta", lookup_expr="iexact")
    saldo_min = filtro_monto("Saldo vencido desde", "saldo_vencido", "gte")
    saldo_max = filtro_monto("Saldo vencido hasta", "saldo_vencido", "lte")
    meses_min = filtro_entero("Meses vencidos desde", "meses_vencidos", "gte")
    meses_max = filtro_entero("Meses vencidos hasta", "meses_vencidos", "lte")

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
    cartera = filtro_cartera()
    desde = filtro_fecha("Generada desde", "generada__date", "gte")
    hasta = filtro_fecha("Generada hasta", "generada__date", "lte")

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
