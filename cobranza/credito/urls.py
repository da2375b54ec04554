"""Pages (/credito/...) and /api/v1/credito/... routes of the educational credit's ledger
(gathered by cobranza/urls.py and cobranza/urls_api.py)."""

from django.urls import path

from cobranza.credito import api, views

urlpatterns = [
    path("credito/reportes/", views.reportes, name="credito_reportes"),
    path("credito/<str:numero>/carta/", views.carta_inicio, name="credito_carta"),
]

api_urlpatterns = [
    path("credito/reporte/", api.ReporteCreditoApi.as_view(), name="credito-reporte"),
    path("credito/<str:numero>/tabla/", api.TablaApi.as_view(), name="credito-tabla"),
]
