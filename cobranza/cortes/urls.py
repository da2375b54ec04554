"""Pages and /api/v1/ routes of cortes: the supervisor's lists and rules, the cortador's phone
page and its service worker (served here so its scope covers /cortador/) (gathered by
cobranza/urls.py and cobranza/urls_api.py).

A list's folio is matched by its shape (LC26-000001), so other /cortes/... addresses never
read as one.
"""

from django.urls import path, re_path

from cobranza.cortes import api, views

FOLIO = r"(?P<folio>LC\d{2}-\d+)"

urlpatterns = [
    path("cortes/", views.cortes, name="cortes"),
    path("cortes/nueva/", views.corte_nueva, name="corte_nueva"),
    path("cortes/reglas/", views.reglas, name="reglas_proteccion"),
    path("cortes/reglas/nueva/", views.regla_nueva, name="regla_proteccion_nueva"),
    path("cortes/reglas/<int:pk>/", views.regla_editar, name="regla_proteccion_editar"),
    re_path(rf"^cortes/{FOLIO}/$", views.corte_lista, name="corte_lista"),
    re_path(
        rf"^cortes/{FOLIO}/cortadores/(?P<cortador>\d+)\.pdf$",
        views.corte_pdf_cortador,
        name="corte_pdf_cortador",
    ),
    path("cortador/", views.ruta, name="cortador_ruta"),
    path("cortador/sw.js", views.service_worker, name="cortador_sw"),
]

api_urlpatterns = [
    path("cortes/", api.CortesApi.as_view(), name="cortes"),
    path(
        "cortes/vista-previa/",
        api.CortesVistaPreviaApi.as_view(),
        name="cortes-vista-previa",
    ),
    path(
        "cortes/reglas-proteccion/",
        api.ReglasProteccionApi.as_view(),
        name="cortes-reglas-proteccion",
    ),
    path(
        "cortes/reglas-proteccion/<int:pk>/",
        api.ReglaProteccionApi.as_view(),
        name="cortes-regla-proteccion",
    ),
    re_path(rf"^cortes/{FOLIO}/$", api.CorteApi.as_view(), name="corte"),
    re_path(
        rf"^cortes/{FOLIO}/asignaciones/$",
        api.AsignacionesApi.as_view(),
        name="corte-asignaciones",
    ),
    path(
        "cortador/ordenes/",
        api.OrdenesCortadorApi.as_view(),
        name="cortador-ordenes",
    ),
    path(
        "cortador/ordenes/<str:folio>/resultado/",
        api.ResultadoOrdenApi.as_view(),
        name="cortador-resultado",
    ),
]
