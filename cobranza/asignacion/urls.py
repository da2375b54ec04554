"""Pages and /api/v1/ routes of assigned cartera (gathered by cobranza/urls.py and
cobranza/urls_api.py)."""

from django.urls import path

from cobranza.asignacion import api, views

urlpatterns = [
    path("asignacion/", views.asignacion, name="asignacion"),
    path("asignacion/cobertura/", views.cobertura_pagina, name="asignacion_cobertura"),
    path("mi-cartera/", views.mi_cartera, name="mi_cartera"),
    path(
        "cuentas/<str:numero>/asignacion/",
        views.cuenta_asignacion,
        name="cuenta_asignacion",
    ),
]

api_urlpatterns = [
    path("asignaciones/", api.AsignacionesApi.as_view(), name="asignaciones"),
    path(
        "asignaciones/cobertura/",
        api.CoberturaApi.as_view(),
        name="asignaciones-cobertura",
    ),
    path("mi-cartera/", api.MiCarteraApi.as_view(), name="mi-cartera"),
    path(
        "cuentas/<str:numero>/asignacion/",
        api.CuentaAsignacionApi.as_view(),
        name="cuenta-asignacion",
    ),
]
