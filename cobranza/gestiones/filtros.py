"""The list of gestiones (/gestiones/ and /api/v1/gestiones/): filters and sortable columns,
and the gestiones a user may see (those of its visible cuentas)."""

import django_filters as filtros
from django.contrib.auth import get_user_model

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Gestion
from padron.filtros import filtro_fecha
from padron.listados import Columna
from padron.permisos import puede_ver_todas_las_cuentas
from padron.personas import UsuarioChoiceField


def gestiones_visibles(usuario):
    gestiones = Gestion.objects.select_related("cuenta__titular", "usuario")
    if puede_ver_todas_las_cuentas(usuario):
        return gestiones  # no semi-join over the whole padrón
    return gestiones.filter(cuenta__in=cuentas_visibles(usuario).values("pk"))


class UsuarioFilter(filtros.ModelChoiceFilter):
    field_class = UsuarioChoiceField


def _quienes(request):
    """Who has registered gestiones, by name."""
    return (
        get_user_model()
        .objects.filter(gestiones__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class GestionesFiltro(filtros.FilterSet):
    tipo = filtros.ChoiceFilter(label="Tipo", choices=Gestion.Tipo.choices, empty_label="Todos")
    resultado = filtros.ChoiceFilter(
        label="Resultado", choices=Gestion.Resultado.choices, empty_label="Todos"
    )
    desde = filtro_fecha("Desde", "fecha__date", "gte")
    hasta = filtro_fecha("Hasta", "fecha__date", "lte")
    usuario = UsuarioFilter(label="Registró", queryset=_quienes, empty_label="Todos")
    cuenta = filtros.CharFilter(label="Cuenta", field_name="cuenta__numero")

    class Meta:
        model = Gestion
        fields = []


COLUMNAS = {
    "fecha": Columna("Fecha", "fecha"),
    "cuenta": Columna("Cuenta", "cuenta__numero"),
    "tipo": Columna("Tipo", "tipo"),
    "resultado": Columna("Resultado", "resultado"),
    "usuario": Columna("Registró", ("usuario__first_name", "usuario__last_name")),
}
