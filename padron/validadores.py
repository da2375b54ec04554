"""CURP and RFC: format, date part and (CURP) check digit.

Sources: RENAPO's CURP structure (18 characters, digit 18 verifies 1-17) and
the SAT's RFC (12 characters for personas morales, 13 for físicas).
"""

import re
from datetime import date

from django.core.exceptions import ValidationError

_ENTIDADES = [
    "AS",
    "BC",
    "BS",
    "CC",
    "CL",
    "CM",
    "CS",
    "CH",
    "DF",
    "DG",
    "GT",
    "GR",
    "HG",
    "JC",
    "MC",
    "MN",
    "MS",
    "NT",
    "NL",
    "OC",
    "PL",
    "QT",
    "QR",
    "SP",
    "SL",
    "SR",
    "TC",
    "TS",
    "TL",
    "VZ",
    "YN",
    "ZS",
    "NE",
]
_CURP = re.compile(
    r"^[A-Z][AEIOUX][A-Z]{2}(\d{2})(\d{2})(\d{2})[HMX]("
    + "|".join(_ENTIDADES)
    + r")[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z]\d$",
    re.ASCII,  # \d must not accept other scripts' digits
)
_RFC = re.compile(r"^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})[A-Z0-9]{3}$", re.ASCII)
_ALFABETO = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ"


def _fecha_valida(aa, mm, dd, siglos=(1900, 2000)):
    anio = int(aa)
    for base in siglos:
        try:
            date(base + anio, int(mm), int(dd))
            return True
        except ValueError:
            continue
    return False


def digito_curp(curp17: str) -> str:
    """The check digit (position 18) of the first 17 characters of a CURP."""
    suma = sum(_ALFABETO.index(c) * (18 - i) for i, c in enumerate(curp17))
    return str((10 - suma % 10) % 10)


def validar_curp(valor: str) -> None:
    curp = (valor or "").strip().upper()
    coincidencia = _CURP.match(curp)
    if not coincidencia:
        raise ValidationError(
            "La CURP debe tener 18 caracteres con el formato oficial (p. ej. HEGG560427MVZRRL04).",
            code="curp_formato",
        )
    aa, mm, dd = coincidencia.group(1, 2, 3)
    # RENAPO: character 17 is a digit for those born before 2000, a letter after.
    siglo = (1900,) if curp[16].isdigit() else (2000,)
    if not _fecha_valida(aa, mm, dd, siglo):
        raise ValidationError(
            "La fecha de nacimiento de la CURP no es una fecha válida.", code="curp_fecha"
        )
    if digito_curp(curp[:17]) != curp[17]:
        raise ValidationError(
            "El dígito verificador de la CURP no corresponde.", code="curp_digito"
        )


def validar_rfc(valor: str) -> None:
    rfc = (valor or "").strip().upper()
    coincidencia = _RFC.match(rfc)
    if not coincidencia:
        raise ValidationError(
            "El RFC debe tener 12 caracteres (persona moral) o 13 (persona física) con el formato del SAT.",
            code="rfc_formato",
        )
    aa, mm, dd = coincidencia.group(2, 3, 4)
    if not _fecha_valida(aa, mm, dd):
        raise ValidationError("La fecha del RFC no es una fecha válida.", code="rfc_fecha")
