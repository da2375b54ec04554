"""The daily check of promesas de pago: kept when paid in the window (even before the
date), broken when the date passes without it, a reversed pago does not count, and running
it twice is running it once. Plus its beat schedule, task, command, page and endpoint."""

from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_celery_beat.models import PeriodicTask

from cobranza.gestiones.services import gestion_registrar, promesas_revisar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.models import Concepto, PromesaPago
from cobranza.tasks import revisar_promesas
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, cargo
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]

PLAZO = 7


@pytest.fixture
def usuarios(crear_usuario):
    return {
        "ventanilla": crear_usuario("ventanilla"),
        "caja": crear_usuario("caja"),
        "supervisor": crear_usuario("supervisor"),
    }


def _deudor(numero=None):
    """A cuenta owing $2,000.00 of past-due water."""
    cuenta = CuentaFactory(**({"numero": numero} if numero else {}))
    cargo(cuenta, Concepto.CONSUMO_AGUA, "2000.00", hoy() - timedelta(days=60))
    return cuenta


@pytest.fixture
def cuenta():
    return _deudor("4001")


def _prometer(cuenta, usuario, monto="1000.00", dias=PLAZO):
    gestion = gestion_registrar(
        cuenta=cuenta,
        usuario=usuario,
        tipo="llamada_recibida",
        resultado="promesa_pago",
        promesa_monto=monto,
        promesa_fecha=hoy() + timedelta(days=dias),
    )
    return gestion.promesa


def _pagar(cuenta, usuarios, monto, fecha=None):
    return pago_registrar(
        cuenta=cuenta, monto=monto, registrado_por=usuarios["caja"], fecha=fecha or hoy()
    )


def _estado(promesa):
    promesa.refresh_from_db()
    return promesa.estado, promesa.pagado


def test_pagada_antes_de_la_fecha_se_cumple_de_inmediato(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    _pagar(cuenta, usuarios, "600.00")
    _pagar(cuenta, usuarios, "400.00")

    revision = promesas_revisar(dia=hoy())

    assert (revision.cumplidas, revision.incumplidas) == (1, 0)
    assert _estado(promesa) == ("cumplida", D("1000.00"))
    assert promesa.revisada == hoy()


def test_pago_parcial_y_fecha_vencida_es_incumplida_con_lo_pagado(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    _pagar(cuenta, usuarios, "250.75")

    assert promesas_revisar(dia=hoy() + timedelta(days=PLAZO)).incumplidas == 0
    assert _estado(promesa) == ("vigente", D("0.00"))  # the promised day itself still counts

    revision = promesas_revisar(dia=hoy() + timedelta(days=PLAZO + 1))

    assert (revision.cumplidas, revision.incumplidas, revision.vigentes) == (0, 1, 0)
    assert _estado(promesa) == ("incumplida", D("250.75"))


def test_un_pago_revertido_antes_de_la_revision_no_cuenta(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    pago = _pagar(cuenta, usuarios, "1000.00")
    pago_revertir(pago=pago, motivo="Cheque sin fondos", autorizado_por=usuarios["supervisor"])

    assert promesas_revisar(dia=hoy()).cumplidas == 0
    assert _estado(promesa) == ("vigente", D("0.00"))
    promesas_revisar(dia=hoy() + timedelta(days=PLAZO + 1))
    assert _estado(promesa) == ("incumplida", D("0.00"))


def test_pagos_fuera_del_plazo_o_de_otra_cuenta_no_cuentan(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    _pagar(cuenta, usuarios, "1000.00", fecha=hoy() - timedelta(days=1))  # before promising
    _pagar(_deudor(), usuarios, "1000.00")  # someone else's cuenta

    promesas_revisar(dia=hoy() + timedelta(days=PLAZO + 1))

    assert _estado(promesa) == ("incumplida", D("0.00"))


def test_correrla_dos_veces_es_correrla_una(cuenta, usuarios):
    cumplida = _prometer(cuenta, usuarios["ventanilla"], monto="500.00")
    otra = _deudor()
    rota = _prometer(otra, usuarios["ventanilla"], monto="900.00")
    _pagar(cuenta, usuarios, "500.00")
    _pagar(otra, usuarios, "100.00")
    dia = hoy() + timedelta(days=PLAZO + 1)

    primera = promesas_revisar(dia=dia)
    historia = PromesaPago.history.count()
    segunda = promesas_revisar(dia=dia)

    assert (primera.cumplidas, primera.incumplidas) == (1, 1)
    assert (segunda.cumplidas, segunda.incumplidas) == (0, 0)
    assert PromesaPago.history.count() == historia
    assert _estado(cumplida) == ("cumplida", D("500.00"))
    assert _estado(rota) == ("incumplida", D("100.00"))


def test_una_promesa_cumplida_no_se_reabre(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    _pagar(cuenta, usuarios, "1000.00")
    promesas_revisar(dia=hoy())

    promesas_revisar(dia=hoy() + timedelta(days=PLAZO + 1))

    assert _estado(promesa) == ("cumplida", D("1000.00"))


def test_la_revision_no_hace_una_consulta_por_promesa(usuarios):
    def preparar(n):
        for _ in range(n):
            cuenta = _deudor()
            _prometer(cuenta, usuarios["ventanilla"], monto="100.00")
            _pagar(cuenta, usuarios, "100.00")
            _prometer(_deudor(), usuarios["ventanilla"], monto="100.00", dias=0)

    preparar(3)
    with CaptureQueriesContext(connection) as pocas:
        promesas_revisar(dia=hoy() + timedelta(days=1))
    preparar(20)
    with CaptureQueriesContext(connection) as muchas:
        revision = promesas_revisar(dia=hoy() + timedelta(days=1))

    assert (revision.cumplidas, revision.incumplidas) == (20, 20)
    assert len(muchas) <= len(pocas)


def test_la_revision_queda_en_el_historial_como_sistema(cuenta, usuarios):
    promesa = _prometer(cuenta, usuarios["ventanilla"])
    _pagar(cuenta, usuarios, "1000.00")

    revisar_promesas.delay().get()

    ultima = promesa.history.latest()
    assert ultima.estado == "cumplida"
    assert ultima.history_user.username == "sistema"
    assert "Revisión de promesas" in ultima.history_change_reason


# --- the daily task, its schedule and the command ----------------------------------------------


def test_revision_diaria_a_las_dos_hora_de_sonora():
    tarea = PeriodicTask.objects.get(name="Revisión diaria de promesas de pago")
    horario = tarea.crontab
    assert tarea.task == "cobranza.tasks.revisar_promesas"
    assert tarea.enabled
    assert (horario.minute, horario.hour, horario.day_of_month) == ("0", "2", "*")
    assert str(horario.timezone) == "America/Hermosillo"

    from config.celery import app

    app.loader.import_default_modules()
    assert tarea.task in app.tasks


def test_la_tarea_devuelve_los_conteos(cuenta, usuarios):
    _prometer(cuenta, usuarios["ventanilla"])
    dia = hoy() + timedelta(days=PLAZO + 1)

    resultado = revisar_promesas.delay(dia=dia.isoformat()).get()
    otra_vez = revisar_promesas.delay(dia=dia.isoformat()).get()

    assert resultado == {
        "dia": dia.isoformat(),
        "cumplidas": 0,
        "incumplidas": 1,
        "vigentes": 0,
    }
    assert (otra_vez["cumplidas"], otra_vez["incumplidas"]) == (0, 0)


def test_el_comando(cuenta, usuarios, capsys):
    _prometer(cuenta, usuarios["ventanilla"], monto="300.00")
    _pagar(cuenta, usuarios, "300.00")

    call_command("revisar_promesas", "--fecha", f"{hoy():%d/%m/%Y}")

    assert "1 cumplida, 0 incumplidas, 0 siguen vigentes" in capsys.readouterr().out
    with pytest.raises(CommandError, match="dd/mm/aaaa"):
        call_command("revisar_promesas", "--fecha", "2026-13-01")
    with pytest.raises(CommandError, match="futura"):
        call_command("revisar_promesas", "--fecha", f"{hoy() + timedelta(days=1):%d/%m/%Y}")


# --- the supervisor's list: page and endpoint -------------------------------------------------


@pytest.fixture
def tres_promesas(usuarios):
    """One cumplida (4101), one incumplida (4102) with $100.00 paid, one vigente (4103)."""
    cumplida, incumplida, vigente = (_deudor(n) for n in ("4101", "4102", "4103"))
    _prometer(cumplida, usuarios["ventanilla"], monto="200.00", dias=0)
    _pagar(cumplida, usuarios, "200.00")
    _prometer(incumplida, usuarios["ventanilla"], monto="500.00", dias=0)
    _pagar(incumplida, usuarios, "100.00")
    promesas_revisar(dia=hoy() + timedelta(days=1))
    _prometer(vigente, usuarios["ventanilla"], monto="700.00")
    _pagar(vigente, usuarios, "50.00")


def test_la_pagina_muestra_vigentes_e_incumplidas(client, usuarios, tres_promesas):
    client.force_login(usuarios["supervisor"])
    html = client.get("/promesas/").content.decode()
    assert "4102" in html and "4103" in html and "4101" not in html
    assert "$50.00" in html  # paid so far on the vigente one

    cumplidas = client.get("/promesas/", {"estado": "cumplida"}).content.decode()
    assert "4101" in cumplidas and "4102" not in cumplidas


def test_la_pagina_de_promesas_no_crece_en_consultas(
    client, usuarios, tres_promesas, django_assert_max_num_queries
):
    client.force_login(usuarios["supervisor"])
    with CaptureQueriesContext(connection) as capturadas:
        client.get("/promesas/")
    pocas = len(capturadas)
    for _ in range(15):
        _prometer(_deudor(), usuarios["ventanilla"])
    with django_assert_max_num_queries(pocas):
        html = client.get("/promesas/").content.decode()
    assert html.count("Vigente") >= 16


def test_caja_no_ve_la_lista_de_promesas(client, usuarios):
    client.force_login(usuarios["caja"])
    assert client.get("/promesas/").status_code == 403


def test_api_promesas_por_estado(cliente_api, usuarios, tres_promesas):
    cliente = cliente_api(usuarios["supervisor"])

    incumplidas = cliente.get("/api/v1/promesas/", {"estado": "incumplida"}).json()
    assert [(p["cuenta"], p["pagado"]) for p in incumplidas["results"]] == [("4102", "100.00")]

    por_omision = cliente.get("/api/v1/promesas/").json()
    assert sorted(p["cuenta"] for p in por_omision["results"]) == ["4102", "4103"]
    vigente = next(p for p in por_omision["results"] if p["cuenta"] == "4103")
    assert (vigente["monto"], vigente["pagado_al"]) == ("700.00", "50.00")

    mala = cliente.get("/api/v1/promesas/", {"estado": "rota"})
    assert mala.status_code == 400
    assert "estado" in mala.json()["error"]["campos"]


def test_api_promesas_solo_de_cuentas_visibles(cliente_api, crear_usuario, tres_promesas):
    datos = cliente_api(crear_usuario("abogado_externo")).get("/api/v1/promesas/").json()
    assert datos["count"] == 0
