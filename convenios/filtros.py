"""The list of convenios (/convenios/ and /api/v1/convenios/): filters, sortable columns, and
the convenios a user may see (those of its visible cuentas)."""

import django_filters as filtros
from django import forms
from django.contrib.auth import get_user_model

from cobranza.libro.selectors import cuentas_visibles
from convenios.models import Convenio
from padron.listados import Columna
from padron.models import Cartera
from padron.permisos import puede_ver_todas_las_cuentas
from padron.personas import UsuarioChoiceField

FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})
FECHA_INVALIDA = {"invalid": "Fecha no válida; use dd/mm/aaaa."}


def convenios_visibles(usuario):
    convenios = Convenio.objects.select_related(
        "cuenta__titular", "cuenta__cartera", "capturado_por", "alternativa"
    )
    if puede_ver_todas_las_cuentas(usuario):
        return convenios
    return convenios.filter(cuenta__in=cuentas_visibles(usuario).values("pk"))


class UsuarioFilter(filtros.ModelChoiceFilter):
    field_class = UsuarioChoiceField


def _capturistas(request):
    """Who has captured convenios, by name."""
    capturaron = Convenio.objects.values("capturado_por")
    return (
        get_user_model()
        .objects.filter(pk__in=capturaron)
        .order_by("first_name", "last_name", "username")
    )


class ConveniosFiltro(filtros.FilterSet):
    estado = filtros.ChoiceFilter(
        label="Estado", choices=Convenio.Estado.choices, empty_label="Todos"
    )
    cartera = filtros.ModelChoiceFilter(
        label="Cartera",
        field_name="cuenta__cartera",
        queryset=Cartera.objects.order_by("nombre"),
        empty_label="Todas",
    )
    desde = filtros.DateFilter(
        label="Capturado desde",
        field_name="capturado__date",
        lookup_expr="gte",
        widget=FECHA,
        error_messages=FECHA_INVALIDA,
    )
    hasta = filtros.DateFilter(
        label="Capturado hasta",
        field_name="capturado__date",
        lookup_expr="lte",
        widget=FECHA,
        error_messages=FECHA_INVALIDA,
    )
    capturado_por = UsuarioFilter(label="Capturó", queryset=_capturistas, empty_label="Todos")

    class Meta:
        model = Convenio
        fields = []


COLUMNAS = {
    "folio": Columna("Folio", "folio"),
    "cuenta": Columna("Cuenta", "cuenta__numero"),
    "estado": Columna("Estado", "estado"),
    "total": Columna("Total convenido", "total", num=True),
    "capturado": Columna("Capturado", "capturado"),
}
