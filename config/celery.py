"""The Celery app. Tasks live in each app's tasks.py (`@shared_task`).

Crash safety (acks_late, reject on worker lost, the Redis visibility timeout) is configured in
config/settings/base.py; the lease of a running job is in cobranza/tareas/ejecuciones.py.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("cobranza")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
