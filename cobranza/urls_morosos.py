"""Pages of morosos (views/morosos.py), included by cobranza/urls.py.

A list's folio is matched by its shape (LM26-000001), so /morosos/nueva/ never reads as one.
"""

from django.urls import path, re_path

from cobranza.views import morosos

FOLIO = r"(?P<folio>LM\d{2}-\d+)"

urlpatterns = [
    path("morosos/", morosos.morosos, name="morosos"),
    path("morosos/nueva/", morosos.morosos_nueva, name="morosos_nueva"),
    re_path(rf"^morosos/{FOLIO}/$", morosos.morosos_lista, name="morosos_lista"),
    re_path(
        rf"^morosos/{FOLIO}/exportar\.(?P<formato>[a-z]+)$",
        morosos.morosos_exportar,
        name="morosos_exportar",
    ),
]
