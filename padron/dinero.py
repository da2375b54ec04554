"""Money: Decimal, two places, MXN, rounded half-up to the centavo."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError

CENTAVO = Decimal("0.01")
CERO = Decimal("0.00")


def redondear(valor) -> Decimal:
    """Round to the centavo, half-up (the rule of DOMAIN.md)."""
    return Decimal(valor).quantize(CENTAVO, rounding=ROUND_HALF_UP)


def formato_pesos(valor) -> str:
    """$1,234.56 as written in Mexico; negatives as -$1,234.56."""
    if valor is None or valor == "":
        return ""
    cantidad = redondear(valor)
    signo = "-" if cantidad < 0 else ""
    return f"{signo}${abs(cantidad):,.2f}"


def validar_monto(valor, *, campo: str = "monto", permitir_cero: bool = False) -> Decimal:
    """A positive amount with at most two decimals, or a ValidationError naming `campo`."""
    try:
        monto = Decimal(str(valor).strip().replace(",", "").replace("$", ""))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({campo: "El monto debe ser un número (p. ej. 1234.50)."}) from exc
    if not monto.is_finite() or monto < 0 or (monto == 0 and not permitir_cero):
        raise ValidationError({campo: "El monto debe ser mayor que cero."})
    if monto.as_tuple().exponent < -2:
        raise ValidationError({campo: "El monto no puede tener más de dos decimales (centavos)."})
    if monto >= Decimal("1e12"):
        raise ValidationError({campo: "El monto excede el máximo permitido."})
    return monto.quantize(CENTAVO)
