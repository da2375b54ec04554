"""The public verification of a constancia: folio and code."""

from django import forms
from django.core.exceptions import ValidationError


class VerificarForm(forms.Form):
    folio = forms.CharField(
        label="Folio de la constancia",
        max_length=20,
        error_messages={"required": "Indique el folio impreso en la constancia."},
    )
    codigo = forms.CharField(
        label="Código de verificación",
        max_length=32,
        error_messages={"required": "Indique el código de verificación impreso en la constancia."},
    )

    def clean_folio(self):
        folio = self.cleaned_data["folio"].strip().upper()
        if "/" in folio:
            raise ValidationError("El folio no lleva diagonales; cópielo como aparece impreso.")
        return folio

    def clean_codigo(self):
        return self.cleaned_data["codigo"].strip().upper()
