"""Forms of the cortes pages. They translate input; the rules live in cortes/services/listas.py."""

from django import forms

from cobranza.cortes.services.listas import (
    cortadores,
    criterios_disponibles,
    exclusiones_disponibles,
)
from padron.forms import motivo_campo
from padron.models import Cartera, CondicionEspecial, Cuenta
from padron.personas import UsuarioChoiceField

FECHA = {
    "input_formats": ["%d/%m/%Y", "%Y-%m-%d"],
    "widget": forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"}),
}


def carteras_de_agua():
    return Cartera.objects.filter(tipo=Cartera.Tipo.AGUA, activa=True).order_by("nombre")


class CriteriosForm(forms.Form):
    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=None,
        error_messages={
            "required": "Elija la cartera.",
            "invalid_choice": "Elija una cartera de servicio de agua.",
        },
    )
    meses_minimos = forms.IntegerField(
        label="Meses vencidos mínimos",
        required=False,
        min_value=1,
        help_text="Vacío: el umbral de corte de la cartera.",
    )
    sector = forms.CharField(label="Sector", max_length=20, required=False)
    ruta = forms.CharField(label="Ruta", max_length=20, required=False)
    incluir = forms.MultipleChoiceField(
        label="También entran, sin importar los meses",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    excluir = forms.MultipleChoiceField(
        label="Dejar fuera",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Las reglas de protección en vigor y las órdenes pendientes siempre se aplican. "
            "Si la cartera protege a titulares con condición especial, también quedan fuera."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cartera"].queryset = carteras_de_agua()
        self.fields["incluir"].choices = criterios_disponibles()
        self.fields["excluir"].choices = exclusiones_disponibles()
        if not self.is_bound:
            self.initial.setdefault("incluir", [c for c, _ in criterios_disponibles()])
            self.initial.setdefault(
                "excluir", [c for c, _ in exclusiones_disponibles() if c != "condicion_especial"]
            )

    def datos(self) -> dict:
        return {
            campo: self.cleaned_data[campo]
            for campo in ("cartera", "meses_minimos", "sector", "ruta", "incluir", "excluir")
        }


class AsignacionForm(forms.Form):
    ruta = forms.ChoiceField(label="Ruta", required=False)
    cortador = UsuarioChoiceField(
        label="Cortador",
        queryset=None,
        error_messages={
            "required": "Elija al cortador.",
            "invalid_choice": "Elija un usuario con el rol de cortador.",
        },
    )

    def __init__(self, rutas, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cortador"].queryset = cortadores()
        self.fields["ruta"].choices = [("", "Todas las órdenes pendientes")] + [
            (f"{r['sector']}|{r['ruta']}", f"Sector {r['sector']} · ruta {r['ruta']}")
            for r in rutas
            if r["pendientes"]
        ]

    def sector_ruta(self):
        sector, _, ruta = (self.cleaned_data.get("ruta") or "").partition("|")
        return sector or None, ruta or None


class ReglaProteccionForm(forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=160)
    fundamento = forms.CharField(
        label="Fundamento",
        max_length=250,
        required=False,
        help_text="Declaratoria, acuerdo o ley.",
    )
    carteras = forms.ModelMultipleChoiceField(
        label="Carteras",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ninguna marcada: todas las carteras de agua.",
    )
    vigente_desde = forms.DateField(label="Vigente desde", **FECHA)
    vigente_hasta = forms.DateField(
        label="Vigente hasta", required=False, help_text="Vacío: sin fecha final.", **FECHA
    )
    municipios = forms.CharField(
        label="Municipios",
        max_length=500,
        required=False,
        help_text="Separados por comas. Vacío: todos.",
    )
    sectores = forms.CharField(
        label="Sectores",
        max_length=500,
        required=False,
        help_text="Separados por comas. Vacío: todos.",
    )
    clasificaciones = forms.MultipleChoiceField(
        label="Clasificaciones del predio",
        choices=Cuenta.Clasificacion.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ninguna marcada: todas.",
    )
    condiciones = forms.MultipleChoiceField(
        label="Condiciones especiales del titular",
        choices=CondicionEspecial.Tipo.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Ninguna marcada: todos los titulares; si marca alguna, solo quienes la tengan vigente.",
    )
    activa = forms.BooleanField(label="Activa", required=False, initial=True)

    def __init__(self, *args, editar=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["carteras"].queryset = carteras_de_agua()
        if editar:
            self.fields["motivo"] = motivo_campo()
            self.fields["motivo"].error_messages["required"] = "Indique el motivo del cambio."

    @staticmethod
    def inicial(regla) -> dict:
        return {
            "nombre": regla.nombre,
            "fundamento": regla.fundamento,
            "carteras": list(regla.carteras.all()),
            "vigente_desde": regla.vigente_desde,
            "vigente_hasta": regla.vigente_hasta,
            "municipios": ", ".join(regla.municipios),
            "sectores": ", ".join(regla.sectores),
            "clasificaciones": regla.clasificaciones,
            "condiciones": regla.condiciones,
            "activa": regla.activa,
        }

    def datos(self) -> dict:
        datos = dict(self.cleaned_data)
        datos.pop("carteras", None)
        datos.pop("motivo", None)
        return datos
