"""The background export's task (routed to the `reportes` queue, config/celery.py)."""

from celery import shared_task

from cobranza.exportaciones.services import exportacion_generar
from cobranza.models import Exportacion
from padron.auditoria import actuando_como


@shared_task(name="cobranza.tasks.generar_exportacion", acks_late=True)
def generar_exportacion(exportacion_id):
    """Write one list's file. Safe to deliver twice: the second finds it taken or done."""
    usuario = Exportacion.objects.select_related("solicitada_por").get(pk=exportacion_id)
    with actuando_como(usuario.solicitada_por):
        exportacion = exportacion_generar(exportacion_id)
    return {"exportacion": exportacion_id, "generada": exportacion is not None}
