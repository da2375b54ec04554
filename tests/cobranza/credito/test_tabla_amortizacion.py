"""The schedule (tabla de amortización): against a table computed by hand, and for any
capital, rate and term, exact to the centavo."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from cobranza.credito.services import tabla_calcular
from padron.models import Cartera

D = Decimal
FRANCES, CAPITAL_CONSTANTE = (
    Cartera.MetodoAmortizacion.FRANCES,
    Cartera.MetodoAmortizacion.CAPITAL_CONSTANTE,
)

# $10,000.00 at 12 % a year (1 % a month) over 12 months, fixed payment:
# c = 10,000 × 0.01 ÷ (1 − 1.01^−12) = 888.4879 → $888.49; interest = saldo × 1 %, to the centavo.
A_MANO = [
    # capital, interés, saldo insoluto
    ("788.49", "100.00", "9211.51"),
    ("796.37", "92.12", "8415.14"),
    ("804.34", "84.15", "7610.80"),
    ("812.38", "76.11", "6798.42"),
    ("820.51", "67.98", "5977.91"),
    ("828.71", "59.78", "5149.20"),
    ("837.00", "51.49", "4312.20"),
    ("845.37", "43.12", "3466.83"),
    ("853.82", "34.67", "2613.01"),
    ("862.36", "26.13", "1750.65"),
    ("870.98", "17.51", "879.67"),
    ("879.67", "8.80", "0.00"),  # the last month takes what is left: $888.47
]


def test_pago_fijo_igual_a_la_tabla_hecha_a_mano():
    tabla = tabla_calcular(
        capital=D("10000.00"), tasa_anual=D("12"), plazo=12, primer_vencimiento=date(2027, 1, 10)
    )
    assert [(str(r.capital), str(r.interes), str(r.saldo_insoluto)) for r in tabla] == A_MANO
    assert {r.pago for r in tabla[:-1]} == {D("888.49")}
    assert tabla[-1].pago == D("888.47")
    assert [r.vencimiento for r in tabla[:3]] == [
        date(2027, 1, 10),
        date(2027, 2, 10),
        date(2027, 3, 10),
    ]


def test_capital_constante_cobra_el_interes_sobre_saldo():
    tabla = tabla_calcular(
        capital=D("12000.00"),
        tasa_anual=D("12"),
        plazo=12,
        primer_vencimiento=date(2027, 1, 10),
        metodo=CAPITAL_CONSTANTE,
    )
    assert {r.capital for r in tabla} == {D("1000.00")}
    assert [r.interes for r in tabla] == [D(120 - 10 * k) for k in range(12)]


def test_sin_interes_el_ultimo_pago_absorbe_el_redondeo():
    tabla = tabla_calcular(
        capital=D("1000.00"), tasa_anual=0, plazo=3, primer_vencimiento=date(2027, 1, 10)
    )
    assert [r.pago for r in tabla] == [D("333.33"), D("333.33"), D("333.34")]
    assert {r.interes for r in tabla} == {D("0.00")}


def test_el_vencimiento_del_31_cae_el_ultimo_dia_de_meses_cortos():
    tabla = tabla_calcular(
        capital=D("3000.00"), tasa_anual=D("6"), plazo=3, primer_vencimiento=date(2028, 1, 31)
    )
    assert [r.vencimiento for r in tabla] == [
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
    ]


@pytest.mark.parametrize(
    ("campos", "campo"),
    [({"capital": D("0")}, "capital"), ({"plazo": 0}, "plazo_meses")],
)
def test_datos_imposibles_se_rechazan_nombrando_el_campo(campos, campo):
    datos = {"capital": D("1000"), "tasa_anual": D("6"), "plazo": 12, **campos}
    with pytest.raises(ValidationError) as error:
        tabla_calcular(primer_vencimiento=date(2027, 1, 10), **datos)
    assert campo in error.value.message_dict


@settings(max_examples=300, deadline=None)
@given(
    centavos=st.integers(min_value=1, max_value=500_000_000),
    tasa_centesimas=st.integers(min_value=0, max_value=6000),
    plazo=st.integers(min_value=1, max_value=240),
    metodo=st.sampled_from([FRANCES, CAPITAL_CONSTANTE]),
)
def test_cualquier_tabla_suma_el_capital_y_nunca_es_negativa(
    centavos, tasa_centesimas, plazo, metodo
):
    capital, tasa = D(centavos) / 100, D(tasa_centesimas) / 100
    tabla = tabla_calcular(
        capital=capital,
        tasa_anual=tasa,
        plazo=plazo,
        primer_vencimiento=date(2027, 1, 10),
        metodo=metodo,
    )
    assert len(tabla) == plazo
    assert sum(r.capital for r in tabla) == capital
    assert tabla[-1].saldo_insoluto == 0
    saldo = capital
    for renglon in tabla:
        assert renglon.capital >= 0 and renglon.interes >= 0
        assert renglon.pago == renglon.capital + renglon.interes
        assert renglon.interes == (saldo * tasa / 1200).quantize(D("0.01"), "ROUND_HALF_UP")
        saldo -= renglon.capital
        assert renglon.saldo_insoluto == saldo
        assert renglon.capital.as_tuple().exponent == -2
    if metodo == FRANCES:
        # a fixed payment every month, until the capital runs out (tiny capitals)
        assert all(r.pago == tabla[0].pago or r.saldo_insoluto == 0 for r in tabla[:-1])
