"""/api/v1/ endpoints of gestiones (api_gestiones.py), included by cobranza/urls_api.py."""

from django.urls import path

from cobranza import api_gestiones

urlpatterns = [
    path(
        "cuentas/<str:numero>/gestiones/",
        api_gestiones.CuentaGestionesApi.as_view(),
        name="cuenta-gestiones",
    ),
    path(
        "cuentas/<str:numero>/linea-de-tiempo/",
        api_gestiones.LineaDeTiempoApi.as_view(),
        name="cuenta-linea-de-tiempo",
    ),
    path("promesas/", api_gestiones.PromesasApi.as_view(), name="promesas"),
    path("recados/", api_gestiones.RecadosApi.as_view(), name="recados"),
    path("recados/<int:pk>/leido/", api_gestiones.RecadoLeidoApi.as_view(), name="recado-leido"),
]
