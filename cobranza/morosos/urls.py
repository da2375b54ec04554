"""Pages and /api/v1/ routes of the listas de morosos (gathered by cobranza/urls.py and
cobranza/urls_api.py).

A list's folio is matched by its shape (LM26-000001), so /morosos/nueva/ and
/api/v1/morosos/vista-previa/ never read as one.
"""

from django.urls import path, re_path

from cobranza.morosos import api, views

FOLIO = r"(?P<folio>LM\d{2}-\d+)"

urlpatterns = [
    path("morosos/", views.morosos, name="morosos"),
    path("morosos/nueva/", views.morosos_nueva, name="morosos_nueva"),
    re_path(rf"^morosos/{FOLIO}/$", views.morosos_lista, name="morosos_lista"),
    re_path(
        rf"^morosos/{FOLIO}/exportar\.(?P<formato>[a-z]+)$",
        views.morosos_exportar,
        name="morosos_exportar",
    ),
]

api_urlpatterns = [
    path("morosos/", api.MorososApi.as_view(), name="morosos"),
    path(
        "morosos/vista-previa/",
        api.MorososVistaPreviaApi.as_view(),
        name="morosos-vista-previa",
    ),
    re_path(rf"^morosos/{FOLIO}/$", api.MorososListaApi.as_view(), name="morosos-lista"),
    re_path(
        rf"^morosos/{FOLIO}/exportar\.(?P<formato>[a-z]+)$",
        api.MorososExportarApi.as_view(),
        name="morosos-exportar",
    ),
]
