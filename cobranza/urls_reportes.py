"""Pages of reportes (views/reportes.py), included by cobranza/urls.py."""

from django.urls import path

from cobranza.views import reportes

urlpatterns = [
    path("reportes/", reportes.reportes, name="reportes"),
    # The goals first: "metas" is not a report type.
    path("reportes/metas/", reportes.metas, name="metas"),
    path("reportes/metas/nueva/", reportes.meta_nueva, name="meta_nueva"),
    path("reportes/metas/<int:pk>/", reportes.meta_editar, name="meta_editar"),
    path("reportes/<slug:tipo>/", reportes.reporte, name="reporte"),
]
