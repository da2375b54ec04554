"""Everything under /api/v1/: each app contributes its own urls."""

from django.urls import include, path
from rest_framework.authtoken.views import obtain_auth_token

from padron import api as padron_api
from padron.importacion import urls as importacion

app_name = "api"

urlpatterns = [
    path("token/", obtain_auth_token, name="token"),
    path("yo/", padron_api.UsuarioActualApi.as_view(), name="yo"),
    path("padron/", include("padron.urls_api")),
    path("", include(importacion.trabajos_api_urlpatterns)),
    path("", include("cobranza.urls_api")),
    path("", include("convenios.urls_api")),
]
