"""The daily reminder of overdue loans of originals: one e-mail per borrower per day at most
(Prestamo.recordado), so a retried or repeated run sends nothing twice."""

from celery import shared_task

from cobranza.archivo.services.prestamos import prestamos_recordar
from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como


@shared_task(
    name="cobranza.tasks.recordar_prestamos_vencidos",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.recordar_prestamos_vencidos")
def recordar_prestamos_vencidos():
    with actuando_como():
        return {"recordatorios": prestamos_recordar()}
