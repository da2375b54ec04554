"""Row locks of a payment on PostgreSQL: cashiers of one cartera do not queue behind each
other, two payments of one cuenta still take turns, and a corte list of the cartera holds its
payments until it commits (padron.bloqueos.cuenta_bloquear). What hangs from a cuenta (its
convenio, its PEC expediente) is locked by itself, never its cartera or its alternativa, which
other cuentas' payments share."""

import threading
import time
from decimal import Decimal

import pytest
from django.db import OperationalError, connection, transaction

from cobranza.demo.pec import pec_demo_crear
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Expediente, Pago
from cobranza.pec.services import expedientes_abrir
from convenios.negociacion.simulacion import Terminos
from convenios.services.abonos import convenio_vivo
from convenios.services.convenios import convenio_bloquear, convenio_capturar, convenio_firmar
from padron.bloqueos import cuenta_bloquear
from padron.models import Cartera
from tests.bloqueos import Ocupado, sin_esperar
from tests.factories import CarteraFactory, cuenta_con_adeudo

pytestmark = [pytest.mark.postgres, pytest.mark.fecha]


@pytest.fixture
def dos_cuentas(transactional_db):
    cartera = CarteraFactory()
    return [
        cuenta_con_adeudo("500.00", cartera=cartera),
        cuenta_con_adeudo("500.00", cartera=cartera),
    ]


def _pagar_sin_esperar(cuenta, cajero, monto="200.00"):
    return sin_esperar(lambda: pago_registrar(cuenta=cuenta, monto=monto, registrado_por=cajero))


def test_un_pago_no_espera_al_de_otra_cuenta_de_la_misma_cartera(dos_cuentas, crear_usuario):
    una, otra = dos_cuentas
    with Ocupado(lambda: cuenta_bloquear(una.pk)):  # a payment of `una` in progress
        pago = _pagar_sin_esperar(otra, crear_usuario("caja"))
    assert pago.cuenta_id == otra.pk and pago.remanente == Decimal("0.00")
    otra.saldo.refresh_from_db()
    assert otra.saldo.saldo == Decimal("300.00")


def test_dos_pagos_de_la_misma_cuenta_se_turnan(dos_cuentas, crear_usuario):
    una, _ = dos_cuentas
    with Ocupado(lambda: cuenta_bloquear(una.pk)), pytest.raises(OperationalError):
        _pagar_sin_esperar(una, crear_usuario("caja"))
    assert not Pago.objects.filter(cuenta=una).exists()


def test_una_lista_de_corte_de_la_cartera_detiene_sus_pagos_hasta_terminar(
    dos_cuentas, crear_usuario
):
    una, _ = dos_cuentas
    cajero = crear_usuario("caja")

    def lista_en_curso():  # what lista_corte_generar takes first
        list(Cartera.objects.select_for_update().filter(pk=una.cartera_id).values_list("pk"))

    with Ocupado(lista_en_curso), pytest.raises(OperationalError):
        _pagar_sin_esperar(una, cajero)
    assert _pagar_sin_esperar(una, cajero).folio  # once the list is in, it goes through


# --- what hangs from a cuenta ----------------------------------------------------------------


def test_pagar_todo_cierra_el_expediente_sin_esperar_a_otra_cuenta(dos_cuentas, crear_usuario):
    """The payment closes the PEC expediente of its cuenta; it used to lock the cartera FOR
    UPDATE to do it, so it waited for (or deadlocked with) any other payment of the cartera."""
    una, otra = dos_cuentas
    pec_demo_crear(carteras=[otra.cartera])
    expedientes_abrir(cuenta_ids=[otra.pk], usuario=crear_usuario("supervisor"))
    with Ocupado(lambda: cuenta_bloquear(una.pk)):
        _pagar_sin_esperar(otra, crear_usuario("caja"), monto="500.00")
    expediente = Expediente.objects.get(cuenta=otra)
    assert expediente.estado == Expediente.Estado.CERRADO
    assert expediente.motivo_cierre.startswith("Pago total del adeudo")


@pytest.fixture
def dos_convenios(transactional_db, crear_usuario):
    """Two signed convenios of one alternativa, on two cuentas of one cartera."""
    from tests.convenios.conftest import politica

    alternativas = politica.__wrapped__(None)
    supervisor = crear_usuario("supervisor")
    convenios = []
    for _ in range(2):
        convenio = convenio_capturar(
            cuenta=cuenta_con_adeudo(cartera=alternativas["cartera"]),
            alternativa=alternativas["parcialidades"],
            capturado_por=supervisor,
            terminos=Terminos(numero_parcialidades=4, descuento_recargos_pct=0),
        )
        convenios.append(convenio_firmar(convenio=convenio, usuario=supervisor))
    return convenios


def test_el_abono_a_un_convenio_no_espera_a_otro_de_la_misma_alternativa(
    dos_convenios, crear_usuario
):
    uno, otro = dos_convenios
    with Ocupado(lambda: convenio_vivo(uno.cuenta_id)):  # a payment to `uno` in progress
        pago = _pagar_sin_esperar(otro.cuenta, crear_usuario("caja"), monto=str(otro.enganche))
    otro.refresh_from_db()
    assert pago.monto == otro.enganche and otro.estado == "vigente"


def test_capturar_un_convenio_no_espera_al_pago_de_otra_cuenta(dos_cuentas, crear_usuario):
    from tests.convenios.conftest import politica

    una, otra = dos_cuentas
    alternativa = politica.__wrapped__(None)["parcialidades"]
    alternativa.cartera = una.cartera
    alternativa.save()
    with Ocupado(lambda: cuenta_bloquear(una.pk)):
        convenio = sin_esperar(
            lambda: convenio_capturar(
                cuenta=otra,
                alternativa=alternativa,
                capturado_por=crear_usuario("supervisor"),
                terminos=Terminos(numero_parcialidades=2, descuento_recargos_pct=0),
            )
        )
    assert convenio.cuenta_id == otra.pk and convenio.total == Decimal("500.00")


def test_firmar_mientras_se_paga_espera_sin_interbloqueo(dos_convenios):
    """A payment locks the cuenta, then its convenio. Signing (or cancelling, or marking it
    broken) takes them in the same order; the other order deadlocked with the payment."""
    uno, _ = dos_convenios
    cuenta_tomada, errores = threading.Event(), []

    def pago_en_curso():
        try:
            with transaction.atomic():
                cuenta_bloquear(uno.cuenta_id)
                cuenta_tomada.set()
                time.sleep(0.5)  # meanwhile the signature asks for its locks
                convenio_vivo(uno.cuenta_id)
        except Exception as error:  # noqa: BLE001 (reported by the assertion below)
            errores.append(error)
        finally:
            connection.close()

    hilo = threading.Thread(target=pago_en_curso)
    hilo.start()
    assert cuenta_tomada.wait(30)
    with transaction.atomic():
        convenio = convenio_bloquear(uno)  # waits for the payment to commit, then takes both
    hilo.join()
    assert errores == [] and convenio.pk == uno.pk
