"""The front-desk bench (bench/cuenta.py) measures and then leaves the ledger as it found it:
its hand-written payments pay like pago_registrar, and deleting them restores every saldo."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from bench import cuenta as bench
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import Cargo, Concepto, Pago, SaldoCuenta
from padron.fechas import hoy
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
D = Decimal


def _cuenta():
    cuenta = CuentaFactory()
    for mes in (1, 2):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="300.00",
            periodo=date(2026, mes, 1),
            fecha_emision=date(2026, mes, 1),
            fecha_vencimiento=date(2026, mes, 20),
        )
    return cuenta


def test_el_pago_a_mano_paga_lo_mas_antiguo_y_se_borra_sin_dejar_rastro(crear_usuario):
    import psycopg

    cuenta, caja = _cuenta(), crear_usuario("caja")
    serie = f"R{hoy():%y}"
    pago_registrar(cuenta=cuenta, monto="10.00", registrado_por=caja)  # the series exists
    marcas = bench._marcas(serie)
    with psycopg.connect(bench._conninfo()) as conexion, conexion.cursor() as cursor:
        bench._pago_a_mano(cursor, cuenta.numero, D("350.00"), caja.pk, serie, hoy())
    pago = Pago.objects.get(pk__gt=marcas["pago"])
    assert pago.folio == f"{serie}-000002" and pago.remanente == D("0.00")
    assert list(
        Cargo.objects.filter(cuenta=cuenta).order_by("periodo").values_list("saldo", flat=True)
    ) == [
        D("0.00"),
        D("240.00"),
    ]
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == D("240.00")

    pago_registrar(cuenta=cuenta, monto="40.00", registrado_por=caja)  # one through the service
    assert bench._pagos_deshacer(marcas, serie) == 1
    assert Pago.objects.filter(pk__gt=marcas["pago"]).count() == 0
    assert SaldoCuenta.objects.get(cuenta=cuenta).saldo == D("590.00")
    assert saldos_diferencias() == []
    assert pago_registrar(cuenta=cuenta, monto="1.00", registrado_por=caja).folio.endswith(
        "-000002"
    )


def test_la_sesion_del_bench_abre_la_pagina_de_la_cuenta(client, crear_usuario):
    cuenta = _cuenta()
    crear_usuario("ventanilla", username="ventanilla")
    cookie = bench._sesion("ventanilla")["Cookie"]
    nombre, valor = cookie.split("=", 1)
    client.cookies[nombre] = valor
    assert client.get(f"/cuentas/{cuenta.numero}/").status_code == 200
    assert connection.vendor == "postgresql"
