"""Scheduled jobs that failed lately: the supervisor's home says so before anyone asks."""

from datetime import timedelta

from cobranza.tareas.models import EjecucionTarea
from padron.fechas import ahora

DIAS_TAREAS_FALLIDAS = 7


def tareas_fallidas():
    desde = ahora() - timedelta(days=DIAS_TAREAS_FALLIDAS)
    return EjecucionTarea.objects.filter(
        estado__in=[EjecucionTarea.Estado.FALLIDA, EjecucionTarea.Estado.REINTENTANDO],
        inicio__gte=desde,
    ).order_by("-inicio", "-pk")
