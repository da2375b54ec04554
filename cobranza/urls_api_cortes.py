"""/api/v1/cortes/... (api_cortes.py), included by cobranza/urls_api.py.

A list's folio is matched by its shape (LC26-000001), so other /cortes/... endpoints
(the cortador's) can live beside these.
"""

from django.urls import path, re_path

from cobranza import api_cortes

FOLIO = r"(?P<folio>LC\d{2}-\d+)"

urlpatterns = [
    path("cortes/", api_cortes.CortesApi.as_view(), name="cortes"),
    path(
        "cortes/vista-previa/",
        api_cortes.CortesVistaPreviaApi.as_view(),
        name="cortes-vista-previa",
    ),
    path(
        "cortes/reglas-proteccion/",
        api_cortes.ReglasProteccionApi.as_view(),
        name="cortes-reglas-proteccion",
    ),
    path(
        "cortes/reglas-proteccion/<int:pk>/",
        api_cortes.ReglaProteccionApi.as_view(),
        name="cortes-regla-proteccion",
    ),
    re_path(rf"^cortes/{FOLIO}/$", api_cortes.CorteApi.as_view(), name="corte"),
    re_path(
        rf"^cortes/{FOLIO}/asignaciones/$",
        api_cortes.AsignacionesApi.as_view(),
        name="corte-asignaciones",
    ),
]
