"""manage.py revisar_convenios: breach and reminders of one day, and nothing more on a rerun."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cobranza.libro.services.pagos import pago_registrar
from convenios.models import Convenio, Recordatorio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha


def _correr(fecha):
    salida = StringIO()
    call_command("revisar_convenios", "--fecha", f"{fecha:%d/%m/%Y}", stdout=salida)
    return salida.getvalue()


def test_marca_incumplido_y_recuerda_una_sola_vez(deudor, politica, crear_usuario, mailoutbox):
    ventanilla = crear_usuario("ventanilla")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=0),
    )
    convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    primera = convenio.parcialidades.get(numero=1).fecha_vencimiento

    aviso = primera - timedelta(days=3)  # the policy reminds 3 days before
    assert "2 recordatorios enviados" in _correr(aviso)  # e-mail and SMS
    assert "0 recordatorios enviados" in _correr(aviso)
    assert sorted(Recordatorio.objects.values_list("canal", flat=True)) == ["correo", "sms"]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["deudor@example.mx"]

    dia = convenio.parcialidades.get(numero=2).fecha_vencimiento + timedelta(days=6)
    assert f"Incumplido: {convenio.folio}" in _correr(dia)
    assert "0 convenios incumplidos" in _correr(dia)
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.INCUMPLIDO


def test_fecha_invalida_se_explica(db):
    with pytest.raises(CommandError, match="dd/mm/aaaa"):
        call_command("revisar_convenios", "--fecha", "2026-13-01")
