"""Forms of loans and returns to the debtor. The rules live in the services; these forms only
carry and translate the input."""

from django import forms
from django.contrib.auth import get_user_model

from cobranza.archivo.services.prestamos import PROPOSITO_MAXIMO

FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})
FECHA_INVALIDA = {
    "invalid": "Fecha no válida; use dd/mm/aaaa.",
    "required": "Indique la fecha en que debe devolverse.",
}
ESTADOS = [
    ("abiertos", "Prestados"),
    ("vencidos", "Vencidos"),
    ("devueltos", "Devueltos"),
    ("todos", "Todos"),
]


def prestatarios_posibles():
    """Active users with a role (abogados externos, notificadores, staff)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__isnull=False)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class UsuarioField(forms.ModelChoiceField):
    def label_from_instance(self, usuario):
        return usuario.get_full_name() or usuario.username


class PrestamoForm(forms.Form):
    prestatario = UsuarioField(
        label="Se presta a",
        queryset=prestatarios_posibles(),
        empty_label="Elija…",
        error_messages={"required": "Indique a quién se presta."},
    )
    proposito = forms.CharField(
        label="Propósito",
        max_length=PROPOSITO_MAXIMO,
        error_messages={"required": "Indique para qué se presta el original."},
    )
    vence = forms.DateField(
        label="Devolver a más tardar el",
        widget=FECHA,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages=FECHA_INVALIDA,
    )


class PrestamoFiltroForm(forms.Form):
    estado = forms.ChoiceField(label="Préstamos", required=False, choices=ESTADOS)
    prestatario = UsuarioField(
        label="Prestatario", required=False, queryset=prestatarios_posibles(), empty_label="Todos"
    )
    cuenta = forms.CharField(label="Cuenta", required=False, max_length=30)


class DevolucionForm(forms.Form):
    recibe = forms.CharField(
        label="Recibe (nombre completo)",
        max_length=200,
        error_messages={"required": "Escriba el nombre de quien recibe."},
    )
    identificacion = forms.CharField(
        label="Identificación que presenta",
        max_length=100,
        help_text="Tipo y número, p. ej. «INE 1234567890123».",
        error_messages={"required": "Indique la identificación que presenta quien recibe."},
    )
