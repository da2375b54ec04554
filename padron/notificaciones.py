"""Pluggable notification backends for reminders: e-mail, and SMS through an interface.

settings.NOTIFICACIONES = ["padron.notificaciones.Correo", "padron.notificaciones.SMSConsola"]
A real SMS gateway is a subclass of SMS that implements `enviar_sms`.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

log = logging.getLogger(__name__)


class Backend:
    canal = ""

    def destino(self, titular) -> str:
        raise NotImplementedError

    def enviar(self, destino: str, asunto: str, mensaje: str) -> None:
        raise NotImplementedError


class Correo(Backend):
    canal = "correo"

    def destino(self, titular):
        return titular.email

    def enviar(self, destino, asunto, mensaje):
        send_mail(asunto, mensaje, settings.DEFAULT_FROM_EMAIL, [destino], fail_silently=False)


class SMS(Backend):
    canal = "sms"

    def destino(self, titular):
        return titular.telefono

    def enviar(self, destino, asunto, mensaje):
        self.enviar_sms(destino, mensaje[:300])

    def enviar_sms(self, telefono, texto):
        raise NotImplementedError


class SMSConsola(SMS):
    """Writes the SMS to the log: for development and for institutions without a gateway."""

    enviados: list = []

    def enviar_sms(self, telefono, texto):
        SMSConsola.enviados.append((telefono, texto))
        log.info("SMS a %s: %s", telefono, texto)


def backends():
    rutas = getattr(
        settings,
        "NOTIFICACIONES",
        ["padron.notificaciones.Correo", "padron.notificaciones.SMSConsola"],
    )
    return [import_string(ruta)() for ruta in rutas]
