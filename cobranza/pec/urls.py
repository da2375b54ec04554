"""Pages and /api/v1/ routes of the PEC (gathered by cobranza/urls.py and cobranza/urls_api.py)."""

from django.urls import path

from cobranza.pec import api, views

urlpatterns = [
    path("pec/", views.expedientes, name="pec"),
    path("pec/abrir/", views.abrir, name="pec_abrir"),
    path("pec/calendario/", views.calendario, name="pec_calendario"),
    path(
        "pec/diligencias/<str:folio>/<slug:documento>.pdf",
        views.documento,
        name="pec_documento",
    ),
    path("pec/<str:folio>/", views.expediente, name="pec_expediente"),
    path("pec/<str:folio>/<slug:accion>/", views.expediente_accion, name="pec_accion"),
    path("notificador/", views.notificador, name="notificador"),
    path("notificador/<str:folio>/", views.notificar, name="notificar"),
]

api_urlpatterns = [
    path("pec/expedientes/", api.ExpedientesApi.as_view(), name="pec-expedientes"),
    path("pec/expedientes/<str:folio>/", api.ExpedienteApi.as_view(), name="pec-expediente"),
    path(
        "pec/expedientes/<str:folio>/<slug:accion>/",
        api.ExpedienteAccionApi.as_view(),
        name="pec-expediente-accion",
    ),
    path("pec/diligencias/", api.DiligenciasApi.as_view(), name="pec-diligencias"),
    path(
        "pec/diligencias/<str:folio>/notificacion/",
        api.NotificacionApi.as_view(),
        name="pec-notificacion",
    ),
    path(
        "pec/diligencias/<str:folio>/<slug:documento>.pdf",
        api.DocumentoDiligenciaApi.as_view(),
        name="pec-documento",
    ),
    path("pec/dias-inhabiles/", api.DiasInhabilesApi.as_view(), name="pec-dias-inhabiles"),
]
