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


def leer_cantidad(valor) -> Decimal | None:
    """The number typed in `valor` by the grammar above, or None when it is ambiguous or
    malformed. Every reader of money (and of numbers written like money) goes through it."""
    if isinstance(valor, Decimal | int) and not isinstance(valor, bool):
        return Decimal(valor)
    encontrado = _MONTO.match(str(valor if valor is not None else "").strip())
    if not encontrado:
        return None
    try:
        return Decimal(
            (encontrado["signo"] or "")
            + encontrado["entero"].replace(",", "")
            + (encontrado["fraccion"] or "")
        )
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


def validar_monto(valor, *, campo: str = "monto", permitir_cero: bool = False) -> Decimal:
    """A positive amount with at most two decimals, or a ValidationError naming `campo`."""
    monto = leer_cantidad(valor)
    if monto is None:
        raise ValidationError(
            {
                campo: "El monto debe ser un número como 1234.50 o 1,234.50 (la coma solo separa miles)."
            }
        )
    if not monto.is_finite():
        raise ValidationError({campo: "El monto debe ser un número (p. ej. 1234.50)."})
    if monto < 0 or (monto == 0 and not permitir_cero):
        raise ValidationError({campo: "El monto debe ser mayor que cero."})
    if monto.as_tuple().exponent < -2 and monto != monto.quantize(CENTAVO):
        raise ValidationError({campo: "El monto no puede tener más de dos decimales (centavos)."})
    if monto >= MAXIMO:
        raise ValidationError({campo: "El monto excede el máximo permitido."})
    return monto.quantize(CENTAVO)


_UNIDADES = [
    "cero",
    "uno",
    "dos",
    "tres",
    "cuatro",
    "cinco",
    "seis",
    "siete",
    "ocho",
    "nueve",
    "diez",
    "once",
    "doce",
    "trece",
    "catorce",
    "quince",
    "dieciséis",
    "diecisiete",
    "dieciocho",
    "diecinueve",
    "veinte",
    "veintiuno",
    "veintidós",
    "veintitrés",
    "veinticuatro",
    "veinticinco",
    "veintiséis",
    "veintisiete",
    "veintiocho",
    "veintinueve",
]
_DECENAS = [
    "_",
    "_",
    "_",
    "treinta",
    "cuarenta",
    "cincuenta",
    "sesenta",
    "setenta",
    "ochenta",
    "noventa",
]
_CENTENAS = [
    "_",
    "ciento",
    "doscientos",
    "trescientos",
    "cuatrocientos",
    "quinientos",
    "seiscientos",
    "setecientos",
    "ochocientos",
    "novecientos",
]


def _hasta_999(n: int) -> str:
    if n == 100:
        return "cien"
    centenas, resto = divmod(n, 100)
    partes = [_CENTENAS[centenas]] if centenas else []
    if resto < 30:
        if resto or not centenas:
            partes.append(_UNIDADES[resto])
    else:
        decenas, unidades = divmod(resto, 10)
        partes.append(_DECENAS[decenas] + (f" y {_UNIDADES[unidades]}" if unidades else ""))
    return " ".join(partes)


def _apocopar(texto: str) -> str:
    """ "uno" before a noun is "un" ("veintiún mil", "un millón")."""
    if texto.endswith("veintiuno"):
        return texto[: -len("veintiuno")] + "veintiún"
    if texto.endswith("uno"):
        return texto[:-1]
    return texto


def _entero_en_letra(n: int) -> str:
    if n == 0:
        return "cero"
    millones, resto = divmod(n, 1_000_000)
    miles, unidades = divmod(resto, 1000)
    partes = []
    if millones:
        if millones == 1:
            partes.append("un millón")
        else:
            partes.append(f"{_apocopar(_entero_en_letra(millones))} millones")
    if miles:
        partes.append("mil" if miles == 1 else f"{_apocopar(_hasta_999(miles))} mil")
    if unidades:
        partes.append(_hasta_999(unidades))
    return " ".join(partes)


def monto_en_letra(valor) -> str:
    """$1,234.50 -> "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.", as pagarés and
    receipts write it in Mexico ("UN MILLÓN DE PESOS" when the millions are exact)."""
    cantidad = redondear(valor)
    if cantidad < 0:
        raise ValueError("Solo se escriben con letra montos no negativos.")
    pesos = int(cantidad)
    centavos = int((cantidad - pesos) * 100)
    letra = _apocopar(_entero_en_letra(pesos))
    if pesos and pesos % 1_000_000 == 0:
        letra += " de"
    moneda = "peso" if pesos == 1 else "pesos"
    return f"{letra} {moneda} {centavos:02d}/100 M.N.".upper()
