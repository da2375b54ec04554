"""Golden test of the estadísticas de deudores por servicio: a small cartera whose every figure
is computed by hand below; the report must match to the centavo."""

from datetime import date
from decimal import Decimal

import pytest

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import Concepto, SaldoCuenta
from cobranza.reportes import estadisticas
from cobranza.reportes.recuperacion import recuperacion_calcular
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
OCTUBRE = date(2026, 10, 1)
RANGOS = ["1-30", "31-60", "61-90", "91-180", "181-365", ">365"]


def _cargo(cuenta, concepto, monto, emision, vence):
    return cargo_registrar(
        cuenta=cuenta,
        concepto=concepto,
        monto=monto,
        periodo=emision.replace(day=1),
        fecha_emision=emision,
        fecha_vencimiento=vence,
    )


@pytest.fixture
def cartera(crear_usuario):
    """Five cuentas. October's close: balances at the end of 31/10/2026, age counted to
    01/11/2026 (bucket limits: 1-30 due on/after 02/10, 31-60 on/after 02/09, 61-90 on/after
    03/08, 91-180 on/after 05/05, 181-365 on/after 01/11/2025, older is >365).

    A (doméstica, activa): agua 300.00 and drenaje 100.00 due 20/10 (12 days: 1-30); agua
      500.00 due 20/08 (73 days: 61-90). 200.00 paid 05/11 goes to the oldest bill, but after
      the close: October still sees the 500.00.
    B (comercial, cortada, gran consumidor GC-1): agua 1,000.00 due 20/09/2025 (407 days:
      >365); recargo (servicio general) 90.00 due 01/09/2026 (61 days: 61-90), 40.00 of it
      paid 10/10 (recargos are paid first): 50.00 left.
    C (doméstica, activa): agua 250.00 due 31/10 paid that day: owes nothing at the close;
      agua 400.00 emitted 25/10 due 05/11 is not yet past due; saneamiento 60.00 emitted
      01/11 is November's.
    D (industrial, baja) and E (doméstica, activa, GC-1): no debt.

    Deudores por servicio at the close:
      agua: 1-30 A 300.00 · 61-90 A 500.00 · >365 B 1,000.00 → 2 deudores, 1,800.00
      drenaje: 1-30 A 100.00 → 1 deudor, 100.00
      general: 61-90 B 50.00 → 1 deudor, 50.00
      by bucket: 1-30 1 deudor (A) 400.00 · 61-90 2 (A, B) 550.00 · >365 1 (B) 1,000.00
      total: 2 deudores, 1,950.00
    By the account's oldest debt: A 61-90 900.00 · B >365 1,050.00.
    Grandes consumidores GC-1: 2 cuentas, 1 with debt (B), 1,050.00.
    Padrón: 5 cuentas: activa 3, cortada 1, baja 1; doméstica 3, comercial 1, industrial 1.
    """
    cartera = CarteraFactory()
    caja = crear_usuario("caja")
    a = CuentaFactory(cartera=cartera, clasificacion="domestica")
    b = CuentaFactory(
        cartera=cartera, clasificacion="comercial", estado="cortada", gran_consumidor="GC-1"
    )
    c = CuentaFactory(cartera=cartera, clasificacion="domestica")
    CuentaFactory(cartera=cartera, clasificacion="industrial", estado="baja")
    CuentaFactory(cartera=cartera, clasificacion="domestica", gran_consumidor="GC-1")

    _cargo(a, Concepto.CONSUMO_AGUA, "500.00", date(2026, 8, 1), date(2026, 8, 20))
    _cargo(a, Concepto.CONSUMO_AGUA, "300.00", date(2026, 10, 1), date(2026, 10, 20))
    _cargo(a, Concepto.DRENAJE, "100.00", date(2026, 10, 1), date(2026, 10, 20))
    pago_registrar(cuenta=a, monto="200.00", registrado_por=caja, fecha=date(2026, 11, 5))

    _cargo(b, Concepto.CONSUMO_AGUA, "1000.00", date(2025, 9, 1), date(2025, 9, 20))
    _cargo(b, Concepto.RECARGO, "90.00", date(2026, 9, 1), date(2026, 9, 1))
    pago_registrar(cuenta=b, monto="40.00", registrado_por=caja, fecha=date(2026, 10, 10))

    _cargo(c, Concepto.CONSUMO_AGUA, "250.00", date(2026, 10, 1), date(2026, 10, 31))
    pago_registrar(cuenta=c, monto="250.00", registrado_por=caja, fecha=date(2026, 10, 31))
    _cargo(c, Concepto.CONSUMO_AGUA, "400.00", date(2026, 10, 25), date(2026, 11, 5))
    _cargo(c, Concepto.SANEAMIENTO, "60.00", date(2026, 11, 1), date(2026, 11, 1))
    return cartera


def _celdas(fila):
    return {r: (c["deudores"], c["monto"]) for r, c in zip(RANGOS, fila["celdas"], strict=True)}


def test_deudores_por_servicio_y_antiguedad_al_cierre_de_octubre(cartera):
    datos = estadisticas.calcular(cartera, OCTUBRE)
    assert (datos["corte"]["al_texto"], datos["corte"]["antiguedad_al_texto"]) == (
        "31/10/2026",
        "01/11/2026",
    )
    assert datos["corte"]["foto"] is False
    servicios = {s["clave"]: s for s in datos["servicios"]}
    assert list(servicios) == ["agua", "drenaje", "general"]

    agua = servicios["agua"]
    assert (agua["deudores"], agua["monto"]) == (2, "1800.00")
    assert _celdas(agua) == {
        "1-30": (1, "300.00"),
        "31-60": (0, "0.00"),
        "61-90": (1, "500.00"),
        "91-180": (0, "0.00"),
        "181-365": (0, "0.00"),
        ">365": (1, "1000.00"),
    }
    assert (servicios["drenaje"]["deudores"], servicios["drenaje"]["monto"]) == (1, "100.00")
    assert _celdas(servicios["drenaje"])["1-30"] == (1, "100.00")
    assert _celdas(servicios["general"])["61-90"] == (1, "50.00")

    totales = datos["totales"]
    assert (totales["deudores"], totales["monto"]) == (2, "1950.00")
    assert _celdas(totales)["1-30"] == (1, "400.00")
    assert _celdas(totales)["61-90"] == (2, "550.00")
    assert _celdas(totales)[">365"] == (1, "1000.00")


def test_antiguedad_por_cuenta_grandes_consumidores_y_padron(cartera):
    datos = estadisticas.calcular(cartera, OCTUBRE)
    por_cuenta = {
        r["clave"]: (r["deudores"], r["monto"]) for r in datos["por_antiguedad_de_cuenta"]
    }
    assert por_cuenta["61-90"] == (1, "900.00")
    assert por_cuenta[">365"] == (1, "1050.00")
    assert por_cuenta["1-30"] == (0, "0.00")

    assert datos["grandes_consumidores"] == [
        {"clave": "GC-1", "cuentas": 2, "deudores": 1, "monto": "1050.00"}
    ]
    padron = datos["padron"]
    assert padron["cuentas"] == 5
    assert {e["clave"]: e["cuentas"] for e in padron["por_estado"]} == {
        "activa": 3,
        "cortada": 1,
        "restringida": 0,
        "baja": 1,
    }
    assert {c["clave"]: c["cuentas"] for c in padron["por_clasificacion"]} == {
        "domestica": 3,
        "comercial": 1,
        "industrial": 1,
    }


def test_el_cierre_de_octubre_es_la_cartera_vencida_al_inicio_de_noviembre(cartera):
    datos = estadisticas.calcular(cartera, OCTUBRE)
    noviembre = recuperacion_calcular(cartera_id=cartera.pk, periodo=date(2026, 11, 1))
    assert D(datos["totales"]["monto"]) == noviembre.vencido_inicio == D("1950.00")


def test_el_mes_en_curso_es_una_foto_de_los_saldos_de_hoy(cartera, monkeypatch):
    """On 25/11/2026 (November in course), today's balances, age counted to today:
    A: agua 20/10 300.00 and drenaje 20/10 100.00 (36 days: 31-60); agua 20/08 now 300.00
       after the 200.00 of 05/11 (97 days: 91-180)
    B: agua 1,000.00 (>365), recargo 50.00 (85 days: 61-90)
    C: agua 400.00 due 05/11 (20 days) and saneamiento 60.00 due 01/11 (24 days): 1-30
    Total 300 + 100 + 300 + 1,000 + 50 + 400 + 60 = 2,210.00 owed by 3 deudores: the sum of
    SaldoCuenta.saldo_vencido kept for that day."""
    hoy = date(2026, 11, 25)
    monkeypatch.setattr(estadisticas, "hoy", lambda: hoy)
    datos = estadisticas.calcular(cartera, date(2026, 11, 1))
    assert (datos["corte"]["al"], datos["corte"]["antiguedad_al"]) == ("2026-11-25", "2026-11-25")
    assert datos["corte"]["foto"] is True
    assert (datos["totales"]["deudores"], datos["totales"]["monto"]) == (3, "2210.00")
    totales = _celdas(datos["totales"])
    assert totales["1-30"] == (1, "460.00")
    assert totales["31-60"] == (1, "400.00")
    assert totales["61-90"] == (1, "50.00")
    assert totales["91-180"] == (1, "300.00")
    assert totales[">365"] == (1, "1000.00")

    saldos_recalcular(dia=hoy)
    vencido = sum(s.saldo_vencido for s in SaldoCuenta.objects.filter(cuenta__cartera=cartera))
    assert vencido == D("2210.00")
    por_cuenta = {r["clave"]: r["deudores"] for r in datos["por_antiguedad_de_cuenta"]}
    kept = SaldoCuenta.objects.filter(cuenta__cartera=cartera).exclude(antiguedad="")
    assert {a: kept.filter(antiguedad=a).count() for a in RANGOS} == por_cuenta


def test_una_cartera_sin_deudores(crear_usuario):
    cartera = CarteraFactory(clave="vacia", nombre="Vacía")
    datos = estadisticas.calcular(cartera, OCTUBRE)
    assert datos["servicios"] == []
    assert (datos["totales"]["deudores"], datos["totales"]["monto"]) == (0, "0.00")
    assert datos["padron"]["cuentas"] == 0
