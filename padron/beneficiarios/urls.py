"""Pages (/padron/beneficiarios/...) and /api/v1/padron/beneficiarios/... routes of the
educational credit's beneficiarios (gathered by padron/urls.py and padron/urls_api.py)."""

from django.urls import path

from padron.beneficiarios import api, views

urlpatterns = [
    path("beneficiarios/", views.beneficiarios, name="beneficiarios"),
    path("beneficiarios/tramites/", views.tramites, name="tramites"),
    path(
        "beneficiarios/tramites/<str:folio>/<slug:accion>/",
        views.tramite_accion,
        name="tramite_accion",
    ),
    path("beneficiarios/importar/", views.importar_estatus, name="importar_estatus"),
    path("beneficiarios/evidencias/<int:pk>/", views.estatus_evidencia, name="estatus_evidencia"),
    path("beneficiarios/nuevo/<str:numero>/", views.credito_nuevo, name="credito_nuevo"),
    path("beneficiarios/<str:numero>/", views.beneficiario, name="beneficiario"),
    path("beneficiarios/<str:numero>/estatus/", views.estatus_nuevo, name="estatus_nuevo"),
    path(
        "beneficiarios/<str:numero>/ministraciones/",
        views.ministracion_nueva,
        name="ministracion_nueva",
    ),
    path(
        "beneficiarios/<str:numero>/ministraciones/<int:pk>/liberar/",
        views.ministracion_liberar_pagina,
        name="ministracion_liberar",
    ),
    path("beneficiarios/<str:numero>/egreso/", views.egreso, name="egreso"),
    path("beneficiarios/<str:numero>/tramites/", views.tramite_nuevo, name="tramite_nuevo"),
]

api_urlpatterns = [
    path("beneficiarios/", api.CreditosApi.as_view(), name="padron-beneficiarios"),
    path(
        "beneficiarios/catalogos/",
        api.CatalogosApi.as_view(),
        name="padron-beneficiarios-catalogos",
    ),
    path(
        "beneficiarios/pendientes/",
        api.PendientesApi.as_view(),
        name="padron-beneficiarios-pendientes",
    ),
    path(
        "beneficiarios/reporte/",
        api.ReporteBeneficiariosApi.as_view(),
        name="padron-beneficiarios-reporte",
    ),
    path(
        "beneficiarios/ministraciones/<int:pk>/liberar/",
        api.MinistracionLiberarApi.as_view(),
        name="padron-ministracion-liberar",
    ),
    path(
        "beneficiarios/tramites/<str:folio>/<slug:accion>/",
        api.TramiteResolverApi.as_view(),
        name="padron-tramite-resolver",
    ),
    path("beneficiarios/<str:numero>/", api.CreditoApi.as_view(), name="padron-beneficiario"),
    path(
        "beneficiarios/<str:numero>/estatus/",
        api.EstatusApi.as_view(),
        name="padron-beneficiario-estatus",
    ),
    path(
        "beneficiarios/<str:numero>/ministraciones/",
        api.MinistracionesApi.as_view(),
        name="padron-beneficiario-ministraciones",
    ),
    path(
        "beneficiarios/<str:numero>/egreso/",
        api.EgresoApi.as_view(),
        name="padron-beneficiario-egreso",
    ),
    path(
        "beneficiarios/<str:numero>/tramites/",
        api.TramitesApi.as_view(),
        name="padron-beneficiario-tramites",
    ),
]
