"""Filters and sortable columns of the expedientes del PEC, shared by /pec/ and
/api/v1/pec/expedientes/."""

from datetime import timedelta

import django_filters as filtros
from django.contrib.auth import get_user_model

from cobranza.models import Etapa, Expediente
from padron.fechas import hoy
from padron.listados import Columna
from padron.permisos import puede_ver_todas_las_cuentas
from padron.personas import UsuarioChoiceField


class UsuarioFilter(filtros.ModelChoiceFilter):
    field_class = UsuarioChoiceField


def _abogados(request):
    """Whoever is or was in charge of an expediente, by name; a lawyer sees only itself."""
    usuarios = get_user_model().objects.order_by("first_name", "last_name", "username")
    if request is None or not puede_ver_todas_las_cuentas(request.user):
        return usuarios.filter(pk=getattr(request and request.user, "pk", None))
    return usuarios.filter(expedientes__isnull=False).distinct()


class ExpedientesFiltro(filtros.FilterSet):
    PLAZOS = [
        ("vencido", "Plazo legal vencido"),
        ("semana", "Vence en los próximos 7 días"),
        ("por_notificar", "Por notificar"),
    ]

    etapa = filtros.ChoiceFilter(label="Etapa", choices=Etapa.choices, empty_label="Todas")
    estado = filtros.ChoiceFilter(
        label="Estado", choices=Expediente.Estado.choices, empty_label="Todos"
    )
    abogado = UsuarioFilter(label="Abogado", queryset=_abogados, empty_label="Todos")
    plazo = filtros.ChoiceFilter(
        label="Plazo", choices=PLAZOS, empty_label="Cualquiera", method="filtrar_plazo"
    )
    # Old links (?vencidos=1) and the lists' links (?lista=LM26-…) keep working.
    vencidos = filtros.BooleanFilter(
        label="Plazo legal vencido", method="filtrar_vencidos", widget=filtros.widgets.BooleanWidget
    )
    lista = filtros.CharFilter(label="Lista de morosos", field_name="lista__folio")

    class Meta:
        model = Expediente
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Carried as hidden fields: they come from links, not from the form.
        for nombre in ("vencidos", "lista"):
            self.form.fields[nombre].widget = self.form.fields[nombre].hidden_widget()

    def filtrar_plazo(self, queryset, nombre, valor):
        dia = hoy()
        abiertos = queryset.filter(estado=Expediente.Estado.ABIERTO)
        if valor == "vencido":
            return abiertos.filter(vence__lt=dia)
        if valor == "semana":
            return abiertos.filter(vence__gte=dia, vence__lte=dia + timedelta(days=7))
        if valor == "por_notificar":
            return abiertos.filter(resultado_actual="pendiente")
        return queryset

    def filtrar_vencidos(self, queryset, nombre, valor):
        return self.filtrar_plazo(queryset, "plazo", "vencido") if valor else queryset


COLUMNAS = {
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
    "etapa": Columna("Etapa", "etapa"),
    "vence": Columna("Vence el plazo", "vence"),
    "adeudo": Columna("Adeudo al abrir", "adeudo_inicial", num=True),
    "abierto": Columna("Abierto", "abierto"),
}
