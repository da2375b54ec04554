"""Forms of the supervisor's pages: alternatives, authorisation tiers, campaigns, document
templates; the filter of the discounts report; the public verification of a constancia.

The policy's invariants live in the models' constraints; these forms check them before
saving and put a broken one under the field to change (never an IntegrityError).
"""

from copy import copy

from django import forms
from django.core.exceptions import ValidationError
from django.template import Template, TemplateSyntaxError

from convenios.models import Alternativa, Campana, NivelAutorizacion, PlantillaDocumento
from padron.forms import campo_fecha
from padron.models import Cartera, CondicionEspecial, Cuenta


def _motivo():
    return forms.CharField(
        label="Motivo del cambio",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Queda en el historial junto con su usuario y la fecha.",
        error_messages={"required": "Indique el motivo del cambio."},
    )


class PoliticaForm(forms.ModelForm):
    """A policy row: new (with its cartera) or edited (with the reason, for the history).

    `restricciones` maps a model constraint's name to (field, message); the message may use
    the row's values ({max_parcialidades}). `fijos_al_editar`: fields that do not change
    once the row exists (its convenios were agreed under them).
    """

    restricciones = {}
    fijos_al_editar = ()
    secciones = ()
    motivo = _motivo()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for campo in self.fijos_al_editar:
                del self.fields[campo]
        else:
            del self.fields["motivo"]

    def grupos(self):
        """(title, bound fields) per section of the page."""
        return [
            (titulo, [self[c] for c in campos if c in self.fields])
            for titulo, campos in self.secciones
        ]

    def clean(self):
        datos = super().clean()
        self._revisar_restricciones(datos)
        return datos

    def _revisar_restricciones(self, datos):
        modelo = self._meta.model
        fila = copy(self.instance)
        for campo in modelo._meta.concrete_fields:
            if campo.name in datos:
                setattr(fila, campo.name, datos[campo.name])
        # A field that already failed is left out: its constraint is skipped.
        con_error = set(self.errors)
        for restriccion in modelo._meta.constraints:
            if restriccion.name not in self.restricciones:
                continue
            campo, mensaje = self.restricciones[restriccion.name]
            try:
                restriccion.validate(modelo, fila, exclude=con_error)
            except ValidationError:
                self.add_error(campo, mensaje.format(**vars(fila)))

    def save(self, commit=True):
        motivo = self.cleaned_data.get("motivo")
        if motivo:
            self.instance._change_reason = motivo  # simple-history keeps it with the change
        return super().save(commit)


class AlternativaForm(PoliticaForm):
    condiciones = forms.MultipleChoiceField(
        label="Condiciones especiales que la habilitan",
        choices=CondicionEspecial.Tipo.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Solo para el tipo condición especial; ninguna marcada: cualquiera.",
    )
    restricciones = {
        "alternativa_al_menos_un_pago": (
            "max_parcialidades",
            "La política debe permitir al menos un pago.",
        ),
        "alternativa_ventanilla_dentro_de_politica": (
            "ventanilla_max_parcialidades",
            "Ventanilla no puede conceder más parcialidades que la política ({max_parcialidades}).",
        ),
    }
    fijos_al_editar = ("cartera",)
    secciones = (
        ("Alternativa", ["cartera", "tipo", "nombre", "activa", "condiciones"]),
        (
            "Lo que permite la política",
            [
                "descuento_recargos_pct",
                "descuento_gastos_pct",
                "descuento_principal_pct",
                "max_parcialidades",
                "enganche_minimo_pct",
                "periodicidad",
                "parcialidad_minima",
                "adelantos",
            ],
        ),
        (
            "Lo que ventanilla concede sin autorización",
            ["ventanilla_descuento_pct", "ventanilla_max_parcialidades", "ventanilla_monto_maximo"],
        ),
        (
            "Incumplimiento y recordatorios",
            [
                "parcialidades_para_incumplir",
                "dias_gracia",
                "revertir_descuento",
                "dias_recordatorio",
            ],
        ),
        ("Historial", ["motivo"]),
    )

    class Meta:
        model = Alternativa
        fields = [
            "cartera",
            "tipo",
            "nombre",
            "activa",
            "condiciones",
            "descuento_recargos_pct",
            "descuento_gastos_pct",
            "descuento_principal_pct",
            "max_parcialidades",
            "enganche_minimo_pct",
            "periodicidad",
            "parcialidad_minima",
            "adelantos",
            "ventanilla_descuento_pct",
            "ventanilla_max_parcialidades",
            "ventanilla_monto_maximo",
            "parcialidades_para_incumplir",
            "dias_gracia",
            "revertir_descuento",
            "dias_recordatorio",
        ]


class NivelForm(PoliticaForm):
    fijos_al_editar = ("cartera",)
    secciones = (
        (
            "Nivel de autorización",
            ["cartera", "nombre", "permiso", "orden", "monto_maximo", "descuento_maximo_pct"],
        ),
        ("Historial", ["motivo"]),
    )

    class Meta:
        model = NivelAutorizacion
        fields = ["cartera", "nombre", "permiso", "orden", "monto_maximo", "descuento_maximo_pct"]


class CampanaForm(PoliticaForm):
    carteras = forms.ModelMultipleChoiceField(
        label="Carteras",
        queryset=Cartera.objects.order_by("nombre"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Elija al menos una cartera."},
    )
    clasificaciones = forms.MultipleChoiceField(
        label="Clasificaciones de predio",
        choices=Cuenta.Clasificacion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Ninguna marcada: todas.",
    )
    inicio = campo_fecha("Inicio")
    fin = campo_fecha("Fin")
    restricciones = {
        "campana_fechas_ordenadas": ("fin", "El fin de la campaña no puede ser antes del inicio."),
    }
    secciones = (
        ("Campaña", ["nombre", "activa", "inicio", "fin", "carteras", "clasificaciones"]),
        (
            "Descuento",
            ["descuento_recargos_pct", "descuento_gastos_pct", "solo_contado", "presupuesto"],
        ),
        ("Historial", ["motivo"]),
    )

    class Meta:
        model = Campana
        fields = [
            "nombre",
            "activa",
            "inicio",
            "fin",
            "carteras",
            "clasificaciones",
            "descuento_recargos_pct",
            "descuento_gastos_pct",
            "solo_contado",
            "presupuesto",
        ]


def _revisar_plantilla(texto):
    # The same engine and libraries convenios.documentos.documentos renders it with.
    try:
        Template("{% load formato %}" + (texto or ""))
    except TemplateSyntaxError as exc:
        raise ValidationError(f"El texto tiene un error de plantilla: {exc}") from exc
    return texto


class PlantillaForm(PoliticaForm):
    restricciones = {
        "plantilla_una_por_tipo": (
            "tipo",
            "Esta cartera ya tiene una plantilla de ese documento; edite la existente.",
        ),
    }
    fijos_al_editar = ("cartera", "tipo")
    secciones = (
        ("Documento", ["cartera", "tipo"]),
        ("Texto", ["encabezado", "clausulas", "pie"]),
        ("Historial", ["motivo"]),
    )

    class Meta:
        model = PlantillaDocumento
        fields = ["cartera", "tipo", "encabezado", "clausulas", "pie"]
        widgets = {
            "encabezado": forms.Textarea(attrs={"rows": 3}),
            "clausulas": forms.Textarea(attrs={"rows": 18}),
            "pie": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"clausulas": {"required": "Escriba el texto de las cláusulas."}}

    def clean_encabezado(self):
        return _revisar_plantilla(self.cleaned_data["encabezado"])

    def clean_clausulas(self):
        return _revisar_plantilla(self.cleaned_data["clausulas"])

    def clean_pie(self):
        return _revisar_plantilla(self.cleaned_data["pie"])


# --- reporte de descuentos ------------------------------------------------------------------


# --- verificación pública -------------------------------------------------------------------
