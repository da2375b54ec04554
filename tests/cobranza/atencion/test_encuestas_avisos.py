"""The payment reminders carry the survey's link at their end (one invitation per reminder),
and the SMS keeps the link whole within its 300 characters."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.cache import cache

from cobranza.atencion.models import Invitacion
from cobranza.atencion.services.encuestas import encuesta_estandar_crear
from cobranza.libro.services.pagos import pago_registrar
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from convenios.services.recordatorios import recordatorios_enviar
from padron.notificaciones import SMSConsola
from tests.convenios.conftest import HOY, deudor, politica  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def dia_del_recordatorio(deudor, politica, crear_usuario):  # noqa: F811
    ventanilla = crear_usuario("ventanilla")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=Decimal("0")),
    )
    convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    SMSConsola.enviados.clear()
    cache.clear()
    return convenio.parcialidades.get(numero=1).fecha_vencimiento - timedelta(days=3)


def test_sin_encuesta_el_aviso_no_cambia(dia_del_recordatorio):
    assert recordatorios_enviar(dia=dia_del_recordatorio) == 2
    assert "Evalúe nuestro servicio" not in mail.outbox[0].body
    assert not Invitacion.objects.exists()


def test_el_aviso_lleva_la_liga_y_se_responde_una_vez(
    dia_del_recordatorio,
    deudor,  # noqa: F811
    crear_usuario,
    client,
    reloj,
    settings,
):
    settings.SITIO_URL = "https://cobranza.oomapas-caborca.gob.mx"
    encuesta = encuesta_estandar_crear(usuario=crear_usuario("supervisor"))

    assert recordatorios_enviar(dia=dia_del_recordatorio) == 2  # e-mail and SMS
    assert recordatorios_enviar(dia=dia_del_recordatorio) == 0  # a rerun sends, and invites, none

    invitacion = Invitacion.objects.get()  # one per reminder, for both channels
    liga = f"https://cobranza.oomapas-caborca.gob.mx/publico/encuestas/{invitacion.token}/"
    assert (invitacion.canal, invitacion.cuenta) == ("aviso", deudor)
    assert mail.outbox[0].body.endswith(f" Evalúe nuestro servicio: {liga}")
    ((_, sms),) = SMSConsola.enviados
    assert sms.endswith(f" Evalúe nuestro servicio: {liga}") and len(sms) <= 300

    ruta = liga.removeprefix(settings.SITIO_URL)
    formulario = client.get(ruta)
    marca = formulario.context["form"]["marca"].value()
    reloj.shift(10)
    escala, *_ = encuesta.preguntas.order_by("orden")
    datos = {"marca": marca, "sitio_web": ""}
    for pregunta in encuesta.preguntas.all():
        datos[f"pregunta_{pregunta.pk}"] = {
            "escala": "4",
            "si_no": "si",
            "opcion": "Teléfono",
            "texto": "",
        }[pregunta.tipo]
    assert "¡Gracias por su opinión!" in client.post(ruta, datos).content.decode()
    assert "ya fue respondida" in client.post(ruta, datos).content.decode()
    assert invitacion.respuestas.filter(pregunta=escala).get().valor == "4"
    assert invitacion.respuestas.count() == 5
