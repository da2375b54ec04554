"""Amounts in words, as pagarés, convenios and receipts print them."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from padron.dinero import monto_en_letra

VALORES = {
    "cero": 0,
    "un": 1,
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "trece": 13,
    "catorce": 14,
    "quince": 15,
    "dieciséis": 16,
    "diecisiete": 17,
    "dieciocho": 18,
    "diecinueve": 19,
    "veinte": 20,
    "veintiún": 21,
    "veintiuno": 21,
    "veintidós": 22,
    "veintitrés": 23,
    "veinticuatro": 24,
    "veinticinco": 25,
    "veintiséis": 26,
    "veintisiete": 27,
    "veintiocho": 28,
    "veintinueve": 29,
    "treinta": 30,
    "cuarenta": 40,
    "cincuenta": 50,
    "sesenta": 60,
    "setenta": 70,
    "ochenta": 80,
    "noventa": 90,
    "cien": 100,
    "ciento": 100,
    "doscientos": 200,
    "trescientos": 300,
    "cuatrocientos": 400,
    "quinientos": 500,
    "seiscientos": 600,
    "setecientos": 700,
    "ochocientos": 800,
    "novecientos": 900,
}


def leer(letra: str) -> Decimal:
    """The inverse, written independently: words back to a number."""
    palabras, centavos = letra.lower().rsplit(" ", 2)[0], letra.rsplit(" ", 2)[1]
    total, grupo = 0, 0
    for palabra in palabras.split():
        if palabra in ("y", "de", "pesos", "peso"):
            continue
        if palabra == "mil":
            total += (grupo or 1) * 1000
            grupo = 0
        elif palabra in ("millón", "millones"):
            total = (total + grupo) * 1_000_000
            grupo = 0
        else:
            grupo += VALORES[palabra]
    return Decimal(total + grupo) + Decimal(centavos.split("/")[0]) / 100


@given(st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2))
def test_la_letra_dice_la_misma_cantidad(monto):
    assert leer(monto_en_letra(monto)) == monto


@pytest.mark.parametrize(
    ("monto", "letra"),
    [
        ("1", "UN PESO 00/100 M.N."),
        ("21", "VEINTIÚN PESOS 00/100 M.N."),
        ("100", "CIEN PESOS 00/100 M.N."),
        ("101.05", "CIENTO UN PESOS 05/100 M.N."),
        ("1234.50", "MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N."),
        ("21000", "VEINTIÚN MIL PESOS 00/100 M.N."),
        ("1000000", "UN MILLÓN DE PESOS 00/100 M.N."),
        ("2500000", "DOS MILLONES QUINIENTOS MIL PESOS 00/100 M.N."),
    ],
)
def test_como_se_escribe_en_un_pagare(monto, letra):
    assert monto_en_letra(Decimal(monto)) == letra


def test_un_monto_negativo_no_se_escribe():
    with pytest.raises(ValueError):
        monto_en_letra(Decimal("-1"))
