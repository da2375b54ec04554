"""Filters and sortable columns of the ledger's list pages: the search of cuentas (/cuentas/)
and the ajustes y reversiones (/ajustes/), shared by the pages and the API."""

import django_filters as filtros
from django import forms
from django.db.models import Q

from cobranza.libro.selectors import movimientos_autorizados, rango_de_fechas
from padron.filtros import filtro_cartera, filtro_fecha
from padron.listados import Columna
from padron.models import Cuenta
from padron.texto import normalizar


class CuentasFiltro(filtros.FilterSet):
    q = filtros.CharFilter(
        label="Buscar",
        method="buscar",
        widget=forms.TextInput(
            attrs={
                "type": "search",
                "placeholder": "Número, nombre, CURP/RFC, clave catastral o domicilio",
                "autofocus": True,
            }
        ),
    )
    cartera = filtro_cartera()
    estado = filtros.ChoiceFilter(
        label="Estado", choices=Cuenta.Estado.choices, empty_label="Todos"
    )

    class Meta:
        model = Cuenta
        fields = []

    def buscar(self, queryset, nombre, texto):
        """Every word in the normalised `busqueda` column (trigram index), or the exact
        número — the same rule as cobranza.libro.selectors.cuentas_buscar."""
        palabras = normalizar(texto).split()
        if not palabras:
            return queryset
        filtro = Q()
        for palabra in palabras:
            filtro &= Q(busqueda__contains=palabra)
        return queryset.filter(filtro | Q(numero=texto.strip()))


COLUMNAS_CUENTAS = {
    "numero": Columna("Cuenta", "numero"),
    "nombre": Columna(
        "Titular",
        ("titular__apellido_paterno", "titular__apellido_materno", "titular__nombre"),
    ),
    "cartera": Columna("Cartera", "cartera__nombre"),
    "saldo": Columna("Saldo", "saldo__saldo", num=True),
    "vencido": Columna("Vencido", "saldo__saldo_vencido", num=True),
}


class RangoForm(forms.Form):
    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "La fecha final no puede ser anterior a la inicial.")
        return datos


class AjustesFiltro(filtros.FilterSet):
    """The dates feed the selector (its rows are a UNION of ajustes and reversals, which SQL
    cannot filter afterwards); by default the last 30 days."""

    desde = filtro_fecha("Desde")
    hasta = filtro_fecha("Hasta")

    class Meta:
        form = RangoForm

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            datos = {}
            if self.is_bound:
                self.errors  # noqa: B018 (validates; bad dates fall back to the default)
                datos = self.form.cleaned_data
            self.desde, self.hasta = rango_de_fechas(datos.get("desde"), datos.get("hasta"))
            self._qs = movimientos_autorizados(
                usuario=self.request.user, desde=self.desde, hasta=self.hasta
            )
        return self._qs


COLUMNAS_AJUSTES = {
    "fecha": Columna("Fecha", ("fecha", "registrado")),
    "cuenta": Columna("Cuenta", "cuenta_numero"),
    "monto": Columna("Monto", "importe", num=True),
    "registrado": Columna("Registrado", "registrado"),
}
