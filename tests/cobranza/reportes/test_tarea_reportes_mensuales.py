"""The monthly reports job: on day 1 at 06:00 it stores last month's reports of every active
cartera and e-mails gerencia the recuperación PDFs, once per period; a failure retries and is
recorded for the supervisor."""

from datetime import date
from types import SimpleNamespace

import pytest
from celery.exceptions import Retry
from django_celery_beat.models import PeriodicTask

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, EjecucionTarea, ReporteGuardado
from cobranza.reportes import comparativo, correo, estadisticas, recuperacion_reporte  # noqa: F401
from cobranza.tareas.ejecuciones import registrar_ejecucion
from cobranza.tasks import reportes_mensuales
from padron.fechas import hoy, sumar_meses
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
TAREA = "cobranza.tasks.reportes_mensuales"


@pytest.fixture
def carteras(crear_usuario):
    agua, credito = CarteraFactory(), CarteraCreditoFactory()
    CarteraFactory(clave="agua-baja", nombre="Cartera dada de baja", activa=False)
    caja = crear_usuario("caja")
    for cartera, concepto in ((agua, Concepto.CONSUMO_AGUA), (credito, Concepto.CAPITAL)):
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
    return agua, credito


@pytest.fixture
def gerencia(crear_usuario):
    crear_usuario("gerencia", email="directora@oomapas.gob.mx")
    crear_usuario("gerencia", email="contralor@oomapas.gob.mx")
    crear_usuario("gerencia", email="")  # no address: nobody to write to
    crear_usuario("gerencia", email="baja@oomapas.gob.mx", is_active=False)
    crear_usuario("ventanilla", email="ventanilla@oomapas.gob.mx")
    crear_usuario("supervisor", email="supervisor@oomapas.gob.mx")


def test_el_horario_es_el_dia_primero_a_las_seis_hora_de_sonora():
    from config.celery import app

    tarea = PeriodicTask.objects.get(name="Reportes mensuales a gerencia")
    horario = tarea.crontab
    assert (tarea.task, tarea.enabled) == (TAREA, True)
    assert (horario.minute, horario.hour, horario.day_of_month) == ("0", "6", "1")
    assert (horario.month_of_year, horario.day_of_week) == ("*", "*")
    assert str(horario.timezone) == "America/Hermosillo"
    app.loader.import_default_modules()
    assert TAREA in app.tasks


def test_correrla_dos_veces_manda_un_solo_correo_a_gerencia_con_los_pdf(
    carteras, gerencia, mailoutbox
):
    primera = reportes_mensuales.delay(periodo="2026-10").get()
    segunda = reportes_mensuales.delay(periodo="2026-10").get()

    assert primera == {"periodo": "2026-10", "reportes": 7, "destinatarios": 2, "repetida": False}
    assert segunda == {"periodo": "2026-10", "repetida": True}
    assert len(mailoutbox) == 1
    correo_enviado = mailoutbox[0]
    assert correo_enviado.subject == "Reportes de cobranza de octubre de 2026"
    assert sorted(correo_enviado.to) == ["contralor@oomapas.gob.mx", "directora@oomapas.gob.mx"]
    assert "OOMAPAS Caborca: recuperación 25.00 %" in correo_enviado.body
    assert "cobrado de cartera vencida $250.00 de $1,000.00" in correo_enviado.body
    adjuntos = {nombre: (contenido, tipo) for nombre, contenido, tipo in correo_enviado.attachments}
    assert sorted(adjuntos) == [
        "recuperacion-agua-caborca-2026-10.pdf",
        "recuperacion-creditos-hermosillo-2026-10.pdf",
    ]
    assert all(c.startswith(b"%PDF") and t == "application/pdf" for c, t in adjuntos.values())
    # Three report types for each of the two active carteras, and the credit cartera's own
    # (the water cartera has no credit report), stored once.
    guardados = ReporteGuardado.objects.filter(periodo=date(2026, 10, 1))
    assert guardados.count() == 7
    assert guardados.get(tipo="credito").cartera.clave == "creditos-hermosillo"
    assert set(ReporteGuardado.objects.values_list("version", flat=True)) == {1}
    ejecucion = EjecucionTarea.objects.get(tarea=TAREA, clave="2026-10")
    assert (ejecucion.estado, ejecucion.intentos) == (EjecucionTarea.Estado.OK, 1)
    assert '"destinatarios": 2' in ejecucion.resultado


def test_otro_mes_es_otro_correo(carteras, gerencia, mailoutbox):
    reportes_mensuales.delay(periodo="2026-09").get()
    reportes_mensuales.delay(periodo="2026-10").get()

    assert [m.subject for m in mailoutbox] == [
        "Reportes de cobranza de septiembre de 2026",
        "Reportes de cobranza de octubre de 2026",
    ]


def test_sin_periodo_reporta_el_mes_anterior(carteras, gerencia, mailoutbox):
    resultado = reportes_mensuales.delay().get()

    assert resultado["periodo"] == f"{sumar_meses(hoy().replace(day=1), -1):%Y-%m}"
    assert len(mailoutbox) == 1


def test_una_falla_queda_reintentando_y_el_reintento_termina_el_trabajo(
    carteras, gerencia, mailoutbox, monkeypatch
):
    original = correo.reportes_del_mes
    llamadas = []

    def falla_la_primera_vez(*args, **kwargs):
        llamadas.append(1)
        if len(llamadas) == 1:
            raise ConnectionError("se perdió la conexión con la base")
        return original(*args, **kwargs)

    monkeypatch.setattr(correo, "reportes_del_mes", falla_la_primera_vez)
    # Eager mode hands the retry back to the test (a worker would run it after the backoff).
    with pytest.raises(Retry):
        reportes_mensuales.delay(periodo="2026-10")

    ejecucion = EjecucionTarea.objects.get(tarea=TAREA, clave="2026-10")
    assert (ejecucion.estado, ejecucion.intentos) == (EjecucionTarea.Estado.REINTENTANDO, 1)
    assert ejecucion.resultado == "ConnectionError: se perdió la conexión con la base"
    assert mailoutbox == []

    reportes_mensuales.apply(kwargs={"periodo": "2026-10"}, retries=1).get()

    ejecucion.refresh_from_db()
    assert (ejecucion.estado, ejecucion.intentos) == (EjecucionTarea.Estado.OK, 2)
    assert len(mailoutbox) == 1


def test_el_ultimo_intento_fallido_queda_como_fallida_y_sin_correo(
    carteras, gerencia, mailoutbox, monkeypatch
):
    def falla(*args, **kwargs):
        raise ConnectionError("servidor de correo fuera de servicio")

    monkeypatch.setattr(correo, "reportes_del_mes", falla)
    ultimo = reportes_mensuales.retry_kwargs["max_retries"]
    with pytest.raises(Retry):
        reportes_mensuales.delay(periodo="2026-10")
    with pytest.raises(ConnectionError):
        reportes_mensuales.apply(kwargs={"periodo": "2026-10"}, retries=ultimo).get()

    ejecucion = EjecucionTarea.objects.get(tarea=TAREA, clave="2026-10")
    assert (ejecucion.estado, ejecucion.intentos) == (EjecucionTarea.Estado.FALLIDA, 2)
    assert ejecucion.resultado == "ConnectionError: servidor de correo fuera de servicio"
    assert ejecucion.fin is not None
    assert mailoutbox == []


def test_una_falla_que_se_reintentara_queda_como_reintentando():
    tarea = SimpleNamespace(
        autoretry_for=(Exception,),
        max_retries=3,
        retry_kwargs={"max_retries": 3},
        request=SimpleNamespace(retries=1),
    )
    with (
        pytest.raises(TimeoutError),
        registrar_ejecucion("cobranza.tasks.prueba", "2026-10", tarea_celery=tarea),
    ):
        raise TimeoutError("el servidor SMTP no respondió")

    ejecucion = EjecucionTarea.objects.get(tarea="cobranza.tasks.prueba")
    assert ejecucion.estado == EjecucionTarea.Estado.REINTENTANDO
    assert ejecucion.resultado == "TimeoutError: el servidor SMTP no respondió"


def test_el_decorador_registra_cada_corrida_con_su_resumen():
    @registrar_ejecucion("cobranza.tasks.prueba", clave=lambda dia: dia)
    def tarea(dia):
        return {"dia": dia, "revisadas": 3}

    tarea("2026-11-02")
    tarea("2026-11-02")  # a manual rerun the same day is a new run, not a retry

    ejecucion = EjecucionTarea.objects.get(tarea="cobranza.tasks.prueba", clave="2026-11-02")
    assert (ejecucion.estado, ejecucion.intentos) == (EjecucionTarea.Estado.OK, 1)
    assert ejecucion.resultado == '{"dia": "2026-11-02", "revisadas": 3}'
