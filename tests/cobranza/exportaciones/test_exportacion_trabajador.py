"""The export job run by a real Celery worker on Redis, on its own queue: the list's file is
written and the job says so, with every row counted."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from cobranza.exportaciones.services import exportacion_solicitar
from cobranza.exportaciones.tasks import generar_exportacion
from cobranza.models import Exportacion
from cobranza.morosos.services import lista_morosos_generar
from config.celery import app
from tests.cobranza.morosos.test_morosos import moroso
from tests.factories import CarteraFactory

RAIZ = Path(__file__).resolve().parents[3]


def _trabajador(cola):
    base = os.environ["DATABASE_URL"].rsplit("/", 1)[0]
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "DATABASE_URL": f"{base}/{connection.settings_dict['NAME']}",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config.celery",
            "worker",
            "--pool=solo",
            "-Q",
            cola,
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
        ],
        cwd=RAIZ,
        env=entorno,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.mark.redis
@pytest.mark.postgres
def test_un_trabajador_real_escribe_la_lista(transactional_db, crear_usuario):
    supervisor = crear_usuario("supervisor")
    cartera = CarteraFactory()
    for i in range(3):
        moroso(cartera, meses=4, monto=f"40{i}.10")
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    exportacion, encolar = exportacion_solicitar(
        tipo="morosos", folio=lista.folio, formato="pdf", usuario=supervisor
    )
    assert encolar
    cola = f"prueba-{uuid.uuid4().hex[:8]}"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    trabajador = _trabajador(cola)
    try:
        generar_exportacion.apply_async(args=[exportacion.pk], queue=cola)
        limite = time.monotonic() + 90
        while time.monotonic() < limite:
            exportacion.refresh_from_db()
            if not exportacion.en_curso:
                break
            time.sleep(0.5)
    finally:
        app.conf.task_always_eager = eager
        trabajador.kill()
        trabajador.wait(timeout=10)
    assert exportacion.estado == Exportacion.Estado.LISTA, exportacion.error
    assert exportacion.renglones == exportacion.total == 3
    assert exportacion.tamano > 1000 and exportacion.archivo.name.endswith(".pdf")
    assert exportacion.intentos == 1
