"""Supervisor's view of the scheduled jobs (/tareas/) and the stored reports' files."""

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django_celery_beat.models import PeriodicTask

from cobranza.horarios import horario_en_palabras
from cobranza.models import EjecucionTarea, ReporteGuardado
from cobranza.reportes.comun import periodo_leer
from cobranza.reportes.guardados import contenido_de, reporte_archivos_completar
from padron.models import Cartera
from padron.permisos import requiere

ULTIMAS_EJECUCIONES = 50
CON_FALLA = {EjecucionTarea.Estado.FALLIDA, EjecucionTarea.Estado.REINTENTANDO}
ESTADOS = dict(EjecucionTarea.Estado.choices)
TIPOS_DE_ARCHIVO = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


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
    ejecuciones = list(EjecucionTarea.objects.order_by("-inicio")[:ULTIMAS_EJECUCIONES])
    for ejecucion in ejecuciones:
        ejecucion.con_falla = ejecucion.estado in CON_FALLA
    return render(
        request,
        "cobranza/tareas.html",
        {
            "programadas": programadas,
            "ejecuciones": ejecuciones,
            "fallas": sum(e.con_falla for e in ejecuciones),
        },
    )


@requiere("cobranza.ver_reportes")
def reporte_guardado_archivo(request, tipo, cartera, periodo, formato):
    """The stored PDF or XLSX of a report, as generated at its cut-off."""
    if formato not in TIPOS_DE_ARCHIVO:
        raise Http404("Formato no disponible: use pdf o xlsx.")
    try:
        mes = periodo_leer(periodo)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc
    reporte = (
        ReporteGuardado.objects.select_related("cartera")
        .filter(tipo=tipo, cartera__in=Cartera.objects.filter(clave=cartera), periodo=mes)
        .first()
    )
    if reporte is None:
        raise Http404("Ese reporte aún no se ha generado.")
    archivo = getattr(reporte, formato)
    if not archivo:
        reporte = reporte_archivos_completar(reporte)
        archivo = getattr(reporte, formato)
    respuesta = HttpResponse(contenido_de(archivo), content_type=TIPOS_DE_ARCHIVO[formato])
    nombre = f"{reporte.tipo}-{reporte.cartera.clave}-{reporte.periodo:%Y-%m}.{formato}"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta
