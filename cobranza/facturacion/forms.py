"""Forms of facturación's pages. They translate input; the rules live in the services."""

from decimal import Decimal

from django import forms

from cobranza.facturacion.models import CargoPropuesto, CorridaFacturacion, DescuentoSocial
from cobranza.facturacion.services.descuentos import CONCEPTOS_CON_DESCUENTO
from cobranza.models import Concepto
from padron.campos import CampoMonto
from padron.forms import campo_fecha
from padron.importacion import celdas
from padron.models import Cartera

VOLUMEN = {"max_digits": 12, "decimal_places": 2, "min_value": Decimal("0")}
ERRORES_NUMERO = {
    "invalid": "Escriba un número (p. ej. 1234.50).",
    "max_decimal_places": "Use a lo más dos decimales.",
    "min_value": "No puede ser negativo.",
    "required": "Falta este dato.",
}


def _motivo(requerido=True):
    return forms.CharField(
        label="Motivo",
        max_length=250,
        required=requerido,
        widget=forms.TextInput(),
        error_messages={"required": "Indique el motivo."},
    )


class CorridaCargaForm(forms.Form):
    tipo = forms.ChoiceField(label="¿Qué archivo es?", choices=CorridaFacturacion.Tipo.choices)
    cartera = forms.ModelChoiceField(
        label="Cartera", queryset=Cartera.objects.filter(activa=True), to_field_name="clave"
    )
    periodo = forms.CharField(
        label="Periodo facturado (facturación del mes)",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "aaaa-mm"}),
    )
    fecha_corte = campo_fecha("Fecha de corte (carga inicial)", requerida=False)
    archivo = forms.FileField(
        label="Archivo CSV o XLSX", widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"})
    )

    def clean_periodo(self):
        try:
            periodo = celdas.periodo(self.cleaned_data["periodo"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return f"{periodo:%Y-%m}" if periodo else ""

    def clean(self):
        datos = super().clean()
        tipo = datos.get("tipo")
        if tipo == CorridaFacturacion.Tipo.FACTURACION and not datos.get("periodo"):
            self.add_error("periodo", "Indique el periodo facturado (aaaa-mm).")
        if tipo and tipo != CorridaFacturacion.Tipo.FACTURACION and not datos.get("fecha_corte"):
            self.add_error("fecha_corte", "Indique la fecha de corte de la carga inicial.")
        return datos


class MotivoForm(forms.Form):
    motivo = _motivo()


class RevisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decisión",
        choices=[("aceptada", "Aceptar"), ("corregida", "Corregir"), ("retenida", "Retener")],
    )
    motivo = _motivo(requerido=False)
    lectura_actual = forms.DecimalField(
        label="Lectura corregida", required=False, error_messages=ERRORES_NUMERO, **VOLUMEN
    )
    consumo_m3 = forms.DecimalField(
        label="Consumo corregido (m³)", required=False, error_messages=ERRORES_NUMERO, **VOLUMEN
    )
    agua = CampoMonto(label="Agua corregida", required=False, permitir_cero=True)


class CargoPropuestoForm(forms.Form):
    tipo = forms.ChoiceField(label="Tipo", choices=CargoPropuesto.Tipo.choices)
    monto = CampoMonto(label="Monto", error_messages={"required": "Falta este dato."})
    fecha_vencimiento = campo_fecha("Fecha de vencimiento")
    descripcion = forms.CharField(
        label="Trabajo realizado o motivo",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Describa el trabajo o el motivo del cargo."},
    )
    evidencia = forms.FileField(
        label="Evidencia (orden de trabajo, foto, acta)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class SolicitudDescuentoForm(forms.Form):
    tipo = forms.ChoiceField(label="Condición", choices=DescuentoSocial.Tipo.choices)
    acreditacion = forms.CharField(
        label="Acredita con",
        max_length=200,
        help_text="Credencial INAPAM, dictamen médico, resolución de pensión o jubilación…",
        error_messages={"required": "Indique el documento que acredita la condición."},
    )
    documento = forms.FileField(
        label="Documento escaneado",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": "Adjunte el documento que acredita la condición."},
    )
    ingreso_mensual = CampoMonto(
        label="Ingreso mensual del hogar",
        permitir_cero=True,
        error_messages={"required": "Falta este dato."},
    )
    personas_hogar = forms.IntegerField(
        label="Personas en el hogar",
        min_value=1,
        max_value=50,
        error_messages={
            "required": "Falta este dato.",
            "invalid": "Escriba un número entero.",
            "min_value": "Al menos una persona.",
        },
    )
    ocupacion = forms.CharField(label="Ocupación", max_length=120, required=False)
    vivienda = forms.ChoiceField(label="Vivienda", choices=DescuentoSocial.Vivienda.choices)
    observaciones = forms.CharField(
        label="Observaciones del estudio", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def solicitud(self):
        datos = dict(self.cleaned_data)
        archivo = datos.pop("documento")
        datos.pop("tipo", None)
        return {**datos, "documentos": [(datos["acreditacion"], archivo)]}


class AprobacionDescuentoForm(forms.Form):
    porcentaje = forms.DecimalField(
        label="Descuento (%)",
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        error_messages={
            **ERRORES_NUMERO,
            "min_value": "Mayor que cero.",
            "max_value": "A lo más 100 %.",
        },
    )
    conceptos = forms.MultipleChoiceField(
        label="Aplica a",
        choices=[(c, Concepto(c).label) for c in CONCEPTOS_CON_DESCUENTO],
        widget=forms.CheckboxSelectMultiple,
        initial=[Concepto.CONSUMO_AGUA],
        error_messages={"required": "Elija al menos un concepto."},
    )
    tope_m3 = forms.DecimalField(
        label="Tope mensual (m³)",
        required=False,
        help_text="Vacío: sin tope.",
        error_messages=ERRORES_NUMERO,
        **VOLUMEN,
    )


class PeriodoReporteForm(forms.Form):
    desde = campo_fecha("Desde", requerida=False)
    hasta = campo_fecha("Hasta", requerida=False)
