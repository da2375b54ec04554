"""For any sequence of payments (and reversals), the schedule and the ledger say the same thing."""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import Cargo
from convenios.models import Convenio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha

D = Decimal

operaciones = st.lists(
    st.one_of(
        st.tuples(
            st.just("pagar"), st.decimals(min_value=D("0.01"), max_value=D("1500"), places=2)
        ),
        st.tuples(st.just("revertir"), st.integers(min_value=0, max_value=5)),
    ),
    min_size=1,
    max_size=8,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pasos=operaciones)
def test_parcialidades_y_libro_coinciden(deudor, politica, crear_usuario, pasos):
    # hypothesis reuses the test's database across examples: each one runs in a savepoint rolled back
    with transaction.atomic():
        _comprobar(deudor, politica, crear_usuario, pasos)
        transaction.set_rollback(True)


def _comprobar(deudor, politica, crear_usuario, pasos):
    ventanilla, caja, supervisor = (
        crear_usuario("ventanilla"),
        crear_usuario("caja"),
        crear_usuario("supervisor"),
    )
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    pagos = []
    for operacion, valor in pasos:
        if operacion == "pagar":
            pagos.append(pago_registrar(cuenta=deudor, monto=valor, registrado_por=caja, fecha=HOY))
        elif pagos:
            pago = pagos.pop(valor % len(pagos))
            pago_revertir(pago=pago, motivo="Prueba", autorizado_por=supervisor, fecha=HOY)

    convenio.refresh_from_db()
    partes = sorted(convenio.parcialidades.all(), key=lambda p: p.numero)
    pendiente_cubierto = sum(c.saldo for c in Cargo.objects.filter(convenios__convenio=convenio))
    assert sum(p.pagado for p in partes) == convenio.total - pendiente_cubierto
    assert all(D("0") <= p.pagado <= p.monto for p in partes)
    # paid in order: after the first part not fully paid, nothing has money (advances go to the next ones)
    primera_incompleta = next((i for i, p in enumerate(partes) if p.pagado < p.monto), len(partes))
    assert all(p.pagado == 0 for p in partes[primera_incompleta + 1 :])
    if pendiente_cubierto == 0:
        assert convenio.estado == Convenio.Estado.CUMPLIDO
    assert saldos_diferencias() == []
