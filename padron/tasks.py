from celery import shared_task

from padron.fechas import ahora


@shared_task
def latido():
    """A no-op the health checks and the worker integration test use to see a worker answer."""
    return ahora().isoformat()


from padron.importacion.tasks import procesar_importacion  # noqa: E402, F401 (autodiscovered)
