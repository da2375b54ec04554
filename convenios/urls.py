"""Pages of convenios: the convenio itself (its page, the authorisation queue, its actions and
documents) and, gathered from each part's urls.py, negotiation, documents, policies and the
discounts report. The literal convenios/pendientes/ comes before convenios/<folio>/."""

from django.urls import include, path

from convenios import views
from convenios.documentos import urls as documentos
from convenios.negociacion import urls as negociacion
from convenios.politicas import urls as politicas
from convenios.reportes import urls as reportes

app_name = "convenios"

PARTES = (negociacion, documentos, politicas, reportes)

urlpatterns = [
    path("convenios/", views.lista, name="lista"),
    path("convenios/pendientes/", views.pendientes, name="pendientes"),
    path("convenios/<str:folio>/", views.convenio, name="convenio"),
    path("convenios/<str:folio>/<slug:accion>/", views.convenio_accion, name="convenio_accion"),
    path("convenios/<str:folio>/<slug:documento>.pdf", views.documento_pdf, name="documento_pdf"),
    *[path("", include(parte.urlpatterns)) for parte in PARTES],
]
