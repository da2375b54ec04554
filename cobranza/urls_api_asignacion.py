"""/api/v1/ endpoints of asignacion (api_asignacion.py), included by cobranza/urls_api.py."""

from django.urls import path

from cobranza import api_asignacion

urlpatterns = [
    path("asignaciones/", api_asignacion.AsignacionesApi.as_view(), name="asignaciones"),
    path(
        "asignaciones/cobertura/",
        api_asignacion.CoberturaApi.as_view(),
        name="asignaciones-cobertura",
    ),
    path("mi-cartera/", api_asignacion.MiCarteraApi.as_view(), name="mi-cartera"),
    path(
        "cuentas/<str:numero>/asignacion/",
        api_asignacion.CuentaAsignacionApi.as_view(),
        name="cuenta-asignacion",
    ),
]
