"""/api/v1/morosos/... (api_morosos.py), included by cobranza/urls_api.py.

A list's folio is matched by its shape (LM26-000001), so vista-previa never reads as one.
"""

from django.urls import path, re_path

from cobranza import api_morosos

FOLIO = r"(?P<folio>LM\d{2}-\d+)"

urlpatterns = [
    path("morosos/", api_morosos.MorososApi.as_view(), name="morosos"),
    path(
        "morosos/vista-previa/",
        api_morosos.MorososVistaPreviaApi.as_view(),
        name="morosos-vista-previa",
    ),
    re_path(rf"^morosos/{FOLIO}/$", api_morosos.MorososListaApi.as_view(), name="morosos-lista"),
    re_path(
        rf"^morosos/{FOLIO}/exportar\.(?P<formato>[a-z]+)$",
        api_morosos.MorososExportarApi.as_view(),
        name="morosos-exportar",
    ),
]
