"""The educational credit's daily job (schedule: migration 0016_horario_credito): start the
recoveries whose day has come, then charge the months that fall due. Running it twice the
same day charges nothing more."""

from celery import shared_task

from cobranza.credito.services import mensualidades_publicar, recuperaciones_iniciar
from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como


@shared_task(
    name="cobranza.tasks.mensualidades_credito",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.mensualidades_credito")
def mensualidades_credito():
    with actuando_como() as sistema:
        iniciadas = recuperaciones_iniciar(usuario=sistema)
        cargos = mensualidades_publicar(usuario=sistema)
    return {"recuperaciones_iniciadas": iniciadas, "cargos": cargos}
