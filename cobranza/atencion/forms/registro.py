"""The front desk's form: a few seconds to say who came, how and why."""

from datetime import datetime

from django import forms
from django.utils import timezone

from cobranza.atencion.models import Canal
from cobranza.models import MotivoAtencion
from padron.fechas import hoy


class AtencionForm(forms.Form):
    canal = forms.ChoiceField(
        label="Canal",
        choices=Canal.choices,
        initial=Canal.VENTANILLA,
        error_messages={"required": "Elija el canal.", "invalid_choice": "Canal no válido."},
    )
    motivo = forms.ModelChoiceField(
        label="Motivo",
        queryset=MotivoAtencion.objects.filter(activo=True),
        empty_label="Elija…",
        error_messages={
            "required": "Elija el motivo de la atención.",
            "invalid_choice": "Motivo no válido.",
        },
    )
    cuenta = forms.CharField(
        label="Cuenta (si la tiene)", required=False, max_length=30, strip=True
    )
    persona = forms.CharField(
        label="Nombre de quien acude o llama", required=False, max_length=200, strip=True
    )
    contacto = forms.CharField(label="Teléfono o correo", required=False, max_length=120)
    llegada = forms.TimeField(
        label="Hora de llegada (si esperó)",
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(format="%H:%M", attrs={"placeholder": "hh:mm"}),
        error_messages={"invalid": "Hora no válida; use hh:mm (p. ej. 09:40)."},
    )
    notas = forms.CharField(label="Notas", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean_llegada(self):
        hora = self.cleaned_data.get("llegada")
        if hora is None:
            return None
        return timezone.make_aware(datetime.combine(hoy(), hora))


class TerminarForm(forms.Form):
    notas = forms.CharField(
        label="Notas de cierre", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodoForm(forms.Form):
    PERIODOS = [("dia", "Día"), ("mes", "Mes")]
    periodo = forms.ChoiceField(label="Periodo", choices=PERIODOS, initial="dia", required=False)
    fecha = forms.DateField(
        label="Fecha",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"}),
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
