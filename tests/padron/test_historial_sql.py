"""padron.historial.crear: the row and its "+" history row, as simple_history writes them."""

from datetime import date
from decimal import Decimal

import pytest

from cobranza.models import Pago
from padron import historial
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


def test_crear_escribe_la_fila_y_su_historial_con_los_valores_de_la_base(crear_usuario):
    cajero = crear_usuario("caja")
    cuenta = CuentaFactory()
    # banco and numero_cheque left out: their db_default fills them, and the instance learns it.
    pago = Pago(
        cuenta=cuenta,
        fecha=date(2026, 3, 2),
        monto=Decimal("150.50"),
        remanente=Decimal("150.50"),
        canal=Pago.Canal.BANCO,
        referencia="ABC-1",
        forma_pago=Pago.FormaPago.TRANSFERENCIA,
        registrado_por=cajero,
    )

    historial.crear(pago, usuario=cajero)

    guardado = Pago.objects.get(pk=pago.pk)
    assert (guardado.monto, guardado.referencia, guardado.banco) == (Decimal("150.50"), "ABC-1", "")
    assert (pago.banco, pago.registrado) == ("", guardado.registrado)
    assert not pago._state.adding
    fila = guardado.history.get()
    assert (fila.history_type, fila.monto, fila.referencia, fila.history_user) == (
        "+",
        Decimal("150.50"),
        "ABC-1",
        cajero,
    )
