"""Two cashiers paying the same cuenta at once on PostgreSQL: both land, once each (row locks)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import Concepto, Pago
from tests.factories import CuentaFactory

pytestmark = pytest.mark.fecha


@pytest.mark.postgres
def test_dos_cajas_a_la_vez(transactional_db, crear_usuario):
    cuenta = CuentaFactory()
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="1000.00",
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    cajas = [crear_usuario("caja"), crear_usuario("caja")]
    errores = []

    def pagar(cajero, clave):
        try:
            barrera.wait()
            pago_registrar(
                cuenta=cuenta, monto="300.00", registrado_por=cajero, clave_idempotencia=clave
            )
        except Exception as exc:  # reported below
            errores.append(exc)
        finally:
            connection.close()

    # two different payments, and one of them sent twice at the same moment
    hilos = [
        threading.Thread(target=pagar, args=(cajas[i % 2], clave))
        for i, clave in enumerate(["a", "b", "a", "c"])
    ]
    barrera = threading.Barrier(len(hilos))
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()

    assert errores == []
    assert Pago.objects.count() == 3
    cuenta.saldo.refresh_from_db()
    assert cuenta.saldo.saldo == Decimal("100.00")
    assert saldos_diferencias() == []
