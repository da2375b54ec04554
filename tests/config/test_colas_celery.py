"""Reports and exports go to the Celery queue `reportes`, everything else to `celery`; a worker
started with `-Q reportes` (the second machine's) runs the first and never the second."""

import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from cobranza.models import EjecucionTarea
from cobranza.reportes.tasks import reportes_mensuales
from config.celery import COLA_GENERAL, COLA_REPORTES, MODULOS_REPORTES, app
from padron.tasks import latido

RAIZ = Path(__file__).resolve().parents[2]


def _cola(tarea, **opciones):
    ruta = app.amqp.router.route(opciones, tarea.name, (), {}, tarea)
    return ruta["queue"].name


def _tareas_de(modulo):
    app.loader.import_default_modules()
    return [t for t in app.tasks.values() if t.__module__ == modulo]


def test_los_reportes_van_a_su_cola_y_el_resto_a_la_general():
    assert _cola(reportes_mensuales) == COLA_REPORTES
    assert _cola(latido) == COLA_GENERAL
    # By name too (send_task from a process that knows the task).
    nombre = app.amqp.router.route({}, reportes_mensuales.name, (), {}, None)["queue"].name
    assert nombre == COLA_REPORTES


@pytest.mark.parametrize("modulo", MODULOS_REPORTES)
def test_cada_tarea_de_reportes_y_exportaciones_va_a_reportes(modulo):
    if importlib.util.find_spec(modulo) is None:
        pytest.fail(f"{modulo} no existe: quite el módulo de MODULOS_REPORTES o créelo")
    tareas = _tareas_de(modulo)
    assert tareas, f"{modulo} no define tareas"
    assert {t.name: _cola(t) for t in tareas} == {t.name: COLA_REPORTES for t in tareas}


def test_ninguna_otra_tarea_va_a_reportes():
    app.loader.import_default_modules()
    otras = [t for t in app.tasks.values() if t.__module__.startswith(("cobranza.", "padron."))]
    otras = [t for t in otras if t.__module__ not in MODULOS_REPORTES]
    assert otras
    assert {t.name for t in otras if _cola(t) != COLA_GENERAL} == set()


def test_una_cola_explicita_gana():
    assert _cola(reportes_mensuales, queue="otra") == "otra"


def _trabajador_de_reportes():
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": f"{base}/{connection.settings_dict['NAME']}",  # this test's database
    }
    orden = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo"]
    orden += ["-Q", COLA_REPORTES, "--without-gossip", "--without-mingle", "--loglevel=WARNING"]
    return subprocess.Popen(
        orden, cwd=RAIZ, env=entorno, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


@pytest.mark.redis
@pytest.mark.postgres
def test_un_trabajador_de_reportes_corre_los_reportes_y_no_toca_la_cola_general(
    transactional_db,
):
    with app.connection_for_write() as conexion:
        for cola in (COLA_GENERAL, COLA_REPORTES):  # leftovers of an earlier run
            conexion.default_channel.queue_purge(cola)
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    trabajador = _trabajador_de_reportes()
    try:
        reporte = reportes_mensuales.apply_async(kwargs={"periodo": "2026-10"})
        general = latido.apply_async()
        resultado = reporte.get(timeout=120)
        time.sleep(2)  # the worker had time to take the other message, were it listening
        assert general.state == "PENDING"
    finally:
        app.conf.task_always_eager = eager
        trabajador.terminate()
        trabajador.wait(timeout=30)
        with app.connection_for_write() as conexion:
            conexion.default_channel.queue_purge(COLA_GENERAL)

    assert resultado["periodo"] == "2026-10" and resultado["repetida"] is False
    fila = EjecucionTarea.objects.get(tarea="cobranza.tasks.reportes_mensuales", clave="2026-10")
    assert fila.estado == EjecucionTarea.Estado.OK
