"""The list of convenios (/convenios/ and /api/v1/convenios/): filters, sortable columns, and
the convenios a user may see (those of its visible cuentas)."""

import django_filters as filtros
from django.contrib.auth import get_user_model

from cobranza.libro.selectors import cuentas_visibles
from convenios.models import Convenio
from padron.filtros import filtro_cartera, filtro_fecha
from padron.listados import Columna
from padron.permisos import puede_ver_todas_las_cuentas
from padron.personas import UsuarioChoiceField


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
    cartera = filtro_cartera("cuenta__cartera")
    desde = filtro_fecha("Capturado desde", "capturado__date", "gte")
    hasta = filtro_fecha("Capturado hasta", "capturado__date", "lte")
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
