"""Daily jobs of convenios. Thin: they call services, and running twice equals running once."""

from celery import shared_task

from cobranza.tareas.ejecuciones import registrar_ejecucion
from convenios.services.incumplimiento import convenios_revisar_incumplimiento
from convenios.services.recordatorios import recordatorios_enviar
from padron.auditoria import actuando_como


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 5})
@registrar_ejecucion("convenios.tasks.revisar_incumplimientos")
def revisar_incumplimientos():
    with actuando_como() as sistema:
        return [c.folio for c in convenios_revisar_incumplimiento(usuario=sistema)]


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 5})
@registrar_ejecucion("convenios.tasks.enviar_recordatorios")
def enviar_recordatorios():
    with actuando_como():
        return recordatorios_enviar()
