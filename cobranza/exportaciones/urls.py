"""Pages and /api/v1/ routes of the background exports (gathered by cobranza/urls.py and
cobranza/urls_api.py)."""

from django.urls import path

from cobranza.exportaciones import api, views

urlpatterns = [
    path("exportaciones/", views.exportacion_nueva, name="exportacion_nueva"),
    path("exportaciones/<int:pk>/", views.exportacion, name="exportacion"),
    path(
        "exportaciones/<int:pk>/estado/",
        views.exportacion_estado_json,
        name="exportacion_estado",
    ),
    path(
        "exportaciones/<int:pk>/descargar/",
        views.exportacion_descargar,
        name="exportacion_descargar",
    ),
]

api_urlpatterns = [
    path("exportaciones/", api.ExportacionesApi.as_view(), name="exportaciones"),
    path("exportaciones/<int:pk>/", api.ExportacionApi.as_view(), name="exportacion"),
    path(
        "exportaciones/<int:pk>/archivo/",
        api.ExportacionArchivoApi.as_view(),
        name="exportacion-archivo",
    ),
]
