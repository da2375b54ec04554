"""Front-desk forms: the debtor's answer, the convenio's terms, a resolution's reason.

They translate what the clerk typed; the policy's limits are checked by
convenios.negociacion.simulacion and the services, whose errors land on these fields.
"""

from django import forms

from convenios.models import Negociacion
from padron.campos import CampoFecha, CampoMonto

PORCENTAJE = {"max_digits": 5, "decimal_places": 2, "min_value": 0, "max_value": 100}


class RespuestaForm(forms.Form):
    respuesta = forms.ChoiceField(
        label="Respuesta del deudor",
        choices=Negociacion.Respuesta.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Indique la respuesta del deudor."},
    )
    alternativa_elegida = forms.ChoiceField(label="Alternativa que le interesó", required=False)
    notas = forms.CharField(
        label="Notas", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, titulos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["alternativa_elegida"].choices = [("", "—")] + [(t, t) for t in titulos]


class TerminosForm(forms.Form):
    """The terms proposed within one alternative; empty fields take the policy's default."""

    numero_parcialidades = forms.IntegerField(
        label="Número de parcialidades", min_value=1, max_value=120, required=False
    )
    enganche = CampoMonto(
        label="Enganche",
        permitir_cero=True,
        required=False,
        help_text="Vacío: el mínimo de la política sobre el total.",
    )
    descuento_recargos_pct = forms.DecimalField(
        label="Descuento en recargos (%)", required=False, **PORCENTAJE
    )
    descuento_gastos_pct = forms.DecimalField(
        label="Descuento en gastos de ejecución (%)", required=False, **PORCENTAJE
    )
    descuento_principal_pct = forms.DecimalField(
        label="Descuento en adeudo principal (%)", required=False, **PORCENTAJE
    )
    primer_vencimiento = CampoFecha(
        label="Vencimiento de la primera parcialidad", required=False, help_text="dd/mm/aaaa"
    )
    clausulas = forms.CharField(
        label="Cláusulas adicionales",
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, contado=False, **kwargs):
        super().__init__(*args, **kwargs)
        if contado:
            for campo in ("numero_parcialidades", "enganche"):
                del self.fields[campo]
