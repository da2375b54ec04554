"""Pages of cortador (included by cobranza/urls.py): the phone's route, and the service
worker that keeps it usable without signal (served here so its scope covers /cortador/)."""

from django.urls import path

from cobranza.views import cortador

urlpatterns = [
    path("cortador/", cortador.ruta, name="cortador_ruta"),
    path("cortador/sw.js", cortador.service_worker, name="cortador_sw"),
]
