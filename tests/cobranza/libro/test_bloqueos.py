"""Row locks of a payment on PostgreSQL: cashiers of one cartera do not queue behind each
other, two payments of one cuenta still take turns, and a corte list of the cartera holds its
payments until it commits (padron.bloqueos.cuenta_bloquear)."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, transaction

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Pago
from padron.bloqueos import cuenta_bloquear
from padron.models import Cartera
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.postgres, pytest.mark.fecha]


@pytest.fixture
def dos_cuentas(transactional_db):
    cartera = CarteraFactory()
    cuentas = [CuentaFactory(cartera=cartera), CuentaFactory(cartera=cartera)]
    for cuenta in cuentas:
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="500.00",
            periodo=date(2026, 1, 1),
            fecha_emision=date(2026, 1, 1),
            fecha_vencimiento=date(2026, 1, 20),
        )
    return cuentas


class _Ocupado:
    """Another transaction that takes a lock and keeps it until told to commit."""

    def __init__(self, tomar):
        self.tomado, self.soltar = threading.Event(), threading.Event()
        self.hilo = threading.Thread(target=self._correr, args=(tomar,))

    def _correr(self, tomar):
        try:
            with transaction.atomic():
                tomar()
                self.tomado.set()
                self.soltar.wait(30)
        finally:
            connection.close()

    def __enter__(self):
        self.hilo.start()
        assert self.tomado.wait(30)
        return self

    def __exit__(self, *exc):
        self.soltar.set()
        self.hilo.join()


def _pagar_sin_esperar(cuenta, cajero):
    """The payment, or OperationalError if it had to wait for a lock (300 ms)."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL lock_timeout = '300ms'")
        return pago_registrar(cuenta=cuenta, monto="200.00", registrado_por=cajero)


def test_un_pago_no_espera_al_de_otra_cuenta_de_la_misma_cartera(dos_cuentas, crear_usuario):
    una, otra = dos_cuentas
    with _Ocupado(lambda: cuenta_bloquear(una.pk)):  # a payment of `una` in progress
        pago = _pagar_sin_esperar(otra, crear_usuario("caja"))
    assert pago.cuenta_id == otra.pk and pago.remanente == Decimal("0.00")
    otra.saldo.refresh_from_db()
    assert otra.saldo.saldo == Decimal("300.00")


def test_dos_pagos_de_la_misma_cuenta_se_turnan(dos_cuentas, crear_usuario):
    una, _ = dos_cuentas
    with _Ocupado(lambda: cuenta_bloquear(una.pk)), pytest.raises(OperationalError):
        _pagar_sin_esperar(una, crear_usuario("caja"))
    assert not Pago.objects.filter(cuenta=una).exists()


def test_una_lista_de_corte_de_la_cartera_detiene_sus_pagos_hasta_terminar(
    dos_cuentas, crear_usuario
):
    una, _ = dos_cuentas
    cajero = crear_usuario("caja")

    def lista_en_curso():  # what lista_corte_generar takes first
        list(Cartera.objects.select_for_update().filter(pk=una.cartera_id).values_list("pk"))

    with _Ocupado(lista_en_curso), pytest.raises(OperationalError):
        _pagar_sin_esperar(una, cajero)
    assert _pagar_sin_esperar(una, cajero).folio  # once the list is in, it goes through
