"""The order a payment pays in, sorted by the database, against the rule written out in
Python: groups in the cartera's order, the oldest due date first, interest before capital
where the cartera says so; and with an amount, exactly the cargos that amount reaches."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cobranza.libro.services.aplicacion import cargos_pendientes_en_prelacion
from cobranza.models import Cargo, Concepto
from padron.models import PRELACION_POR_OMISION
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db

D = Decimal
CONCEPTOS = [
    Concepto.GASTO_EJECUCION,
    Concepto.RECARGO,
    Concepto.MULTA,
    Concepto.CONSUMO_AGUA,
    Concepto.CAPITAL,
    Concepto.INTERES,
]
montos = st.decimals(min_value=D("0.01"), max_value=D("500"), places=2)
cargos = st.lists(
    st.tuples(
        st.sampled_from(CONCEPTOS),
        st.integers(min_value=1, max_value=3),  # the month it falls due: ties on purpose
        montos,
        st.sampled_from(["debe", "abonado", "pagado"]),
    ),
    min_size=1,
    max_size=10,
)


def _crear(cuenta, filas):
    creados = Cargo.objects.bulk_create(
        Cargo(
            cuenta=cuenta,
            concepto=concepto,
            fecha_emision=date(2025, 1, 1),
            fecha_vencimiento=date(2025, mes, 20),
            monto=monto,
            saldo={"debe": monto, "abonado": (monto / 2).quantize(D("0.01")), "pagado": D(0)}[
                estado
            ],
        )
        for concepto, mes, monto, estado in filas
    )
    return [c for c in creados if c.saldo > 0]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    filas=cargos,
    prelacion=st.permutations(PRELACION_POR_OMISION),
    interes_primero=st.booleans(),
    hasta=st.decimals(min_value=D("0.01"), max_value=D("3000"), places=2),
)
def test_el_orden_y_lo_que_alcanza_un_monto(filas, prelacion, interes_primero, hasta):
    # hypothesis reuses the test's database across examples: each runs in a savepoint
    with transaction.atomic():
        cuenta = CuentaFactory()
        cartera = cuenta.cartera
        cartera.prelacion, cartera.interes_antes_que_capital = list(prelacion), interes_primero
        cartera.save()
        rango = {grupo: i for i, grupo in enumerate(prelacion)}
        esperado = sorted(
            _crear(cuenta, filas),
            key=lambda c: (
                rango[c.grupo],
                c.fecha_vencimiento,
                interes_primero and c.concepto != Concepto.INTERES,
                c.pk,
            ),
        )
        alcanzados, adeudado_antes = [], D(0)
        for cargo in esperado:
            if adeudado_antes >= hasta:
                break
            alcanzados.append(cargo.pk)
            adeudado_antes += cargo.saldo

        todos = cargos_pendientes_en_prelacion(cuenta)
        solo_los_que_alcanza = cargos_pendientes_en_prelacion(cuenta, hasta=hasta)

        assert [c.pk for c in todos] == [c.pk for c in esperado]
        assert [c.saldo for c in todos] == [c.saldo for c in esperado]
        assert [c.pk for c in solo_los_que_alcanza] == alcanzados
        transaction.set_rollback(True)
