"""The padrón import: its page and its /api/v1/ route (gathered by padron/urls.py and
padron/urls_api.py)."""

from django.urls import path

from padron.importacion import api, views

urlpatterns = [
    path("importar/", views.importar, name="importar"),
    path(
        "importar/rechazados/<uuid:token>/", views.importar_rechazados, name="importar_rechazados"
    ),
]

api_urlpatterns = [
    path("importaciones/", api.ImportacionesApi.as_view(), name="padron-importaciones"),
]
