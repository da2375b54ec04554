"""The supervisor's view of the scheduled jobs (/tareas/): beat's table in plain Spanish, each
job's last run, and the latest runs with the failures standing out."""

from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django_celery_beat.models import PeriodicTask

from cobranza.models import EjecucionTarea
from cobranza.tareas.horarios import horario_en_palabras
from cobranza.tareas.nombres import nombre_tarea
from padron.permisos import requiere

ULTIMAS_EJECUCIONES = 50
CON_FALLA = {EjecucionTarea.Estado.FALLIDA, EjecucionTarea.Estado.REINTENTANDO}
ESTADOS = dict(EjecucionTarea.Estado.choices)


def _programadas():
    """Beat's table, each job with its last recorded run (one query)."""
    ultima = EjecucionTarea.objects.filter(tarea=OuterRef("task")).order_by("-inicio")
    return (
        PeriodicTask.objects.exclude(task="celery.backend_cleanup")
        .select_related("crontab", "interval", "solar", "clocked")
        .annotate(
            ultima_estado=Subquery(ultima.values("estado")[:1]),
            ultima_inicio=Subquery(ultima.values("inicio")[:1]),
            ultima_clave=Subquery(ultima.values("clave")[:1]),
        )
        .order_by("name")
    )


@requiere("cobranza.ver_reportes")
def tareas(request):
    programadas = list(_programadas())
    for tarea in programadas:
        tarea.horario_texto = horario_en_palabras(tarea)
        tarea.ultima_estado_texto = ESTADOS.get(tarea.ultima_estado, "")
        tarea.ultima_con_falla = tarea.ultima_estado in CON_FALLA
    nombres = {t.task: t.name for t in programadas}
    ejecuciones = list(EjecucionTarea.objects.order_by("-inicio")[:ULTIMAS_EJECUCIONES])
    for ejecucion in ejecuciones:
        ejecucion.con_falla = ejecucion.estado in CON_FALLA
        ejecucion.nombre = nombre_tarea(ejecucion.tarea, nombres)
    return render(
        request,
        "cobranza/tareas/tareas.html",
        {
            "programadas": programadas,
            "ejecuciones": ejecuciones,
            "fallas": sum(e.con_falla for e in ejecuciones),
        },
    )
