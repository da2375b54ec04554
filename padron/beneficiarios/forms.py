"""Forms of the beneficiarios' pages. They translate input; the rules live in services.py."""

from django import forms

from padron.beneficiarios.models import CreditoEducativo, EstatusAcademico, Programa, Tramite
from padron.campos import CampoMonto
from padron.forms import campo_fecha

ERRORES_MONTO = {"required": "Falta este dato."}


def _periodo():
    return forms.CharField(
        label="Periodo escolar",
        max_length=7,
        widget=forms.TextInput(attrs={"placeholder": "aaaa-1 o aaaa-2"}),
    )


class CreditoForm(forms.Form):
    programa = forms.ModelChoiceField(
        label="Programa o carrera (institución)",
        queryset=Programa.objects.filter(activo=True).select_related("institucion"),
        error_messages={"required": "Elija el programa."},
    )
    modalidad = forms.ChoiceField(label="Modalidad", choices=CreditoEducativo.Modalidad.choices)
    matricula = forms.CharField(label="Matrícula", max_length=30, required=False)
    monto_autorizado = CampoMonto(label="Monto autorizado", error_messages=ERRORES_MONTO)


class EstatusForm(forms.Form):
    periodo = _periodo()
    estatus = forms.ChoiceField(label="Estatus académico", choices=EstatusAcademico.Estatus.choices)
    tipo_evidencia = forms.ChoiceField(
        label="Lo prueba", choices=EstatusAcademico.Evidencia.choices
    )
    evidencia = forms.FileField(
        label="Evidencia escaneada (PDF, JPEG o PNG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    evidencia_vence = campo_fecha("Fecha límite para entregar la evidencia", requerida=False)


class MinistracionForm(forms.Form):
    periodo = _periodo()
    monto = CampoMonto(label="Monto", error_messages=ERRORES_MONTO)
    fecha_programada = campo_fecha("Fecha programada")


class EgresoForm(forms.Form):
    fecha_egreso = campo_fecha("Fecha de egreso")


class TramiteForm(forms.Form):
    tipo = forms.ChoiceField(label="Trámite", choices=Tramite.Tipo.choices)
    motivo = forms.CharField(label="Motivo", max_length=250)
    fecha_efectiva = campo_fecha("Fecha efectiva")
    evidencia = forms.FileField(
        label="Evidencia (PDF, JPEG o PNG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    plazo_meses = forms.IntegerField(
        label="Nuevo plazo en meses (reprogramación)", required=False, min_value=1, max_value=240
    )
    tasa_interes_anual = forms.DecimalField(
        label="Nueva tasa anual % (reprogramación, opcional)",
        required=False,
        max_digits=7,
        decimal_places=4,
        min_value=0,
    )
    programa = forms.ModelChoiceField(
        label="Nuevo programa (reasignación)",
        required=False,
        queryset=Programa.objects.filter(activo=True).select_related("institucion"),
    )
    cuenta_destino = forms.CharField(
        label="Cuenta del nuevo beneficiario (reasignación)", required=False, max_length=30
    )

    def datos(self):
        d = self.cleaned_data
        datos = {}
        if d.get("plazo_meses"):
            datos["plazo_meses"] = d["plazo_meses"]
        if d.get("tasa_interes_anual") is not None:
            datos["tasa_interes_anual"] = str(d["tasa_interes_anual"])
        if d.get("programa"):
            datos["programa"] = d["programa"].pk
        if d.get("cuenta_destino"):
            datos["cuenta"] = d["cuenta_destino"].strip()
        return datos


class FiltroForm(forms.Form):
    texto = forms.CharField(
        label="Cuenta, matrícula, CURP o nombre", required=False, max_length=100
    )
    etapa = forms.ChoiceField(
        label="Etapa", choices=[("", "Todas"), *CreditoEducativo.Etapa.choices], required=False
    )


class ImportarEstatusForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV o XLSX de la institución (curp o matricula, periodo, estatus)",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    parcial = forms.BooleanField(
        label="Aplicar las filas válidas aunque otras tengan errores", required=False
    )
