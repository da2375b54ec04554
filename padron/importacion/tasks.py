"""The import jobs' task: one file, one run of its processor."""

from celery import shared_task

from padron.auditoria import actuando_como
from padron.importacion.models import Importacion
from padron.importacion.trabajos import importacion_procesar


@shared_task(name="padron.tasks.importacion_procesar", acks_late=True)
def procesar_importacion(importacion_id):
    """Process an uploaded file. Safe to deliver twice: the second finds it taken."""
    usuario = Importacion.objects.select_related("usuario").get(pk=importacion_id).usuario
    with actuando_como(usuario):
        importacion = importacion_procesar(importacion_id)
    return {"importacion": importacion_id, "procesada": importacion is not None}
