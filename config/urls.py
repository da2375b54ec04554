from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import IsAuthenticated

from config import views
from padron.importacion import urls as importacion

# Production closes the schema (SERVE_PERMISSIONS): a token or a session is needed, and the
# docs page sends a browser to sign in. Read here, not at drf-spectacular's import.
esquema_api = SpectacularAPIView.as_view()
documentacion_api = SpectacularSwaggerView.as_view(url_name="api-schema")
if settings.SPECTACULAR_SETTINGS.get("SERVE_PERMISSIONS"):
    esquema_api = SpectacularAPIView.as_view(permission_classes=[IsAuthenticated])
    documentacion_api = login_required(documentacion_api)

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("inicio/<slug:rol>/", views.inicio_rol, name="inicio_rol"),
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The API first: its requests are the most frequent (caja, the phones) and would
    # otherwise walk every page route before reaching it (0.1 ms per request).
    path("api/v1/", include("config.api_router")),
    path("api/schema/", esquema_api, name="api-schema"),
    path("api/docs/", documentacion_api, name="api-docs"),
    path("padron/", include("padron.urls")),
    path("importaciones/", include((importacion.trabajos_urlpatterns, "importaciones"))),
    # convenios first: its /reportes/descuentos/ must win over cobranza's reportes/<tipo>/
    path("", include("convenios.urls")),
    path("", include("cobranza.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "django.views.defaults.permission_denied"
handler400 = "config.api.peticion_invalida"
handler404 = "config.api.no_encontrado"
