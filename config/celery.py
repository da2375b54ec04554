"""The Celery app. Tasks live in each app's tasks.py (`@shared_task`).

Crash safety (acks_late, reject on worker lost, the Redis visibility timeout) is configured in
config/settings/base.py; the lease of a running job is in cobranza/tareas/ejecuciones.py.

Two queues: the reports and exports (long reads, often on a second machine next to a read
replica) go to `reportes`; everything else (imports, nightly ledger jobs, e-mail) to the
default queue `celery`, so a long report never delays a payment import.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

COLA_GENERAL = "celery"
COLA_REPORTES = "reportes"
# By module, not by name: some tasks keep an older public name (beat's table knows
# "cobranza.tasks.reportes_mensuales", defined in cobranza/reportes/tasks.py).
MODULOS_REPORTES = ("cobranza.reportes.tasks", "cobranza.exportaciones.tasks")

app = Celery("cobranza")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def cola_de_tarea(name, args, kwargs, options, task=None, **kw):
    """CELERY_TASK_ROUTES: the queue of a task; an explicit `queue=` when sending still wins."""
    if task is None:  # sent by name (send_task): look the task up, if this process knows it
        task = app.tasks.get(name)
    modulo = getattr(task, "__module__", "") or ""
    if modulo in MODULOS_REPORTES:
        return {"queue": COLA_REPORTES}
    return {"queue": COLA_GENERAL}
