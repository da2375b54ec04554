"""/tareas/: the supervisor sees every scheduled job, when it runs in plain Spanish, how its
last run went, and the latest runs with the failures standing out."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import Retry
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from cobranza.models import EjecucionTarea
from cobranza.tareas.horarios import horario_en_palabras

# The supervisor opens /tareas/ on 24/11/2026, after the November runs.
pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-11-24T09:00")]
URL = "/tareas/"
SONORA = ZoneInfo("America/Hermosillo")


def _fila(html, texto):
    """The <tr> of the table that contains `texto`."""
    for fila in re.findall(r"<tr[^>]*>.*?</tr>", html, re.DOTALL):
        if texto in fila:
            return fila
    raise AssertionError(f"no hay fila con {texto!r}")


@pytest.fixture
def ejecuciones():
    EjecucionTarea.objects.create(
        tarea="cobranza.tasks.reportes_mensuales",
        clave="2026-09",
        estado=EjecucionTarea.Estado.OK,
        intentos=1,
        inicio=datetime(2026, 10, 1, 6, 0, tzinfo=SONORA),
        fin=datetime(2026, 10, 1, 6, 4, tzinfo=SONORA),
        resultado='{"reportes": 6}',
    )
    EjecucionTarea.objects.create(
        tarea="cobranza.tasks.reportes_mensuales",
        clave="2026-10",
        estado=EjecucionTarea.Estado.FALLIDA,
        intentos=6,
        inicio=datetime(2026, 11, 1, 6, 0, tzinfo=SONORA),
        fin=datetime(2026, 11, 1, 7, 3, tzinfo=SONORA),
        resultado="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    EjecucionTarea.objects.create(
        tarea="cobranza.tasks.conciliar_saldos",
        clave="2026-11-24",
        estado=EjecucionTarea.Estado.OK,
        intentos=1,
        inicio=datetime(2026, 11, 24, 1, 0, tzinfo=SONORA),
        fin=datetime(2026, 11, 24, 1, 2, tzinfo=SONORA),
        resultado='{"diferencias": 0}',
    )


def test_el_supervisor_ve_los_horarios_en_palabras(
    crear_usuario, client, ejecuciones, django_assert_max_num_queries
):
    client.force_login(crear_usuario("supervisor"))

    with django_assert_max_num_queries(12):
        respuesta = client.get(URL)

    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    reportes = _fila(html, "Reportes mensuales a gerencia")
    assert "El día 1 de cada mes a las 06:00 (America/Hermosillo)" in reportes
    assert "01/11/2026 06:00 (2026-10)" in reportes  # its last run...
    assert "con-falla" in reportes and "Falló" in reportes  # ...failed
    assert "El día 1 de cada mes a las 00:30" in _fila(html, "Recargos mensuales")
    conciliacion = _fila(html, "Conciliación nocturna de saldos")
    assert "Diario a la 01:00 (America/Hermosillo)" in conciliacion
    assert "Terminada" in conciliacion and "con-falla" not in conciliacion
    assert "Diario a las 02:00" in _fila(html, "Revisión diaria de promesas de pago")


def test_las_ejecuciones_con_falla_resaltan_con_su_error(crear_usuario, client, ejecuciones):
    client.force_login(crear_usuario("supervisor"))

    html = client.get(URL).content.decode()

    tabla = html.split('id="ejecuciones"', 1)[1]
    fallida = _fila(tabla, "2026-10")
    assert 'class="con-falla"' in fallida
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in fallida
    assert ">6<" in fallida  # attempts
    assert 'class="con-falla"' not in _fila(tabla, "2026-09")
    assert "1 ejecución con falla en la lista." in html
    assert "Reportes mensuales a gerencia" in fallida  # the job by its name...
    assert "cobranza.tasks" not in html and "Periodic" not in html  # ...never its code path


def test_gerencia_tambien_la_ve_y_caja_no(crear_usuario, client):
    client.force_login(crear_usuario("gerencia"))
    assert client.get(URL).status_code == 200
    client.force_login(crear_usuario("caja"))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("campos", "texto"),
    [
        ({"minute": "15", "hour": "7", "day_of_week": "1"}, "Cada lunes a las 07:15"),
        ({"minute": "0", "hour": "8", "day_of_week": "1,3,5"}, "Cada lunes, miércoles y viernes"),
        ({"minute": "0", "hour": "13"}, "Diario a la 13:00"),
        ({"minute": "0", "hour": "6", "day_of_month": "1,15"}, "El día 1 y 15 de cada mes"),
        ({"minute": "0", "hour": "6", "month_of_year": "1"}, "Según cron «0 6 * 1 *»"),
    ],
)
def test_horarios_en_palabras(campos, texto):
    horario = CrontabSchedule.objects.create(timezone="America/Hermosillo", **campos)
    tarea = PeriodicTask.objects.create(name="prueba", task="x.y", crontab=horario)
    assert horario_en_palabras(tarea).startswith(texto)


def test_un_intervalo_en_palabras():
    cada = IntervalSchedule.objects.create(every=2, period=IntervalSchedule.HOURS)
    tarea = PeriodicTask.objects.create(name="prueba", task="x.y", interval=cada)
    assert horario_en_palabras(tarea) == "Cada 2 horas"


def test_cada_tarea_programada_deja_su_corrida_a_la_vista(crear_usuario, client, monkeypatch):
    from cobranza import tasks
    from convenios import tasks as tareas_convenios

    tasks.conciliar_saldos.apply()
    tasks.revisar_promesas.apply(kwargs={"dia": "2026-11-24"})
    tareas_convenios.enviar_recordatorios.apply()

    def falla():
        raise RuntimeError("sin conexión al servidor de correo")

    monkeypatch.setattr(tareas_convenios, "recordatorios_enviar", falla)
    with pytest.raises(Retry):
        tareas_convenios.enviar_recordatorios.apply()
    recordatorios = EjecucionTarea.objects.get(tarea="convenios.tasks.enviar_recordatorios")
    assert recordatorios.estado == EjecucionTarea.Estado.REINTENTANDO
    with pytest.raises(RuntimeError):  # the last retry
        tareas_convenios.enviar_recordatorios.apply(retries=5)

    corridas = {e.tarea: e for e in EjecucionTarea.objects.exclude(tarea__endswith="recordatorios")}
    assert corridas["cobranza.tasks.conciliar_saldos"].estado == EjecucionTarea.Estado.OK
    assert corridas["cobranza.tasks.revisar_promesas"].clave == "2026-11-24"
    recordatorios = EjecucionTarea.objects.get(tarea="convenios.tasks.enviar_recordatorios")
    assert recordatorios.estado == EjecucionTarea.Estado.FALLIDA
    assert "RuntimeError: sin conexión al servidor de correo" in recordatorios.resultado
    client.force_login(crear_usuario("supervisor"))
    html = client.get(URL).content.decode()
    assert "sin conexión al servidor de correo" in _fila(
        html.split('id="ejecuciones"', 1)[1], "recordatorios"
    )
