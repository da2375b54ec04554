"""The discounts report: page and /api/v1/ route (gathered by convenios/urls.py and
convenios/urls_api.py). config/urls.py puts convenios first, so /reportes/descuentos/ wins
over cobranza's /reportes/<tipo>/."""

from django.urls import path

from convenios.reportes import api, views

urlpatterns = [
    path("reportes/descuentos/", views.descuentos, name="descuentos"),
]

api_urlpatterns = [
    path("descuentos/", api.DescuentosApi.as_view(), name="descuentos"),
]
