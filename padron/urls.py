"""Pages of the padrón (/padron/...)."""

from django.urls import include, path

from padron import views
from padron.beneficiarios import urls as beneficiarios
from padron.importacion import urls as importacion

app_name = "padron"

urlpatterns = [
    path("", views.inicio, name="inicio"),
    path("carteras/", views.carteras, name="carteras"),
    path("carteras/nueva/", views.cartera_nueva, name="cartera_nueva"),
    path("carteras/<slug:clave>/", views.cartera_editar, name="cartera_editar"),
    path("titulares/<int:pk>/", views.titular, name="titular"),
    path("titulares/<int:pk>/editar/", views.titular_editar, name="titular_editar"),
    path("titulares/<int:pk>/historial/", views.titular_historial, name="titular_historial"),
    path(
        "titulares/<int:pk>/condiciones/nueva/",
        views.condicion_registrar,
        name="condicion_registrar",
    ),
    path(
        "condiciones/<int:pk>/evidencia/",
        views.condicion_evidencia,
        name="condicion_evidencia",
    ),
    path("cuentas/nueva/", views.cuenta_nueva, name="cuenta_nueva"),
    path("cuentas/<str:numero>/editar/", views.cuenta_editar, name="cuenta_editar"),
    path("cuentas/<str:numero>/historial/", views.cuenta_historial, name="cuenta_historial"),
    path("", include(importacion.urlpatterns)),
    path("", include(beneficiarios.urlpatterns)),
    path("depuracion/", views.depuracion, name="depuracion"),
]
