"""The ledger's scheduled jobs: their beat schedules exist, and the tasks do their work once."""

from datetime import date

import pytest
from django_celery_beat.models import PeriodicTask

from cobranza.models import Cargo, Concepto, CorridaRecargos
from cobranza.tasks import generar_recargos_mensuales
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, cargo
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


def test_recargos_mensuales_el_dia_primero_a_las_0030_hora_de_sonora():
    tarea = PeriodicTask.objects.get(name="Recargos mensuales")
    horario = tarea.crontab
    assert tarea.task == "cobranza.tasks.generar_recargos_mensuales"
    assert tarea.enabled
    assert (horario.minute, horario.hour, horario.day_of_month) == ("30", "0", "1")
    assert (horario.month_of_year, horario.day_of_week) == ("*", "*")
    assert str(horario.timezone) == "America/Hermosillo"


def test_conciliacion_nocturna_diaria_a_la_una():
    tarea = PeriodicTask.objects.get(name="Conciliación nocturna de saldos")
    horario = tarea.crontab
    assert tarea.task == "cobranza.tasks.conciliar_saldos"
    assert (horario.minute, horario.hour, horario.day_of_month) == ("0", "1", "*")
    assert str(horario.timezone) == "America/Hermosillo"


def test_las_tareas_programadas_existen_en_celery():
    from config.celery import app

    app.loader.import_default_modules()
    for nombre in ("Recargos mensuales", "Conciliación nocturna de saldos"):
        assert PeriodicTask.objects.get(name=nombre).task in app.tasks


def test_la_tarea_cobra_cada_cartera_activa_una_vez():
    agua = CarteraFactory()
    credito = CarteraCreditoFactory(tasa_recargo_mensual=D("2.00"))
    inactiva = CarteraFactory(clave="agua-baja", nombre="Cartera dada de baja", activa=False)
    cuentas = [CuentaFactory(cartera=c) for c in (agua, credito, inactiva)]
    for cuenta in cuentas:
        cargo(cuenta, Concepto.CAPITAL, "1000.00", date(2025, 1, 31), date(2025, 1, 1))

    resumen = generar_recargos_mensuales.delay().get()
    otra_vez = generar_recargos_mensuales.delay().get()

    mes = f"{hoy():%Y-%m}"
    assert resumen == [
        {
            "cartera": "agua-caborca",
            "periodo": mes,
            "cuentas": 1,
            "total": "14.70",
            "repetida": False,
        },
        {
            "cartera": "creditos-hermosillo",
            "periodo": mes,
            "cuentas": 1,
            "total": "20.00",
            "repetida": False,
        },
    ]
    assert [r["repetida"] for r in otra_vez] == [True, True]
    assert Cargo.objects.filter(concepto=Concepto.RECARGO).count() == 2
    assert not Cargo.objects.filter(cuenta=cuentas[2], concepto=Concepto.RECARGO).exists()
    assert CorridaRecargos.objects.count() == 2


def test_la_tarea_acepta_un_periodo_pasado():
    cuenta = CuentaFactory()
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 31), date(2025, 1, 1))

    generar_recargos_mensuales.delay(periodo="2025-06").get()

    recargo = Cargo.objects.get(concepto=Concepto.RECARGO)
    assert (recargo.periodo, recargo.monto) == (date(2025, 6, 1), D("1.47"))
