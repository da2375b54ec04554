"""/api/v1/reportes/ and /api/v1/metas/ (api_reportes.py), included by cobranza/urls_api.py."""

from django.urls import path

from cobranza import api_reportes

urlpatterns = [
    path("reportes/", api_reportes.ReportesApi.as_view(), name="reportes"),
    path("reportes/<slug:tipo>/", api_reportes.ReporteApi.as_view(), name="reporte"),
    path("metas/", api_reportes.MetasApi.as_view(), name="metas"),
    path("metas/<int:pk>/", api_reportes.MetaApi.as_view(), name="meta"),
]
