"""A job as people call it: the name of its schedule ("Recargos del mes"), never its
Python path ("cobranza.tasks.aplicar_recargos")."""

from django_celery_beat.models import PeriodicTask


def nombres_de_tareas() -> dict[str, str]:
    """{python path: schedule name}, one query."""
    return dict(PeriodicTask.objects.values_list("task", "name"))


def nombre_tarea(ruta: str, nombres: dict[str, str]) -> str:
    """The schedule's name; for a job run only by hand, its function name in words."""
    if ruta in nombres:
        return nombres[ruta]
    return ruta.rsplit(".", 1)[-1].replace("_", " ").capitalize()
