"""A file's cells as values, one rule per kind, for every import: each raises ValueError with
a Spanish message that the caller puts under the row and column."""

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from padron.dinero import validar_monto
from padron.fechas import validar_fecha
from padron.importacion.archivos import texto_de
from padron.texto import normalizar

SI = {"si", "s", "1", "true", "verdadero", "x"}
NO = {"no", "n", "0", "false", "falso", ""}


def texto(valor) -> str:
    return str(texto_de(valor) or "").strip()


def fecha(valor):
    """dd/mm/aaaa or aaaa-mm-dd (XLSX gives dates typed); None when empty. A year outside
    the date policy (01/01/0001, 31/12/9999: legacy placeholders) is refused."""
    leida = _fecha(valor)
    if leida is not None:
        try:
            validar_fecha(leida)
        except ValidationError as exc:
            raise ValueError(exc.messages[0]) from exc
    return leida


def _fecha(valor):
    if valor in ("", None):
        return None
    if isinstance(valor, datetime):
        return valor.date()
    if isinstance(valor, date):
        return valor
    partes = str(valor).strip().split("/")
    if len(partes) == 3 and all(p.isdigit() for p in partes) and len(partes[2]) == 4:
        try:  # dd/mm/aaaa without strptime: a billing file has one per row
            return date(int(partes[2]), int(partes[1]), int(partes[0]))
        except ValueError:
            raise ValueError(f"Fecha no válida «{valor}»; use dd/mm/aaaa.") from None
    for formato in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(str(valor).strip(), formato).date()
        except ValueError:
            continue
    raise ValueError(f"Fecha no válida «{valor}»; use dd/mm/aaaa.")


def periodo(valor):
    """A billed month: aaaa-mm, mm/aaaa or a date (its month); its first day."""
    if valor in ("", None):
        return None
    if isinstance(valor, date):
        return valor.replace(day=1)
    limpio = str(valor).strip()
    for formato in ("%Y-%m", "%m/%Y", "%Y/%m"):
        try:
            return datetime.strptime(limpio, formato).date()
        except ValueError:
            continue
    try:
        return fecha(limpio).replace(day=1)
    except ValueError:
        raise ValueError(f"Periodo no válido «{valor}»; use aaaa-mm (p. ej. 2026-11).") from None


def entero(valor):
    if valor in ("", None):
        return None
    numero = decimal(valor)
    if numero != numero.to_integral_value():
        raise ValueError(f"«{valor}» no es un número entero.")
    return int(numero)


# As for money (padron.dinero): a comma only groups thousands, a point separates decimals;
# "6,5" or "1e2" are ambiguous or malformed, not 65 or 100.
_NUMERO = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


def decimal(valor):
    if valor in ("", None):
        return None
    numero = None
    if isinstance(valor, int | float) and not isinstance(valor, bool):
        numero = Decimal(str(valor))  # a typed XLSX number: no separators to misread
    else:
        texto_numero = str(valor).replace("%", "").strip()
        if _NUMERO.match(texto_numero):
            try:
                numero = Decimal(texto_numero.replace(",", ""))
            except InvalidOperation:
                numero = None
    if numero is None or not numero.is_finite():
        raise ValueError(f"«{valor}» no es un número.")
    return numero


def monto(valor, *, permitir_cero=False):
    """Pesos with at most two decimals; None when empty."""
    if valor in ("", None):
        return None
    try:
        return validar_monto(valor, permitir_cero=permitir_cero)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from exc


def si_no(valor) -> bool:
    clave = normalizar(texto(valor)).lower()
    if clave in SI:
        return True
    if clave in NO:
        return False
    raise ValueError(f"«{valor}» no es sí o no.")
