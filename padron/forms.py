"""Forms of the padrón pages. They translate input; the rules live in padron/services.py."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS

from padron.campos import CampoFecha, CampoMonto, validar_fecha_de_formulario
from padron.fechas import FECHA_MINIMA_HISTORICA
from padron.models import Cartera, CondicionEspecial, Cuenta, GrupoPrelacion, Titular
from padron.services import CAMPOS_TITULAR

CAMPOS_CUENTA_AGUA = [
    "clave_catastral",
    "clasificacion",
    "sector",
    "ruta",
    "manzana",
    "domicilio",
    "colonia",
    "municipio",
    "servicio_agua",
    "servicio_drenaje",
    "servicio_saneamiento",
    "medidor",
    "gran_consumidor",
]
CAMPOS_CUENTA_CREDITO = [
    "pagare_folio",
    "programa",
    "institucion_educativa",
    "monto_otorgado",
    "fecha_otorgamiento",
    "plazo_meses",
    "tasa_interes_anual",
    "inicio_recuperacion",
    "aval_nombre",
    "aval_telefono",
    "aval_domicilio",
]
CAMPOS_CUENTA_GENERALES = ["cartera", "estado", "fecha_alta"]


def motivo_campo():
    return forms.CharField(
        label="Motivo del cambio",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Queda en el historial junto con su usuario y la fecha.",
    )


def errores_a_formulario(form, exc, *, destinos=None):
    """Put a service's ValidationError on the form: on its field when the form has it."""
    destinos = destinos or {}
    errores = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD_ERRORS: exc.messages}
    for campo, mensajes in errores.items():
        destino = destinos.get(campo, campo)
        for mensaje in mensajes:
            if destino in form.fields:
                form.add_error(destino, mensaje)
            elif campo == NON_FIELD_ERRORS:
                form.add_error(None, mensaje)
            else:
                form.add_error(None, f"{campo}: {mensaje}")


FECHA_INVALIDA = "Fecha no válida; use dd/mm/aaaa."


def campo_fecha(etiqueta, requerida=True, *, futura=True):
    """A date typed as dd/mm/aaaa (the institutions' format), with Spanish errors and the
    date policy (padron/fechas.py: sane years; `futura=False` refuses the future)."""
    return CampoFecha(label=etiqueta, required=requerida, futura=futura)


class _Estilo:
    """Every widget full width; dates as dd/mm/aaaa text (the institutions' format)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for campo in self.fields.values():
            if isinstance(campo, forms.DateField):
                campo.widget = forms.DateInput(
                    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa", "inputmode": "numeric"}
                )
                if not isinstance(campo, CampoFecha):  # a model's date: the same year bounds
                    campo.validators.append(validar_fecha_de_formulario)


class CarteraForm(_Estilo, forms.ModelForm):
    prelacion_1 = forms.ChoiceField(label="1.º se paga", choices=GrupoPrelacion.choices)
    prelacion_2 = forms.ChoiceField(label="2.º", choices=GrupoPrelacion.choices)
    prelacion_3 = forms.ChoiceField(label="3.º", choices=GrupoPrelacion.choices)
    prelacion_4 = forms.ChoiceField(label="4.º", choices=GrupoPrelacion.choices)
    fecha_minima_historica = CampoFecha(
        label="Fecha mínima de datos históricos",
        required=False,
        futura=False,
        help_text="No se aceptan pagos ni datos históricos anteriores (vacío: 01/01/2000).",
    )
    motivo = motivo_campo()

    def clean_fecha_minima_historica(self):
        return self.cleaned_data["fecha_minima_historica"] or FECHA_MINIMA_HISTORICA

    class Meta:
        model = Cartera
        fields = [
            "nombre",
            "tipo",
            "institucion",
            "domicilio_institucion",
            "rfc_institucion",
            "telefono_institucion",
            "lugar_expedicion",
            "logo",
            "formato_recibo",
            "tasa_recargo_mensual",
            "tope_recargos",
            "dias_gracia_recargo",
            "umbral_morosos_meses",
            "umbral_morosos_monto",
            "umbral_corte_meses",
            "tarifa_reconexion",
            "domesticos_solo_reduccion",
            "protege_condicion_especial",
            "factor_consumo_atipico",
            "fecha_minima_historica",
            "activa",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i, grupo in enumerate(self.instance.prelacion or [], start=1):
            if i <= 4:
                self.fields[f"prelacion_{i}"].initial = grupo

    def datos(self):
        datos = {campo: self.cleaned_data[campo] for campo in self.Meta.fields}
        datos["prelacion"] = [self.cleaned_data[f"prelacion_{i}"] for i in range(1, 5)]
        return datos


class CarteraNuevaForm(CarteraForm):
    clave = forms.SlugField(
        label="Clave",
        max_length=30,
        help_text="Corta, sin espacios ni acentos (p. ej. oomapas-caborca); no cambia después.",
        error_messages={
            "invalid": "Use letras sin acento, números y guiones.",
            "required": "Indique la clave.",
        },
    )
    motivo = forms.CharField(
        label="Motivo", max_length=250, required=False, initial="Alta de cartera"
    )


class TitularForm(_Estilo, forms.ModelForm):
    class Meta:
        model = Titular
        fields = CAMPOS_TITULAR

    def datos(self):
        return {campo: self.cleaned_data[campo] for campo in self.Meta.fields}


class TitularEditarForm(TitularForm):
    motivo = motivo_campo()


class CuentaEditarForm(_Estilo, forms.ModelForm):
    monto_otorgado = CampoMonto(label="Monto otorgado", required=False)
    motivo = motivo_campo()

    class Meta:
        model = Cuenta
        fields = CAMPOS_CUENTA_GENERALES + CAMPOS_CUENTA_AGUA + CAMPOS_CUENTA_CREDITO

    def datos(self):
        return {campo: self.cleaned_data[campo] for campo in self.Meta.fields}


class CuentaAltaForm(_Estilo, forms.ModelForm):
    titular = forms.ModelChoiceField(
        label="Titular existente (número)",
        queryset=Titular.objects.all(),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text="Déjelo vacío para dar de alta un titular nuevo con los datos de abajo.",
        error_messages={"invalid_choice": "No existe un titular con ese número."},
    )
    monto_otorgado = CampoMonto(label="Monto otorgado", required=False)

    class Meta:
        model = Cuenta
        fields = (
            ["numero", "titular"]
            + CAMPOS_CUENTA_GENERALES
            + CAMPOS_CUENTA_AGUA
            + CAMPOS_CUENTA_CREDITO
        )

    def datos(self):
        return {c: self.cleaned_data[c] for c in self.Meta.fields if c != "titular"}


class CondicionEspecialForm(_Estilo, forms.Form):
    tipo = forms.ChoiceField(label="Condición", choices=CondicionEspecial.Tipo.choices)
    vigente_desde = forms.DateField(label="Vigente desde")
    vigente_hasta = forms.DateField(label="Vigente hasta", required=False)
    evidencia = forms.FileField(
        label="Evidencia (PDF, JPG o PNG)",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
    descripcion_evidencia = forms.CharField(
        label="Documento presentado", max_length=200, required=False
    )


class ImportarForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV o XLSX",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    cartera = forms.ModelChoiceField(
        label="Cartera (para filas sin clave de cartera)",
        queryset=Cartera.objects.all(),
        to_field_name="clave",
        required=False,
        empty_label="La que indique cada fila",
    )
    parcial = forms.BooleanField(
        label="Importar las filas válidas aunque otras tengan errores",
        required=False,
        help_text="Sin esta opción no se importa nada si alguna fila tiene errores.",
    )


class DepuracionForm(forms.Form):
    meses = forms.IntegerField(
        label="Meses sin movimiento", min_value=1, max_value=240, initial=12, required=False
    )
    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=Cartera.objects.all(),
        to_field_name="clave",
        required=False,
        empty_label="Todas",
    )
