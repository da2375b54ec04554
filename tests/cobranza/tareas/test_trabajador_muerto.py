"""A worker killed with SIGKILL in the middle of the monthly reports (issue 18): the message
comes back (acks_late and the broker's visibility timeout), the run left "corriendo" is taken
over once its lease runs out, and exactly one complete result remains."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import date
from pathlib import Path

import pytest
from django.db import connection

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, EjecucionTarea, ReporteGuardado
from config.celery import app
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

RAIZ = Path(__file__).resolve().parents[3]
TAREA = "cobranza.tasks.reportes_mensuales"
PLAZO = 2  # seconds of a run's lease in the workers; their visibility timeout is longer


def _trabajador(cola, marca):
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        # The worker writes to this test's database.
        "DATABASE_URL": f"{base}/{connection.settings_dict['NAME']}",
        "CELERY_VISIBILITY_TIMEOUT": "8",
        "TAREAS_PLAZO_SEGUNDOS": str(PLAZO),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "tests.cobranza.tareas.trabajador_lento", cola, str(marca)],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: SIGKILL takes all of it
    )


def _esperar(condicion, segundos):
    limite = time.monotonic() + segundos
    while time.monotonic() < limite:
        if condicion():
            return True
        time.sleep(0.25)
    return False


def _matar(proceso):
    if proceso.poll() is None:
        os.killpg(proceso.pid, signal.SIGKILL)
    proceso.wait(timeout=10)


@pytest.mark.redis
@pytest.mark.postgres
def test_un_trabajador_muerto_a_medio_reporte_deja_un_solo_resultado(
    transactional_db, crear_usuario, tmp_path
):
    caja = crear_usuario("caja")
    for cartera, concepto in (
        (CarteraFactory(), Concepto.CONSUMO_AGUA),
        (CarteraCreditoFactory(), Concepto.CAPITAL),
    ):
        cuenta = CuentaFactory(cartera=cartera)
        cargo_registrar(
            cuenta=cuenta,
            concepto=concepto,
            monto="1000.00",
            periodo=date(2026, 8, 1),
            fecha_emision=date(2026, 8, 1),
            fecha_vencimiento=date(2026, 8, 20),
        )
        pago_registrar(cuenta=cuenta, monto="250.00", registrado_por=caja, fecha=date(2026, 10, 9))
    cola, marca = f"prueba-{uuid.uuid4().hex[:8]}", tmp_path / "colgado"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    primero = _trabajador(cola, marca)
    segundo = None
    try:
        app.send_task(TAREA, kwargs={"periodo": "2026-10"}, queue=cola)
        assert _esperar(marca.exists, 40), "el primer trabajador no empezó la tarea"
        _matar(primero)  # kill -9 in the middle of the run
        fila = EjecucionTarea.objects.get(tarea=TAREA, clave="2026-10")
        assert fila.estado == EjecucionTarea.Estado.CORRIENDO
        time.sleep(PLAZO + 1)  # nobody renews the lease of a dead worker

        segundo = _trabajador(cola, marca)

        def terminada():
            fila.refresh_from_db()
            return fila.estado == EjecucionTarea.Estado.OK

        assert _esperar(terminada, 40), f"la tarea no terminó: {fila.estado} {fila.resultado}"
    finally:
        app.conf.task_always_eager = eager
        _matar(primero)
        if segundo:
            _matar(segundo)

    assert EjecucionTarea.objects.filter(tarea=TAREA).count() == 1
    assert fila.intentos == 2  # the dead worker's run, and the one that took it over
    assert '"reportes": 7' in fila.resultado
    guardados = ReporteGuardado.objects.filter(periodo=date(2026, 10, 1))
    assert guardados.count() == 7
    assert set(guardados.values_list("version", flat=True)) == {1}
