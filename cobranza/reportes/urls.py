"""Pages and /api/v1/ routes of the management reports and goals (gathered by
cobranza/urls.py and cobranza/urls_api.py)."""

from django.urls import path

from cobranza.reportes import api, views

urlpatterns = [
    path("reportes/", views.reportes, name="reportes"),
    # The goals first: "metas" is not a report type.
    path("reportes/metas/", views.metas, name="metas"),
    path("reportes/metas/nueva/", views.meta_nueva, name="meta_nueva"),
    path("reportes/metas/<int:pk>/", views.meta_editar, name="meta_editar"),
    path("reportes/<slug:tipo>/", views.reporte, name="reporte"),
    path(
        "reportes/guardados/<slug:tipo>/<slug:cartera>/<str:periodo>.<str:formato>",
        views.reporte_guardado_archivo,
        name="reporte_guardado_archivo",
    ),
]

api_urlpatterns = [
    path("reportes/", api.ReportesApi.as_view(), name="reportes"),
    path("reportes/<slug:tipo>/", api.ReporteApi.as_view(), name="reporte"),
    path("metas/", api.MetasApi.as_view(), name="metas"),
    path("metas/<int:pk>/", api.MetaApi.as_view(), name="meta"),
]
