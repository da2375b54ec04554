"""Reminders go N days before a parcialidad falls due, once per channel, never again."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from cobranza.libro.services.pagos import pago_registrar
from convenios.models import Recordatorio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from convenios.services.recordatorios import recordatorios_enviar
from padron.notificaciones import SMSConsola
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha

D = Decimal


@pytest.fixture
def vigente(deudor, politica, crear_usuario):
    ventanilla = crear_usuario("ventanilla")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    return convenio


def test_recordatorio_tres_dias_antes_una_sola_vez(vigente):
    SMSConsola.enviados.clear()
    primera = vigente.parcialidades.get(numero=1)
    dia = primera.fecha_vencimiento - timedelta(days=3)

    assert recordatorios_enviar(dia=dia - timedelta(days=1)) == 0
    assert recordatorios_enviar(dia=dia) == 2  # e-mail and SMS
    assert recordatorios_enviar(dia=dia) == 0

    assert len(mail.outbox) == 1
    assert vigente.folio in mail.outbox[0].subject
    assert (
        "$440.00" in mail.outbox[0].body
        and primera.fecha_vencimiento.strftime("%d/%m/%Y") in mail.outbox[0].body
    )
    assert len(SMSConsola.enviados) == 1
    assert Recordatorio.objects.filter(parcialidad=primera).count() == 2


def test_una_parcialidad_pagada_no_se_recuerda(vigente, crear_usuario, deudor):
    primera = vigente.parcialidades.get(numero=1)
    pago_registrar(cuenta=deudor, monto="440.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    assert recordatorios_enviar(dia=primera.fecha_vencimiento - timedelta(days=3)) == 0
