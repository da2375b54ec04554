"""/api/v1/pec/... (api_pec.py), included by cobranza/urls_api.py."""

from django.urls import path

from cobranza import api_pec

urlpatterns = [
    path("pec/expedientes/", api_pec.ExpedientesApi.as_view(), name="pec-expedientes"),
    path("pec/expedientes/<str:folio>/", api_pec.ExpedienteApi.as_view(), name="pec-expediente"),
    path(
        "pec/expedientes/<str:folio>/<slug:accion>/",
        api_pec.ExpedienteAccionApi.as_view(),
        name="pec-expediente-accion",
    ),
    path("pec/diligencias/", api_pec.DiligenciasApi.as_view(), name="pec-diligencias"),
    path(
        "pec/diligencias/<str:folio>/notificacion/",
        api_pec.NotificacionApi.as_view(),
        name="pec-notificacion",
    ),
    path(
        "pec/diligencias/<str:folio>/<slug:documento>.pdf",
        api_pec.DocumentoDiligenciaApi.as_view(),
        name="pec-documento",
    ),
    path("pec/dias-inhabiles/", api_pec.DiasInhabilesApi.as_view(), name="pec-dias-inhabiles"),
]
