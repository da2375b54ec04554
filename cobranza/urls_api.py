"""cobranza's /api/v1/ routes: each subdomain's `api_urlpatterns`, gathered (config/api_router.py
includes this module)."""

from django.urls import include, path

from cobranza.urls import SUBDOMINIOS

urlpatterns = [
    path("", include(subdominio.api_urlpatterns))
    for subdominio in SUBDOMINIOS
    if hasattr(subdominio, "api_urlpatterns")
]
