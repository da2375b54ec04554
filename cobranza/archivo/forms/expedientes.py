"""Forms of the expediente page: a received document, a scan, the original back, a removal."""

from django import forms

from cobranza.models import TipoDocumento

FECHA = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"})
FORMATOS = ["%d/%m/%Y", "%Y-%m-%d"]


class DocumentoForm(forms.Form):
    legajo = forms.ChoiceField(label="Expediente", choices=())
    tipo = forms.ModelChoiceField(
        label="Tipo de documento",
        queryset=TipoDocumento.objects.all(),
        empty_label="Elija…",
        error_messages={
            "required": "Elija el tipo de documento.",
            "invalid_choice": "Tipo no válido.",
        },
    )
    descripcion = forms.CharField(label="Descripción", required=False, max_length=200)
    original = forms.BooleanField(
        label="Se recibe el original en papel", required=False, initial=True
    )
    recibido = forms.DateField(
        label="Recibido el",
        required=False,
        input_formats=FORMATOS,
        widget=FECHA,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )
    archivo = forms.FileField(label="Escaneo (PDF, JPEG o PNG)", required=False)

    def __init__(self, *args, legajos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legajo"].choices = [(str(legajo.pk), str(legajo)) for legajo in legajos]


class EscaneoForm(forms.Form):
    archivo = forms.FileField(
        label="Escaneo (PDF, JPEG o PNG)",
        error_messages={"required": "Elija el archivo escaneado."},
    )


class RecibirForm(forms.Form):
    recibido = forms.DateField(
        label="Recibido el",
        required=False,
        input_formats=FORMATOS,
        widget=FECHA,
        error_messages={"invalid": "Fecha no válida; use dd/mm/aaaa."},
    )


class BajaForm(forms.Form):
    motivo = forms.CharField(
        label="Motivo de la baja",
        max_length=200,
        error_messages={"required": "Escriba el motivo de la baja."},
    )
