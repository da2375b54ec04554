"""/api/v1/...: policies, simulation, negotiations, convenios and constancias."""

from django.urls import path

from convenios.api import convenio, documentos, mostrador, politicas

urlpatterns = [
    # policies and tiers (politicas.py)
    path(
        "politicas/alternativas/",
        politicas.AlternativasApi.as_view(),
        name="politicas-alternativas",
    ),
    path(
        "politicas/alternativas/<int:pk>/",
        politicas.AlternativaApi.as_view(),
        name="politicas-alternativa",
    ),
    path("politicas/campanas/", politicas.CampanasApi.as_view(), name="politicas-campanas"),
    path(
        "politicas/campanas/<int:pk>/",
        politicas.CampanaApi.as_view(),
        name="politicas-campana",
    ),
    path("politicas/niveles/", politicas.NivelesApi.as_view(), name="politicas-niveles"),
    path("descuentos/", politicas.DescuentosApi.as_view(), name="descuentos"),
    # the front desk on a cuenta (api/mostrador.py, api/convenio.py)
    path(
        "cuentas/<str:numero>/simulacion/",
        mostrador.SimulacionApi.as_view(),
        name="cuenta-simulacion",
    ),
    path(
        "cuentas/<str:numero>/negociaciones/",
        mostrador.NegociacionesApi.as_view(),
        name="cuenta-negociaciones",
    ),
    path(
        "cuentas/<str:numero>/convenios/",
        mostrador.ConveniosDeCuentaApi.as_view(),
        name="cuenta-convenios",
    ),
    path(
        "cuentas/<str:numero>/constancias/",
        mostrador.ConstanciasApi.as_view(),
        name="cuenta-constancias",
    ),
    path(
        "constancias/<str:folio>/",
        politicas.ConstanciaVerificarApi.as_view(),
        name="constancia",
    ),
    # the convenio; the literal "pendientes/" before "<folio>/"
    path("convenios/pendientes/", convenio.PendientesApi.as_view(), name="convenios-pendientes"),
    path("convenios/<str:folio>/", convenio.ConvenioApi.as_view(), name="convenio"),
    path(
        "convenios/<str:folio>/calendario/",
        convenio.CalendarioApi.as_view(),
        name="convenio-calendario",
    ),
    path("convenios/<str:folio>/enviar/", convenio.EnviarApi.as_view(), name="convenio-enviar"),
    path(
        "convenios/<str:folio>/autorizar/",
        convenio.AutorizarApi.as_view(),
        name="convenio-autorizar",
    ),
    path(
        "convenios/<str:folio>/rechazar/",
        convenio.RechazarApi.as_view(),
        name="convenio-rechazar",
    ),
    path("convenios/<str:folio>/firmar/", convenio.FirmarApi.as_view(), name="convenio-firmar"),
    path(
        "convenios/<str:folio>/cancelar/",
        convenio.CancelarApi.as_view(),
        name="convenio-cancelar",
    ),
    path(
        "convenios/<str:folio>/convenio.pdf",
        documentos.ConvenioPdfApi.as_view(),
        name="convenio-pdf",
    ),
    path(
        "convenios/<str:folio>/pagares.pdf",
        documentos.PagaresPdfApi.as_view(),
        name="convenio-pagares-pdf",
    ),
]
