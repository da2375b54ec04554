"""Everything under /api/v1/: each app contributes its own urls."""

from django.urls import path
from rest_framework.authtoken.views import obtain_auth_token

from padron import api as padron_api

app_name = "api"

urlpatterns = [
    path("token/", obtain_auth_token, name="token"),
    path("yo/", padron_api.UsuarioActualApi.as_view(), name="yo"),
]
