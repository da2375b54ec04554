"""Filters and sortable columns of the corte pages (the lists and the orders of one list),
shared by the pages and /api/v1/cortes/."""

import django_filters as filtros

from cobranza.cortes.services.listas import cortadores
from cobranza.models import ListaCorte, OrdenCorte
from padron.filtros import filtro_cartera, filtro_fecha
from padron.listados import Columna
from padron.personas import UsuarioChoiceField


class UsuarioFilter(filtros.ModelChoiceFilter):
    """A dropdown of people by name (never their login)."""

    field_class = UsuarioChoiceField


class OrdenesFiltro(filtros.FilterSet):
    estado = filtros.ChoiceFilter(
        label="Estado", choices=OrdenCorte.Estado.choices, empty_label="Todos"
    )
    cortador = UsuarioFilter(label="Cortador", queryset=cortadores(), empty_label="Todos")
    sector = filtros.CharFilter(label="Sector", field_name="sector", lookup_expr="iexact")
    ruta = filtros.CharFilter(label="Ruta", field_name="ruta", lookup_expr="iexact")

    class Meta:
        model = OrdenCorte
        fields = []


COLUMNAS_ORDENES = {
    "ruta": Columna("Sector / ruta", ("sector", "ruta", "orden_ruta")),
    "folio": Columna("Folio", "folio"),
    "cuenta": Columna("Cuenta", "cuenta__numero"),
    "nombre": Columna(
        "Titular",
        (
            "cuenta__titular__apellido_paterno",
            "cuenta__titular__apellido_materno",
            "cuenta__titular__nombre",
        ),
    ),
    "saldo": Columna("Saldo vencido", "saldo_vencido", num=True),
    "meses": Columna("Meses", "meses_vencidos", num=True),
    "estado": Columna("Estado", "estado"),
}


class ListasFiltro(filtros.FilterSet):
    cartera = filtro_cartera()
    desde = filtro_fecha("Generada desde", "generada__date", "gte")
    hasta = filtro_fecha("Generada hasta", "generada__date", "lte")

    class Meta:
        model = ListaCorte
        fields = []


COLUMNAS_LISTAS = {
    "folio": Columna("Folio", "folio"),
    "cartera": Columna("Cartera", "cartera__nombre"),
    "generada": Columna("Generada", "generada"),
    "ordenes": Columna("Órdenes", "ordenes", num=True),
    "excluidas": Columna("Excluidas", "excluidas", num=True),
    "vencido": Columna("Saldo vencido", "total_vencido", num=True),
}
