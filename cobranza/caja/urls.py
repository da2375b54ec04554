"""Pages and /api/v1/ routes of the caja (gathered by cobranza/urls.py and urls_api.py)."""

from django.urls import path

from cobranza.caja import api, views

urlpatterns = [
    path("caja/corte/", views.corte, name="caja_corte"),
    path("caja/cortes/", views.cortes, name="caja_cortes"),
    path("caja/cortes/<int:pk>/", views.corte_detalle, name="caja_corte_detalle"),
    path("caja/cortes/<int:pk>/corte.pdf", views.corte_pdf_vista, name="caja_corte_pdf"),
]

api_urlpatterns = [
    path("caja/cortes/", api.CortesApi.as_view(), name="caja-cortes"),
    path("caja/cortes/<int:pk>/", api.CorteApi.as_view(), name="caja-corte"),
    path("caja/cortes/<int:pk>/cerrar/", api.CorteCerrarApi.as_view(), name="caja-corte-cerrar"),
]
