"""Documents: the constancia de no adeudo (issued, printed, verified in public), the convenio's
and its pagarés' PDFs through the API (gathered by convenios/urls.py and convenios/urls_api.py)."""

from django.urls import path

from convenios.documentos import api, views

urlpatterns = [
    path(
        "cuentas/<str:numero>/constancias/nueva/", views.constancia_nueva, name="constancia_nueva"
    ),
    path("constancias/<str:folio>.pdf", views.constancia_pdf_ver, name="constancia_pdf"),
    # public: no login
    path("verificar/", views.verificar_buscar, name="verificar_buscar"),
    path("verificar/<str:folio>/", views.verificar, name="verificar"),
]

api_urlpatterns = [
    path(
        "cuentas/<str:numero>/constancias/",
        api.ConstanciasApi.as_view(),
        name="cuenta-constancias",
    ),
    path("constancias/<str:folio>/", api.ConstanciaVerificarApi.as_view(), name="constancia"),
    path("convenios/<str:folio>/convenio.pdf", api.ConvenioPdfApi.as_view(), name="convenio-pdf"),
    path(
        "convenios/<str:folio>/pagares.pdf",
        api.PagaresPdfApi.as_view(),
        name="convenio-pagares-pdf",
    ),
]
