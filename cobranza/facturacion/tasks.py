"""The daily reminder of social-work discounts about to end (schedule: migration
0014_horario_descuentos_sociales). Each discount is reminded once."""

from celery import shared_task

from cobranza.facturacion.services.descuentos import descuentos_recordar
from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como


@shared_task(
    name="cobranza.tasks.recordar_descuentos_sociales",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.recordar_descuentos_sociales")
def recordar_descuentos_sociales():
    with actuando_como():
        return {"avisados": descuentos_recordar()}
