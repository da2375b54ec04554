"""Forms of quejas y sugerencias: the clerks' pages (capture, filters, asignar, responder,
cerrar, reporte) and the public ones (file a queja, look it up, rate the answer).

The rules live in the services; these forms only carry and translate the input. The public
forms check every field strictly (type, length, no HTML) because nobody is logged in.
"""

import re

from django import forms
from django.core.validators import validate_email

from cobranza.atencion.publico import FormularioPublico, sin_html
from cobranza.atencion.selectors.quejas import areas_activas
from cobranza.atencion.services.quejas import (
    DESCRIPCION_MAXIMA,
    DESCRIPCION_MINIMA,
    LARGO_CLAVE,
    RESPUESTA_MAXIMA,
    quienes_atienden_quejas,
)
from cobranza.models import Queja

FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})
FECHA_INVALIDA = {"invalid": "Fecha no válida; use dd/mm/aaaa."}
TIPOS = [("", "Elija…"), *Queja.Tipo.choices]
ORIGENES_INTERNOS = [c for c in Queja.Origen.choices if c[0] != Queja.Origen.PUBLICO]
SATISFACCION = [("", "Sin calificar"), *Queja.Satisfaccion.choices]
_TELEFONO = re.compile(r"^[0-9 +()\-.]{7,25}$")


class UsuarioField(forms.ModelChoiceField):
    def label_from_instance(self, usuario):
        return usuario.get_full_name() or usuario.username


def _descripcion(validators=()):
    return forms.CharField(
        label="Descripción",
        validators=list(validators),
        min_length=DESCRIPCION_MINIMA,
        max_length=DESCRIPCION_MAXIMA,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": DESCRIPCION_MAXIMA}),
        error_messages={
            "required": "Describa su queja o sugerencia.",
            "min_length": f"Escriba al menos {DESCRIPCION_MINIMA} caracteres.",
            "max_length": f"Máximo {DESCRIPCION_MAXIMA} caracteres.",
        },
    )


# --- páginas internas ----------------------------------------------------------------------


class QuejaFiltroForm(forms.Form):
    folio = forms.CharField(label="Folio", required=False, max_length=20)
    estado = forms.ChoiceField(
        label="Estado", required=False, choices=[("", "Todos"), *Queja.Estado.choices]
    )
    tipo = forms.ChoiceField(
        label="Tipo", required=False, choices=[("", "Todos"), *Queja.Tipo.choices]
    )
    area = forms.ModelChoiceField(
        label="Área", required=False, queryset=areas_activas(), empty_label="Todas"
    )
    vencidas = forms.BooleanField(label="Solo vencidas", required=False)
    mias = forms.BooleanField(label="Solo mías o de mi área", required=False)


class QuejaNuevaForm(forms.Form):
    tipo = forms.ChoiceField(
        label="Tipo", choices=TIPOS, error_messages={"required": "Elija el tipo."}
    )
    origen = forms.ChoiceField(
        label="Recibida por",
        choices=[("", "Elija…"), *ORIGENES_INTERNOS],
        error_messages={"required": "Indique cómo se recibió."},
    )
    area = forms.ModelChoiceField(
        label="Área responsable",
        required=False,
        queryset=areas_activas(),
        empty_label="Por asignar",
    )
    nombre = forms.CharField(label="Nombre de quien la presenta", required=False, max_length=200)
    contacto = forms.CharField(label="Teléfono o correo", required=False, max_length=120)
    cuenta = forms.CharField(label="Cuenta (opcional)", required=False, max_length=30)
    descripcion = _descripcion()


class AsignarForm(forms.Form):
    area = forms.ModelChoiceField(
        label="Área",
        queryset=areas_activas(),
        empty_label="Elija…",
        error_messages={"required": "Elija el área responsable."},
    )
    asignada_a = UsuarioField(
        label="Asignar a",
        required=False,
        queryset=quienes_atienden_quejas(),
        empty_label="El responsable del área",
    )


class ResponderForm(forms.Form):
    respuesta = forms.CharField(
        label="Respuesta",
        max_length=RESPUESTA_MAXIMA,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Escriba la respuesta."},
    )


class CerrarForm(forms.Form):
    satisfaccion = forms.TypedChoiceField(
        label="Satisfacción que expresó la persona",
        required=False,
        choices=SATISFACCION,
        coerce=int,
        empty_value=None,
    )


class ReporteForm(forms.Form):
    desde = forms.DateField(label="Recibidas desde", widget=FECHA, error_messages=FECHA_INVALIDA)
    hasta = forms.DateField(label="hasta", widget=FECHA, error_messages=FECHA_INVALIDA)

    def clean(self):
        datos = super().clean()
        if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
            self.add_error("hasta", "La fecha final es anterior a la inicial.")
        return datos


# --- páginas públicas ----------------------------------------------------------------------


def validar_contacto(valor):
    """A phone number (7 to 25 digits and separators, at least 7 digits) or an e-mail."""
    if "@" in valor:
        try:
            validate_email(valor)
        except forms.ValidationError:
            raise forms.ValidationError("El correo electrónico no es válido.") from None
    elif not _TELEFONO.match(valor) or sum(c.isdigit() for c in valor) < 7:
        raise forms.ValidationError("Escriba un teléfono (10 dígitos) o un correo electrónico.")


class QuejaPublicaForm(FormularioPublico):
    """What the public may tell: no cuenta number, so the page never says whether one exists."""

    tipo = forms.ChoiceField(
        label="¿Qué desea presentar?",
        choices=TIPOS,
        error_messages={"required": "Elija una opción."},
    )
    # sin_html on each field as well: the field is then rejected when cleaned, before
    # FormularioPublico.clean, whose loop fails when it has to add an error itself.
    descripcion = _descripcion(validators=[sin_html])
    nombre = forms.CharField(
        label="Su nombre (opcional)",
        required=False,
        max_length=200,
        validators=[sin_html],
        error_messages={"max_length": "Máximo 200 caracteres."},
    )
    contacto = forms.CharField(
        label="Teléfono o correo para responderle (opcional)",
        required=False,
        max_length=120,
        validators=[sin_html, validar_contacto],
        error_messages={"max_length": "Máximo 120 caracteres."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # People never see nor reach the honeypot; browsers must not autofill it.
        self.fields["sitio_web"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})


class ConsultaPublicaForm(forms.Form):
    folio = forms.CharField(
        label="Folio",
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "Q26-000123", "autocomplete": "off"}),
        validators=[sin_html],
        error_messages={"required": "Escriba el folio."},
    )
    clave = forms.CharField(
        label="Clave de consulta",
        max_length=LARGO_CLAVE + 4,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        validators=[sin_html],
        error_messages={"required": "Escriba la clave de consulta."},
    )


class CalificarForm(ConsultaPublicaForm):
    satisfaccion = forms.TypedChoiceField(
        label="¿Qué tan satisfecho quedó con la respuesta?",
        choices=Queja.Satisfaccion.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Elija una calificación.",
            "invalid_choice": "Elija una calificación.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folio"].widget = forms.HiddenInput()
        self.fields["clave"].widget = forms.HiddenInput()
