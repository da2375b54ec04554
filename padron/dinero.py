"""Money: Decimal, two places, MXN, rounded half-up to the centavo."""

import re
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


# 1234.50 · 1,234.50 · $1,234.50: a comma only groups thousands, a point only separates
# centavos. "1,50", "1234,50", "1,2,3" and exponents are ambiguous or malformed: refused.
_MONTO = re.compile(r"^(?P<signo>-)?\$?\s*(?P<entero>\d{1,3}(?:,\d{3})+|\d+)(?P<fraccion>\.\d*)?$")
MAXIMO = Decimal("1e12")


def validar_monto(valor, *, campo: str = "monto", permitir_cero: bool = False) -> Decimal:
    """A positive amount with at most two decimals, or a ValidationError naming `campo`."""
    if isinstance(valor, Decimal | int) and not isinstance(valor, bool):
        monto = Decimal(valor)
    else:
        texto = str(valor if valor is not None else "").strip()
        encontrado = _MONTO.match(texto)
        if not encontrado:
            raise ValidationError(
                {
                    campo: "El monto debe ser un número como 1234.50 o 1,234.50 (la coma solo separa miles)."
                }
            )
        try:
            monto = Decimal(
                (encontrado["signo"] or "")
                + encontrado["entero"].replace(",", "")
                + (encontrado["fraccion"] or "")
            )
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
            raise ValidationError({campo: "El monto debe ser un número (p. ej. 1234.50)."}) from exc
    if not monto.is_finite():
        raise ValidationError({campo: "El monto debe ser un número (p. ej. 1234.50)."})
    if monto < 0 or (monto == 0 and not permitir_cero):
        raise ValidationError({campo: "El monto debe ser mayor que cero."})
    if monto.as_tuple().exponent < -2 and monto != monto.quantize(CENTAVO):
        raise ValidationError({campo: "El monto no puede tener más de dos decimales (centavos)."})
    if monto >= MAXIMO:
        raise ValidationError({campo: "El monto excede el máximo permitido."})
    return monto.quantize(CENTAVO)
