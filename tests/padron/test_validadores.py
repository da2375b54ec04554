"""CURP and RFC: format, the date inside them and (CURP) the check digit."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from padron.models import Titular
from padron.validadores import digito_curp, validar_curp, validar_rfc
from tests.padron.conftest import curp_valida


def _codigo(validador, valor):
    with pytest.raises(ValidationError) as error:
        validador(valor)
    return error.value.code


@pytest.mark.parametrize(
    "curp",
    [
        "HEGG560427MVZRRL04",  # the example of RENAPO's instructivo
        curp_valida("GOMA800101HSRNRN0"),
        curp_valida("PEVJ850315HSRRLN0"),
        curp_valida("LOCA000229MSRPRNA"),  # 29/02/2000, born after 1999: letter in 17
        curp_valida("MOAL991231MNERRS0"),  # born abroad (NE)
        "hegg560427mvzrrl04",  # lower case is accepted and read as upper case
    ],
)
def test_curps_validas(curp):
    validar_curp(curp)


def test_el_digito_verificador_de_renapo():
    assert digito_curp("HEGG560427MVZRRL0") == "4"


def test_digito_verificador_equivocado():
    assert _codigo(validar_curp, "HEGG560427MVZRRL05") == "curp_digito"


@pytest.mark.parametrize(
    "prefijo",
    [
        "GOMA801301HSRNRN0",  # month 13
        "GOMA800230HSRNRN0",  # 30 February
        "GOMA800431HSRNRN0",  # 31 April
        "GOMA800100HSRNRN0",  # day 0
        "LOCA000229MSRPRN0",  # 29/02/1900: a digit in 17 means the 1900s, not a leap year
    ],
)
def test_fecha_de_nacimiento_imposible(prefijo):
    # The check digit is right: only the date is wrong.
    assert _codigo(validar_curp, curp_valida(prefijo)) == "curp_fecha"


@pytest.mark.parametrize(
    "curp",
    [
        "",
        "HEGG560427MVZRRL0",  # 17 characters
        "HEGG560427MVZRRL045",  # 19
        "HEGG560427ZVZRRL04",  # sex Z
        "HEGG560427MXXRRL04",  # no such entidad
        "H3GG560427MVZRRL04",  # digit among the letters
        "HEGGAB0427MVZRRL04",  # letters in the date
        "HEGG560427MVZAEL04",  # vowel where the inner consonants go
        "HEGG560427MVZRRL0A",  # the check digit is a digit
        "HEGG٥٦0427MVZRRL04",  # Arabic-Indic digits are digits to a plain \d
    ],
)
def test_formato_de_curp_invalido(curp):
    assert _codigo(validar_curp, curp) == "curp_formato"


@given(
    st.from_regex(
        r"\A[A-Z][AEIOU][A-Z]{2}[5-9][0-9](0[1-9]|1[0-2])(0[1-9]|1[0-9]|2[0-8])[HM]SR[BCDFG]{3}[0-9]\Z"
    )
)
def test_toda_curp_con_su_digito_es_valida_y_con_otro_no(prefijo):
    curp = curp_valida(prefijo)
    validar_curp(curp)
    otro = str((int(curp[17]) + 1) % 10)
    assert _codigo(validar_curp, curp[:17] + otro) == "curp_digito"


@pytest.mark.parametrize(
    "rfc",
    [
        "GOMA800101AB1",  # persona física: 13
        "ABC800101AB1",  # persona moral: 12
        "A&C991231XY9",  # & is allowed in razones sociales
        "ÑAB000229K12",  # Ñ too; 29/02/2000
        "goma800101ab1",
    ],
)
def test_rfcs_validos(rfc):
    validar_rfc(rfc)


@pytest.mark.parametrize("rfc", ["GOMA801301AB1", "ABC800230XY9", "GOMA800132AB1", "ABC010229XY9"])
def test_rfc_con_fecha_imposible(rfc):
    assert _codigo(validar_rfc, rfc) == "rfc_fecha"


@pytest.mark.parametrize(
    "rfc",
    [
        "",
        "GOMA80010",
        "GOMA800101AB12",
        "AB800101AB1",
        "GOMA8001011B",
        "GO1A800101AB1",
        "GOMA٨00101AB1",
    ],
)
def test_formato_de_rfc_invalido(rfc):
    assert _codigo(validar_rfc, rfc) == "rfc_formato"


def test_el_error_nombra_el_campo():
    titular = Titular(nombre="Ana", apellido_paterno="Ruiz", curp="HEGG560427MVZRRL05", rfc="X")
    with pytest.raises(ValidationError) as error:
        titular.full_clean()
    assert error.value.message_dict["curp"] == ["El dígito verificador de la CURP no corresponde."]
    assert "RFC" in error.value.message_dict["rfc"][0]
