"""Pages of negotiation and convenios (front desk, authorisation) and, through
urls_politicas, the supervisor's policy pages, the discounts report and the
public verification of constancias."""

from django.urls import include, path

from convenios.views import constancias, convenio, negociar

app_name = "convenios"

urlpatterns = [
    # front desk (views/negociar.py, views/constancias.py)
    path("cuentas/<str:numero>/negociar/", negociar.negociar, name="negociar"),
    path("cuentas/<str:numero>/convenios/nuevo/", negociar.convenio_nuevo, name="convenio_nuevo"),
    path(
        "cuentas/<str:numero>/constancias/nueva/",
        constancias.constancia_nueva,
        name="constancia_nueva",
    ),
    path("constancias/<str:folio>.pdf", constancias.constancia_pdf_ver, name="constancia_pdf"),
    # the convenio and its authorisation (views/convenio.py)
    path("convenios/pendientes/", convenio.pendientes, name="pendientes"),
    path("convenios/<str:folio>/", convenio.convenio, name="convenio"),
    path(
        "convenios/<str:folio>/<slug:accion>/",
        convenio.convenio_accion,
        name="convenio_accion",
    ),
    path(
        "convenios/<str:folio>/<slug:documento>.pdf",
        convenio.documento_pdf,
        name="documento_pdf",
    ),
    path("", include("convenios.urls_politicas")),
]
