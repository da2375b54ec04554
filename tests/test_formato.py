"""es-MX formats: $1,234.56 and dd/mm/aaaa in Hermosillo time."""

from datetime import UTC, date, datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from padron.dinero import formato_pesos, redondear
from padron.templatetags.formato import fecha, fecha_hora


def test_pesos():
    assert formato_pesos(Decimal("1234.5")) == "$1,234.50"
    assert formato_pesos(Decimal("-0.005")) == "-$0.01"
    assert formato_pesos(Decimal("1000000")) == "$1,000,000.00"


def test_redondeo_mitad_hacia_arriba():
    assert redondear(Decimal("2.345")) == Decimal("2.35")
    assert redondear(Decimal("2.344")) == Decimal("2.34")


def test_fechas_en_hora_de_sonora():
    # 03:00 UTC on the 1st is 20:00 of the 30th in Hermosillo (UTC-7, no DST).
    momento = datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    assert fecha(momento) == "30/11/2026"
    assert fecha_hora(momento) == "30/11/2026 20:00"
    assert fecha(date(2026, 2, 5)) == "05/02/2026"


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=4))
def test_redondear_deja_dos_decimales_y_no_se_aleja_mas_de_medio_centavo(valor):
    r = redondear(valor)
    assert r.as_tuple().exponent == -2
    assert abs(r - valor) <= Decimal("0.005")
