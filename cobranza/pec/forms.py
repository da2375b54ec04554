"""Forms of the PEC pages: the notificador's record of a diligence, and the supervisor's actions."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from cobranza.models import DiaInhabil, Diligencia
from padron.personas import UsuarioChoiceField

FECHA_HORA = ["%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M"]


def _usuarios_con(permiso):
    app, codigo = permiso.split(".")
    filtro = Q(
        groups__permissions__codename=codigo, groups__permissions__content_type__app_label=app
    )
    return get_user_model().objects.filter(filtro, is_active=True).distinct().order_by("username")


class NotificacionForm(forms.Form):
    resultado = forms.ChoiceField(
        label="Resultado",
        choices=[c for c in Diligencia.Resultado.choices if c[0] != "pendiente"],
        widget=forms.RadioSelect,
        error_messages={"required": "Indique el resultado de la diligencia."},
    )
    notificada = forms.DateTimeField(
        label="Fecha y hora de la diligencia",
        input_formats=FECHA_HORA,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={"required": "Indique la fecha y hora de la diligencia."},
    )
    hubo_citatorio = forms.BooleanField(
        label="El titular no estaba: se dejó citatorio antes", required=False
    )
    citatorio = forms.DateTimeField(
        label="Fecha y hora del citatorio",
        required=False,
        input_formats=FECHA_HORA,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    recibio_nombre = forms.CharField(
        label="Nombre de quien recibió", max_length=200, required=False
    )
    recibio_relacion = forms.CharField(
        label="Relación con el titular", max_length=80, required=False
    )
    foto = forms.FileField(
        label="Fotografía (opcional)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    latitud = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitud = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    notas = forms.CharField(
        label="Hechos y observaciones",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        datos = super().clean()
        if datos.get("hubo_citatorio") and not datos.get("citatorio"):
            self.add_error("citatorio", "Indique cuándo se dejó el citatorio.")
        if not datos.get("hubo_citatorio"):
            datos["citatorio"] = None
        return datos


class TurnarForm(forms.Form):
    abogado = UsuarioChoiceField(
        label="Abogado externo",
        queryset=_usuarios_con("cobranza.registrar_etapa_legal").none(),
        error_messages={"required": "Elija al abogado."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["abogado"].queryset = _usuarios_con("cobranza.registrar_etapa_legal")


class NotificadorForm(forms.Form):
    diligencia = forms.CharField(widget=forms.HiddenInput)
    notificador = UsuarioChoiceField(label="Notificador", queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notificador"].queryset = _usuarios_con("cobranza.registrar_diligencia")


class MotivoForm(forms.Form):
    motivo = forms.CharField(
        label="Motivo", max_length=250, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActuacionForm(forms.Form):
    detalle = forms.CharField(
        label="Actuación", max_length=250, widget=forms.Textarea(attrs={"rows": 2})
    )


class DiaInhabilForm(forms.ModelForm):
    class Meta:
        model = DiaInhabil
        fields = ["fecha", "descripcion"]
        error_messages = {"fecha": {"unique": "Ese día ya está en el calendario."}}
