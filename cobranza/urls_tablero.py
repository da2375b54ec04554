"""Pages of the stored reports and the scheduled jobs (views/tablero.py), included by
cobranza/urls.py."""

from django.urls import path

from cobranza.views import tablero

urlpatterns = [
    path("tareas/", tablero.tareas, name="tareas"),
    path(
        "reportes/guardados/<slug:tipo>/<slug:cartera>/<str:periodo>.<str:formato>",
        tablero.reporte_guardado_archivo,
        name="reporte_guardado_archivo",
    ),
]
