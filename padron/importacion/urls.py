"""The imports' addresses: the padrón's upload page and its synchronous API (gathered by
padron/urls.py and padron/urls_api.py), and every background job's page and API
(`trabajos_*`, at the top of the site: config/urls.py and config/api_router.py)."""

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

trabajos_urlpatterns = [
    path("<int:pk>/", views.importacion, name="importacion"),
    path("<int:pk>/estado.json", views.importacion_estado, name="importacion_estado"),
    path("<int:pk>/rechazados.csv", views.importacion_rechazados, name="importacion_rechazados"),
]

trabajos_api_urlpatterns = [
    path("importaciones/", api.TrabajosApi.as_view(), name="importaciones"),
    path("importaciones/<int:pk>/", api.TrabajoApi.as_view(), name="importacion"),
    path(
        "importaciones/<int:pk>/rechazados.csv",
        api.TrabajoRechazadosApi.as_view(),
        name="importacion-rechazados",
    ),
]
