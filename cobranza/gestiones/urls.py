"""Pages and /api/v1/ routes of gestiones, recados and promesas (gathered by
cobranza/urls.py and cobranza/urls_api.py)."""

from django.urls import path

from cobranza.gestiones import api, views

urlpatterns = [
    path(
        "cuentas/<str:numero>/gestiones/nueva/",
        views.gestion_nueva,
        name="gestion_nueva",
    ),
    path(
        "cuentas/<str:numero>/linea-de-tiempo/",
        views.linea_de_tiempo,
        name="linea_de_tiempo",
    ),
    path("recados/", views.recados, name="recados"),
    path("recados/<int:pk>/leido/", views.recado_leido, name="recado_leido"),
    path("promesas/", views.promesas, name="promesas"),
    path("gestiones/", views.gestiones, name="gestiones"),
]

api_urlpatterns = [
    path(
        "cuentas/<str:numero>/gestiones/",
        api.CuentaGestionesApi.as_view(),
        name="cuenta-gestiones",
    ),
    path(
        "cuentas/<str:numero>/linea-de-tiempo/",
        api.LineaDeTiempoApi.as_view(),
        name="cuenta-linea-de-tiempo",
    ),
    path("promesas/", api.PromesasApi.as_view(), name="promesas"),
    path("recados/", api.RecadosApi.as_view(), name="recados"),
    path("recados/<int:pk>/leido/", api.RecadoLeidoApi.as_view(), name="recado-leido"),
]
