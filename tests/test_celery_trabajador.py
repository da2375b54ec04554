"""A real Celery worker process, on Redis, picks up a task and returns its result."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from config.celery import app
from padron.tasks import latido

RAIZ = Path(__file__).resolve().parent.parent


@pytest.mark.redis
def test_un_trabajador_real_completa_una_tarea():
    cola = f"prueba-{uuid.uuid4().hex[:8]}"
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    trabajador = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool=solo",
            "-Q",
            cola,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        resultado = latido.apply_async(queue=cola)
        assert resultado.get(timeout=60)  # an ISO timestamp written by the worker
        assert resultado.successful()
    finally:
        app.conf.task_always_eager = eager
        trabajador.terminate()
        trabajador.wait(timeout=30)
