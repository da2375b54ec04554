"""/api/v1/ of convenios: the convenio and its authorisation here, and each part's
`api_urlpatterns` (negotiation, documents, policies, discounts). The literal
convenios/pendientes/ comes before convenios/<folio>/."""

from django.urls import include, path

from convenios import api
from convenios.urls import PARTES

urlpatterns = [
    path("convenios/pendientes/", api.PendientesApi.as_view(), name="convenios-pendientes"),
    path("convenios/<str:folio>/", api.ConvenioApi.as_view(), name="convenio"),
    path(
        "convenios/<str:folio>/calendario/", api.CalendarioApi.as_view(), name="convenio-calendario"
    ),
    path("convenios/<str:folio>/enviar/", api.EnviarApi.as_view(), name="convenio-enviar"),
    path("convenios/<str:folio>/autorizar/", api.AutorizarApi.as_view(), name="convenio-autorizar"),
    path("convenios/<str:folio>/rechazar/", api.RechazarApi.as_view(), name="convenio-rechazar"),
    path("convenios/<str:folio>/firmar/", api.FirmarApi.as_view(), name="convenio-firmar"),
    path("convenios/<str:folio>/cancelar/", api.CancelarApi.as_view(), name="convenio-cancelar"),
    *[path("", include(parte.api_urlpatterns)) for parte in PARTES],
]
