"""Money: Decimal, two places, MXN, rounded half-up to the centavo."""

from decimal import ROUND_HALF_UP, Decimal

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
