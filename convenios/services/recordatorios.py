"""Reminders of parcialidades about to fall due: each sent once per channel."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F

from cobranza.atencion.services.encuestas import liga_para_aviso
from convenios.models import Alternativa, Convenio, Parcialidad, Recordatorio
from padron.dinero import formato_pesos
from padron.fechas import hoy
from padron.notificaciones import SMS, backends

LIMITE_SMS = 300  # padron.notificaciones.SMS sends only the first 300 characters


def parcialidades_por_recordar(dia):
    """Unpaid parcialidades of vigente convenios due in exactly their policy's N days."""
    ids = []
    for dias in Alternativa.objects.values_list("dias_recordatorio", flat=True).distinct():
        ids += Parcialidad.objects.filter(
            convenio__estado=Convenio.Estado.VIGENTE,
            convenio__alternativa__dias_recordatorio=dias,
            fecha_vencimiento=dia + timedelta(days=dias),
            pagado__lt=F("monto"),
        ).values_list("pk", flat=True)
    return Parcialidad.objects.filter(pk__in=ids).select_related(
        "convenio__cuenta__titular", "convenio__cuenta__cartera"
    )


def _mensaje(parcialidad, *, liga="", canal=""):
    """Subject and text; with `liga`, the satisfaction survey's link closes the text. An SMS
    keeps only its first LIMITE_SMS characters, so there the text gives way to the link."""
    convenio, cuenta = parcialidad.convenio, parcialidad.convenio.cuenta
    pendiente = formato_pesos(parcialidad.monto - parcialidad.pagado)
    asunto = f"Recordatorio de pago, convenio {convenio.folio}"
    texto = (
        f"{cuenta.titular.nombre_completo}: la parcialidad {parcialidad.numero} de su convenio "
        f"{convenio.folio} (cuenta {cuenta.numero}) por {pendiente} vence el "
        f"{parcialidad.fecha_vencimiento:%d/%m/%Y}. {cuenta.cartera.institucion or cuenta.cartera.nombre}."
    )
    if liga:
        cola = f" Evalúe nuestro servicio: {liga}"
        if canal == SMS.canal and len(texto) + len(cola) > LIMITE_SMS:
            texto = texto[: LIMITE_SMS - len(cola) - 1].rstrip() + "…"
        texto += cola
    return asunto, texto


def recordatorios_enviar(*, dia=None) -> int:
    """Send today's reminders; a (parcialidad, canal) already sent is skipped, so reruns send nothing."""
    dia = dia or hoy()
    enviados = 0
    for parcialidad in parcialidades_por_recordar(dia):
        cuenta = parcialidad.convenio.cuenta
        liga = None  # one survey invitation per reminder, made when a channel first sends it
        for backend in backends():
            destino = backend.destino(cuenta.titular)
            if not destino:
                continue
            try:
                with transaction.atomic():
                    Recordatorio.objects.create(
                        parcialidad=parcialidad, canal=backend.canal, destino=destino
                    )
                    if liga is None:
                        liga = liga_para_aviso(cuenta) or ""
                    asunto, texto = _mensaje(parcialidad, liga=liga, canal=backend.canal)
                    backend.enviar(
                        destino, asunto, texto
                    )  # a failure rolls the row back: retried tomorrow
            except IntegrityError:
                continue
            enviados += 1
    return enviados
