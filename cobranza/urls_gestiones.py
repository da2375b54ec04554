"""Pages of gestiones (views/gestiones.py), included by cobranza/urls.py."""

from django.urls import path

from cobranza.views import gestiones

urlpatterns = [
    path(
        "cuentas/<str:numero>/gestiones/nueva/",
        gestiones.gestion_nueva,
        name="gestion_nueva",
    ),
    path(
        "cuentas/<str:numero>/linea-de-tiempo/",
        gestiones.linea_de_tiempo,
        name="linea_de_tiempo",
    ),
    path("recados/", gestiones.recados, name="recados"),
    path("recados/<int:pk>/leido/", gestiones.recado_leido, name="recado_leido"),
    path("promesas/", gestiones.promesas, name="promesas"),
]
