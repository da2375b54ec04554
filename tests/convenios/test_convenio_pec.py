"""A signed convenio suspends the PEC expediente; a broken one resumes it where it stopped;
a cancelled one too."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cobranza.demo.pec import pec_demo_crear
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Expediente
from cobranza.pec.services import etapa_avanzar, expedientes_abrir
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_cancelar, convenio_capturar, convenio_firmar
from convenios.services.incumplimiento import convenios_revisar_incumplimiento
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha


@pytest.fixture
def expediente(deudor, politica, crear_usuario):
    pec_demo_crear(carteras=[politica["cartera"]])
    (expediente,), _ = expedientes_abrir(
        cuenta_ids=[deudor.pk], usuario=crear_usuario("supervisor"), dia=HOY
    )
    return expediente


def _firmado(deudor, politica, usuario):
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=usuario,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=0),
    )
    return convenio_firmar(convenio=convenio, usuario=usuario, dia=HOY)


def test_convenio_suspende_e_incumplimiento_reanuda(expediente, deudor, politica, crear_usuario):
    ventanilla, supervisor = crear_usuario("ventanilla"), crear_usuario("supervisor")
    convenio = _firmado(deudor, politica, ventanilla)
    expediente.refresh_from_db()
    assert expediente.estado == Expediente.Estado.SUSPENDIDO
    with pytest.raises(ValidationError, match="suspendido"):
        etapa_avanzar(expediente=expediente, usuario=supervisor, dia=HOY)

    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    dia = convenio.parcialidades.get(numero=2).fecha_vencimiento + timedelta(days=6)
    convenios_revisar_incumplimiento(usuario=supervisor, dia=dia)
    expediente.refresh_from_db()
    assert expediente.estado == Expediente.Estado.ABIERTO
    assert expediente.etapa == "invitacion"  # where it stopped
    assert list(expediente.eventos.values_list("tipo", flat=True)) == [
        "abierto",
        "etapa",
        "suspendido",
        "reanudado",
    ]
    assert convenio.folio in expediente.eventos.get(tipo="reanudado").detalle


def test_cancelar_el_convenio_firmado_reanuda(expediente, deudor, politica, crear_usuario):
    supervisor = crear_usuario("supervisor")
    convenio = _firmado(deudor, politica, supervisor)
    convenio_cancelar(convenio=convenio, usuario=supervisor, motivo="Error de captura", dia=HOY)
    expediente.refresh_from_db()
    assert expediente.estado == Expediente.Estado.ABIERTO
