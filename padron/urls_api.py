"""/api/v1/padron/...: registry maintenance (carteras, titulares, cuentas, import, depuración)."""

from django.urls import include, path

from padron import api
from padron.beneficiarios import urls as beneficiarios
from padron.importacion import urls as importacion

urlpatterns = [
    path("carteras/", api.CarterasApi.as_view(), name="padron-carteras"),
    path("carteras/<slug:clave>/", api.CarteraApi.as_view(), name="padron-cartera"),
    path("titulares/", api.TitularesApi.as_view(), name="padron-titulares"),
    path("titulares/<int:pk>/", api.TitularApi.as_view(), name="padron-titular"),
    path(
        "titulares/<int:pk>/condiciones/",
        api.CondicionesApi.as_view(),
        name="padron-condiciones",
    ),
    path("cuentas/", api.CuentasApi.as_view(), name="padron-cuentas"),
    path("cuentas/<str:numero>/", api.CuentaApi.as_view(), name="padron-cuenta"),
    path(
        "depuracion/duplicados/", api.DuplicadosApi.as_view(), name="padron-depuracion-duplicados"
    ),
    path(
        "depuracion/sin-movimiento/",
        api.SinMovimientoApi.as_view(),
        name="padron-depuracion-sin-movimiento",
    ),
    path("", include(importacion.api_urlpatterns)),
    path("", include(beneficiarios.api_urlpatterns)),
]
