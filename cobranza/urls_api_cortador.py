"""/api/v1/cortador/... (api_cortador.py), included by cobranza/urls_api.py."""

from django.urls import path

from cobranza import api_cortador

urlpatterns = [
    path(
        "cortador/ordenes/",
        api_cortador.OrdenesCortadorApi.as_view(),
        name="cortador-ordenes",
    ),
    path(
        "cortador/ordenes/<str:folio>/resultado/",
        api_cortador.ResultadoOrdenApi.as_view(),
        name="cortador-resultado",
    ),
]
