"""A resolution's reason (authorise, reject, cancel a convenio)."""

from django import forms


class MotivoForm(forms.Form):
    motivo = forms.CharField(
        label="Motivo",
        max_length=250,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
