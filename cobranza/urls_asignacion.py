"""Pages of asignacion (views/asignacion.py), included by cobranza/urls.py."""

from django.urls import path

from cobranza.views import asignacion

urlpatterns = [
    path("asignacion/", asignacion.asignacion, name="asignacion"),
    path("asignacion/cobertura/", asignacion.cobertura_pagina, name="asignacion_cobertura"),
    path("mi-cartera/", asignacion.mi_cartera, name="mi_cartera"),
    path(
        "cuentas/<str:numero>/asignacion/",
        asignacion.cuenta_asignacion,
        name="cuenta_asignacion",
    ),
]
