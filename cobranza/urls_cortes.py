"""Pages of cortes (views/cortes.py), included by cobranza/urls.py.

A list's folio is matched by its shape (LC26-000001), so other /cortes/... pages
(the cortador's) can live beside these.
"""

from django.urls import path, re_path

from cobranza.views import cortes

FOLIO = r"(?P<folio>LC\d{2}-\d+)"

urlpatterns = [
    path("cortes/", cortes.cortes, name="cortes"),
    path("cortes/nueva/", cortes.corte_nueva, name="corte_nueva"),
    path("cortes/reglas/", cortes.reglas, name="reglas_proteccion"),
    path("cortes/reglas/nueva/", cortes.regla_nueva, name="regla_proteccion_nueva"),
    path("cortes/reglas/<int:pk>/", cortes.regla_editar, name="regla_proteccion_editar"),
    re_path(rf"^cortes/{FOLIO}/$", cortes.corte_lista, name="corte_lista"),
    re_path(
        rf"^cortes/{FOLIO}/cortadores/(?P<cortador>\d+)\.pdf$",
        cortes.corte_pdf_cortador,
        name="corte_pdf_cortador",
    ),
]
