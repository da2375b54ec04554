"""Schedules: exact to the centavo, increasing dates, month ends handled."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convenios.calendario import MENSUAL, PERIODICIDADES, calendario, montos_parejos

pytestmark = pytest.mark.fecha

D = Decimal


def test_el_residuo_va_a_la_ultima_parcialidad():
    assert montos_parejos(D("1000.00"), 3) == [D("333.33"), D("333.33"), D("333.34")]


def test_convenio_firmado_el_31_vence_el_ultimo_dia_de_meses_cortos():
    fechas = [
        p.fecha_vencimiento for p in calendario(total=D("600"), numero=4, primera=date(2026, 1, 31))
    ]
    assert fechas == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_anio_bisiesto():
    fechas = [
        p.fecha_vencimiento for p in calendario(total=D("200"), numero=2, primera=date(2028, 1, 30))
    ]
    assert fechas == [date(2028, 1, 30), date(2028, 2, 29)]


@given(
    total=st.decimals(min_value=D("0.01"), max_value=D("9999999.99"), places=2),
    numero=st.integers(min_value=1, max_value=120),
    primera=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    periodicidad=st.sampled_from([p for p, _ in PERIODICIDADES]),
)
def test_cualquier_calendario_suma_exacto_y_sus_fechas_crecen(total, numero, primera, periodicidad):
    plazos = calendario(total=total, numero=numero, primera=primera, periodicidad=periodicidad)
    assert sum(p.monto for p in plazos) == total
    assert len(plazos) == numero
    assert all(p.monto.as_tuple().exponent == -2 for p in plazos)
    assert all(
        a.fecha_vencimiento < b.fecha_vencimiento for a, b in zip(plazos, plazos[1:], strict=False)
    )
    # every part but the last is equal, and the last is never smaller
    assert len({p.monto for p in plazos[:-1]}) <= 1
    assert plazos[-1].monto >= plazos[0].monto
    if periodicidad == MENSUAL:
        assert all(
            p.fecha_vencimiento.day == primera.day or p.fecha_vencimiento.day >= 28 for p in plazos
        )
