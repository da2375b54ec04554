"""A pending cut is cancelled when the account pays what made it eligible or signs a
convenio: at once (on payment, on signing) and by the periodic sweep, which is idempotent."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from cobranza.cortes.services.campo import ordenes_cancelar_si_no_procede, ordenes_corte_barrer
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import ListaCorte, OrdenCorte
from cobranza.signals import pago_registrado
from cobranza.tasks import barrer_ordenes_corte
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from padron.fechas import hoy
from tests.cobranza.cortes.test_cortador import (
    cartera_agua,
    cuenta_morosa,
    ejecutar,
    orden_corte,
    pagar,
)
from tests.convenios import conftest as convenios_conftest
from tests.convenios.conftest import HOY

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
# The convenios fixtures: a water cartera with its policy, and a debtor of 3 months.
politica, deudor = convenios_conftest.politica, convenios_conftest.deudor


@pytest.fixture(autouse=True)
def _cortes_conectados():
    from cobranza.cortes.services.campo import conectar

    conectar()


@pytest.fixture
def cortador(crear_usuario):
    return crear_usuario("cortador")


@pytest.fixture
def sin_receptor():
    """Payments recorded while the immediate cancellation is off (only the sweep acts)."""
    from cobranza.cortes.services.campo import al_registrar_pago

    pago_registrado.disconnect(dispatch_uid="cobranza.cortes_campo.pago")
    yield
    pago_registrado.connect(al_registrar_pago, dispatch_uid="cobranza.cortes_campo.pago")


def _estado(orden):
    orden.refresh_from_db()
    return orden.estado


# --- at once, on payment -----------------------------------------------------------------


def test_pagar_lo_vencido_cancela_la_orden_pendiente_al_momento(cortador, crear_usuario):
    cuenta = cuenta_morosa(meses=3)  # 3 × $500.00 past due, threshold 2 months
    orden = orden_corte(cuenta, cortador)

    pago = pagar(cuenta, "1500.00", caja=crear_usuario("caja"))

    orden.refresh_from_db()
    assert orden.estado == "cancelada" and orden.cancelada is not None
    assert orden.motivo_cancelacion == f"El usuario pagó (recibo {pago.folio})"
    ultimo = orden.history.first()
    assert ultimo.estado == "cancelada"
    assert ultimo.history_change_reason.startswith("Cancelada: El usuario pagó")


def test_un_abono_que_deja_meses_suficientes_no_cancela(cortador):
    cuenta = cuenta_morosa(meses=3)
    orden = orden_corte(cuenta, cortador)
    pagar(cuenta, "500.00")  # 2 months still past due: threshold 2 → still cut
    assert _estado(orden) == "pendiente"


def test_un_abono_que_baja_de_los_meses_del_umbral_cancela(cortador):
    cuenta = cuenta_morosa(meses=3)
    orden = orden_corte(cuenta, cortador)
    pagar(cuenta, "1000.00")  # 1 month past due < 2
    assert _estado(orden) == "cancelada"


def test_cuenta_el_umbral_que_uso_la_lista(cortador, crear_usuario):
    cartera = cartera_agua(umbral=2)
    lista = ListaCorte.objects.create(
        folio="LC26-000001",
        cartera=cartera,
        parametros={"cartera": cartera.clave, "meses_minimos": 1},
        generada_por=crear_usuario("supervisor"),
        al=hoy(),
    )
    cuenta = cuenta_morosa(cartera, meses=3)
    orden = orden_corte(cuenta, cortador, lista=lista)
    pagar(cuenta, "1000.00")  # 1 month left: the list asked for 1
    assert _estado(orden) == "pendiente"
    pagar(cuenta, "500.00")
    assert _estado(orden) == "cancelada"


def test_un_criterio_registrado_sostiene_la_orden_hasta_pagar_lo_vencido(cortador, monkeypatch):
    from cobranza.cortes.reglas import ReglaExtra
    from padron.models import Cuenta

    cuenta = cuenta_morosa(meses=3)
    orden = orden_corte(cuenta, cortador, motivo_elegible="convenio_incumplido")
    incumplido = ReglaExtra(
        "convenio_incumplido",
        "Convenio incumplido",
        lambda dia: Cuenta.objects.filter(pk=cuenta.pk).values("pk"),
    )
    monkeypatch.setattr("cobranza.cortes.services.campo.CRITERIOS_EXTRA", [incumplido])

    pagar(cuenta, "1000.00")  # 1 month left, under the threshold, but the convenio is broken
    assert _estado(orden) == "pendiente"
    pagar(cuenta, "500.00")  # nothing past due any more
    assert _estado(orden) == "cancelada"


def test_solo_se_cancelan_las_ordenes_de_esa_cuenta(cortador):
    cartera = cartera_agua()
    paga, no_paga = cuenta_morosa(cartera), cuenta_morosa(cartera)
    suya, ajena = orden_corte(paga, cortador), orden_corte(no_paga, cortador)
    pagar(paga, "1500.00")
    assert (_estado(suya), _estado(ajena)) == ("cancelada", "pendiente")


def test_una_orden_ya_ejecutada_no_se_cancela(cortador):
    cuenta = cuenta_morosa()
    orden = orden_corte(cuenta, cortador)
    ejecutar(orden, cortador)
    pagar(cuenta, "1500.00")
    assert _estado(orden) == "ejecutada"


# --- by the sweep ------------------------------------------------------------------------


def test_el_barrido_cancela_lo_que_el_pago_no_alcanzo_y_es_idempotente(cortador, sin_receptor):
    cartera = cartera_agua()
    pagada, morosa = cuenta_morosa(cartera), cuenta_morosa(cartera)
    cancelable, vigente = orden_corte(pagada, cortador), orden_corte(morosa, cortador)
    pagar(pagada, "1500.00")
    assert _estado(cancelable) == "pendiente"  # nobody listened to the payment

    resumen = barrer_ordenes_corte.delay().get()
    otra_vez = barrer_ordenes_corte.delay().get()

    assert resumen["canceladas"] == 1 and otra_vez["canceladas"] == 0
    assert (_estado(cancelable), _estado(vigente)) == ("cancelada", "pendiente")
    assert cancelable.motivo_cancelacion == "El usuario pagó su saldo vencido"
    assert cancelable.history.first().history_user.username == "sistema"
    assert cancelable.history.filter(estado="cancelada").count() == 1


def test_la_cancelacion_por_lotes_solo_toca_las_cuentas_pedidas(cortador, sin_receptor):
    cartera = cartera_agua()
    una, otra = cuenta_morosa(cartera), cuenta_morosa(cartera)
    primera, segunda = orden_corte(una, cortador), orden_corte(otra, cortador)
    for cuenta in (una, otra):
        pagar(cuenta, "1500.00")

    assert ordenes_cancelar_si_no_procede(cuenta_ids=[una.pk], motivo="Pagó en caja") == 1
    assert (_estado(primera), _estado(segunda)) == ("cancelada", "pendiente")
    assert primera.motivo_cancelacion == "Pagó en caja"


def test_el_barrido_no_cancela_reconexiones(cortador):
    cuenta = cuenta_morosa(meses=0)
    reconexion = OrdenCorte.objects.create(
        folio="RX26-000100",
        tipo=OrdenCorte.Tipo.RECONEXION,
        accion=OrdenCorte.Accion.RECONEXION,
        cuenta=cuenta,
        cortador=cortador,
    )
    ordenes_corte_barrer()
    assert _estado(reconexion) == "pendiente"


def test_el_comando_barre_e_informa(cortador, sin_receptor, capsys):
    cuenta = cuenta_morosa()
    orden = orden_corte(cuenta, cortador)
    pagar(cuenta, "1500.00")
    call_command("barrer_ordenes_corte")
    assert "1 cancelada," in capsys.readouterr().out
    assert _estado(orden) == "cancelada"


def test_el_barrido_corre_cada_media_hora():
    from config.celery import app

    tarea = PeriodicTask.objects.get(name="Barrido de órdenes de corte")
    assert tarea.task == "cobranza.tasks.barrer_ordenes_corte" and tarea.enabled
    assert (tarea.crontab.minute, tarea.crontab.hour) == ("*/30", "*")
    assert str(tarea.crontab.timezone) == "America/Hermosillo"
    app.loader.import_default_modules()
    assert tarea.task in app.tasks


# --- on convenio -------------------------------------------------------------------------


def _convenio_firmado(deudor, politica, usuario):
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=usuario,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=0),
    )
    return convenio_firmar(convenio=convenio, usuario=usuario, dia=HOY)


def test_firmar_un_convenio_cancela_la_orden_pendiente(deudor, politica, cortador, crear_usuario):
    orden = orden_corte(deudor, cortador)
    convenio = _convenio_firmado(deudor, politica, crear_usuario("supervisor"))

    orden.refresh_from_db()
    assert orden.estado == "cancelada"
    assert orden.motivo_cancelacion == f"Convenio {convenio.folio} firmado"


def test_el_barrido_cancela_si_hay_convenio_al_corriente(deudor, politica, cortador, crear_usuario):
    from convenios.cortes import registrar_reglas_de_corte

    registrar_reglas_de_corte()  # what ConveniosConfig.ready() registers
    supervisor = crear_usuario("supervisor")
    convenio = _convenio_firmado(deudor, politica, supervisor)
    pago_registrar(cuenta=deudor, monto=convenio.enganche, registrado_por=supervisor, fecha=HOY)
    convenio.refresh_from_db()
    assert convenio.estado == "vigente"
    # A list generated from stale balances left an order on the account anyway.
    orden = orden_corte(deudor, cortador)

    assert ordenes_corte_barrer(dia=HOY + timedelta(days=1)).canceladas == 1
    assert _estado(orden) == "cancelada"
    assert orden.motivo_cancelacion == "Convenio al corriente"
    assert ordenes_corte_barrer(dia=HOY + timedelta(days=1)).canceladas == 0


def test_una_cuenta_que_sigue_debiendo_conserva_su_orden(cortador):
    orden = orden_corte(cuenta_morosa(meses=4), cortador)
    assert ordenes_corte_barrer().canceladas == 0
    assert _estado(orden) == "pendiente"
