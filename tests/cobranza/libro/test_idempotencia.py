"""Idempotency-Key of POST /api/v1/cuentas/<numero>/pagos/ (issue 18): scoped to the user that
sends it; a replay, racing its original or not, answers 200 with the original receipt and
`Idempotency-Replayed: true`; 16 cashiers retrying at once pay once each."""

import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection

from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import Pago, SaldoCuenta
from tests.factories import cuenta_con_adeudo

pytestmark = pytest.mark.fecha


def _pagar(api, cuenta, clave, monto="100.00"):
    return api.post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/",
        {"monto": monto},
        format="json",
        HTTP_IDEMPOTENCY_KEY=clave,
    )


@pytest.mark.django_db
def test_la_repeticion_devuelve_el_original_con_el_encabezado(cliente_api, crear_usuario):
    cuenta = cuenta_con_adeudo()
    api = cliente_api(crear_usuario("caja"))

    primero = _pagar(api, cuenta, "k-1")
    segundo = _pagar(api, cuenta, "k-1")

    assert (primero.status_code, segundo.status_code) == (201, 200)
    assert "Idempotency-Replayed" not in primero.headers
    assert segundo.headers["Idempotency-Replayed"] == "true"
    assert segundo.json()["folio"] == primero.json()["folio"]
    assert Pago.objects.count() == 1
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == Decimal("900.00")


@pytest.mark.django_db
def test_la_clave_es_de_quien_la_manda(cliente_api, crear_usuario):
    """A supervisor who sends a cashier's key registers its own payment: keys are per user."""
    cuenta = cuenta_con_adeudo()
    del_cajero = _pagar(cliente_api(crear_usuario("caja")), cuenta, "k-1")
    del_supervisor = _pagar(cliente_api(crear_usuario("supervisor")), cuenta, "k-1")

    assert (del_cajero.status_code, del_supervisor.status_code) == (201, 201)
    assert del_supervisor.json()["folio"] != del_cajero.json()["folio"]
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == Decimal("800.00")


@pytest.mark.django_db
def test_misma_clave_con_otro_monto_se_rechaza(cliente_api, crear_usuario):
    cuenta = cuenta_con_adeudo()
    api = cliente_api(crear_usuario("caja"))
    _pagar(api, cuenta, "k-1")

    otro = _pagar(api, cuenta, "k-1", monto="50.00")

    assert otro.status_code == 400
    assert "clave_idempotencia" in otro.json()["error"]["campos"]
    assert Pago.objects.count() == 1


def _a_la_vez(envios):
    """Run every (api, cuenta, clave) at the same moment; the responses in order."""
    respuestas = [None] * len(envios)
    barrera = threading.Barrier(len(envios))

    def enviar(i, api, cuenta, clave):
        try:
            barrera.wait()
            respuestas[i] = _pagar(api, cuenta, clave)
        finally:
            connection.close()

    hilos = [threading.Thread(target=enviar, args=(i, *e)) for i, e in enumerate(envios)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    return respuestas


@pytest.mark.postgres
def test_un_reintento_que_compite_con_su_original_recibe_200(
    transactional_db, cliente_api, crear_usuario
):
    cuenta = cuenta_con_adeudo()
    cajero = crear_usuario("caja")

    respuestas = _a_la_vez(
        [(cliente_api(cajero), cuenta, "k-1"), (cliente_api(cajero), cuenta, "k-1")]
    )

    assert sorted(r.status_code for r in respuestas) == [200, 201]
    assert respuestas[0].json()["folio"] == respuestas[1].json()["folio"]
    repetida = next(r for r in respuestas if r.status_code == 200)
    assert repetida.headers["Idempotency-Replayed"] == "true"
    assert Pago.objects.count() == 1


@pytest.mark.postgres
def test_16_cajeros_con_reintentos_cobran_una_vez_cada_uno(
    transactional_db, cliente_api, crear_usuario
):
    cuentas = [cuenta_con_adeudo() for _ in range(4)]
    cajeros = [crear_usuario("caja") for _ in range(16)]
    # Each cashier pays $100.00 on one of four cuentas and its retry races the original.
    envios = []
    for i, cajero in enumerate(cajeros):
        envios += [(cliente_api(cajero), cuentas[i % 4], f"caja-{i}")] * 2

    respuestas = _a_la_vez(envios)

    assert Counter(r.status_code for r in respuestas) == {201: 16, 200: 16}
    for original, reintento in zip(respuestas[::2], respuestas[1::2], strict=True):
        assert original.json()["folio"] == reintento.json()["folio"]
    assert Pago.objects.count() == 16
    assert sum(Pago.objects.values_list("monto", flat=True)) == Decimal("1600.00")
    for cuenta in cuentas:
        assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == Decimal("600.00")
    assert saldos_diferencias() == []
