"""The front desk's negotiation on a cuenta: pages and /api/v1/ routes (gathered by
convenios/urls.py and convenios/urls_api.py)."""

from django.urls import path

from convenios.negociacion import api, views

urlpatterns = [
    path("cuentas/<str:numero>/negociar/", views.negociar, name="negociar"),
    path("cuentas/<str:numero>/convenios/nuevo/", views.convenio_nuevo, name="convenio_nuevo"),
]

api_urlpatterns = [
    path("cuentas/<str:numero>/simulacion/", api.SimulacionApi.as_view(), name="cuenta-simulacion"),
    path(
        "cuentas/<str:numero>/negociaciones/",
        api.NegociacionesApi.as_view(),
        name="cuenta-negociaciones",
    ),
    path(
        "cuentas/<str:numero>/convenios/",
        api.ConveniosDeCuentaApi.as_view(),
        name="cuenta-convenios",
    ),
]
