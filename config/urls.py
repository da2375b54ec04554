from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from config import views
from padron.importacion import urls as importacion

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("inicio/<slug:rol>/", views.inicio_rol, name="inicio_rol"),
    path("entrar/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("salir/", auth_views.LogoutView.as_view(), name="logout"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("padron/", include("padron.urls")),
    path("importaciones/", include((importacion.trabajos_urlpatterns, "importaciones"))),
    # convenios first: its /reportes/descuentos/ must win over cobranza's reportes/<tipo>/
    path("", include("convenios.urls")),
    path("", include("cobranza.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_router")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]

handler403 = "django.views.defaults.permission_denied"
