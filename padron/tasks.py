from celery import shared_task
from django.utils import timezone


@shared_task
def latido():
    """A no-op the health checks and the worker integration test use to see a worker answer."""
    return timezone.now().isoformat()
