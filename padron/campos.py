"""The money and date fields of every form and API: one parser, one date policy.

Money goes through `padron.dinero.validar_monto` (1234.50, 1,234.50, $1,234.50; never
1,50, 1234,50, 1,2,3 or 1e2); dates through `padron.fechas.validar_fecha` (sane years, no
future where the domain forbids it). A form or serializer never re-implements either.
"""

from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from padron.dinero import validar_monto
from padron.fechas import validar_fecha

# What validar_monto accepts, for the OpenAPI schema (a string, so no float rounding).
PATRON_MONTO = r"^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$"
FECHA_INVALIDA = "Fecha no válida; use dd/mm/aaaa."


def _mensajes(exc: ValidationError) -> list[str]:
    """A service-style {campo: mensaje} error as the plain messages a field shows."""
    return exc.messages


class CampoMonto(forms.CharField):
    """Pesos typed by a person: a Decimal with two places, or a Spanish error."""

    def __init__(self, *, permitir_cero=False, **kwargs):
        self.permitir_cero = permitir_cero
        # No max_length: its validator would measure the Decimal; the widget limits typing.
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0.00", "maxlength": 30}),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        texto = super().to_python(value)
        if texto in self.empty_values:
            return None
        try:
            return validar_monto(texto, permitir_cero=self.permitir_cero)
        except ValidationError as exc:
            raise ValidationError(_mensajes(exc), code="invalid") from exc

    def prepare_value(self, value):
        return value if value is None else str(value)


class CampoFecha(forms.DateField):
    """dd/mm/aaaa (or aaaa-mm-dd) within the date policy; `futura=False` refuses the future."""

    def __init__(self, *, futura=True, **kwargs):
        self.futura = futura
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa", "inputmode": "numeric"}
            ),
        )
        errores = {"invalid": FECHA_INVALIDA, "required": "Indique la fecha."}
        errores.update(kwargs.pop("error_messages", None) or {})
        super().__init__(error_messages=errores, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value in self.empty_values:
            return
        try:
            validar_fecha(value, futura=self.futura)
        except ValidationError as exc:
            raise ValidationError(_mensajes(exc), code="invalid") from exc


def validar_fecha_de_formulario(valor):
    """Validator for a model form's DateField: the same year bounds as CampoFecha."""
    if valor is not None:
        try:
            validar_fecha(valor)
        except ValidationError as exc:
            raise ValidationError(_mensajes(exc), code="invalid") from exc


@extend_schema_field(
    {
        "type": "string",
        "pattern": PATRON_MONTO,
        "example": "1234.50",
        "description": "Pesos con punto decimal; la coma solo separa miles (1,234.50). "
        "También se acepta un número JSON.",
    }
)
class MontoField(serializers.Field):
    """An amount in the API: "1234.50", "1,234.50" or "$1,234.50" (or a JSON number);
    "1,50", "1e2" and more than two decimals are a 400 naming the field."""

    default_error_messages = {"invalid": "El monto debe ser un número como 1234.50."}

    def __init__(self, *, permitir_cero=False, **kwargs):
        self.permitir_cero = permitir_cero
        super().__init__(**kwargs)

    def validate_empty_values(self, data):
        if data == "" and self.allow_null:  # an optional amount left blank in a form post
            return (True, None)
        return super().validate_empty_values(data)

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int | float):
            self.fail("invalid")
        if isinstance(data, str) and len(data) > 30:
            self.fail("invalid")
        try:
            return validar_monto(data, permitir_cero=self.permitir_cero)
        except ValidationError as exc:
            raise serializers.ValidationError(_mensajes(exc)) from exc

    def to_representation(self, value):
        return None if value is None else f"{value:.2f}"


class FechaField(serializers.DateField):
    """aaaa-mm-dd within the date policy; `futura=False` refuses the future (400 naming it)."""

    def __init__(self, *, futura=True, **kwargs):
        self.futura = futura
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        fecha = super().to_internal_value(value)
        try:
            return validar_fecha(fecha, futura=self.futura)
        except ValidationError as exc:
            raise serializers.ValidationError(_mensajes(exc)) from exc
