"""/api/v1/...: front desk and ledger (cuentas search, estado de cuenta, pagos, cargos, ajustes)."""

from django.urls import include, path

from cobranza import api, api_libro

urlpatterns = [
    # front desk (api.py)
    path("cuentas/", api.CuentasBuscarApi.as_view(), name="cuentas"),
    path("cuentas/<str:numero>/", api.CuentaApi.as_view(), name="cuenta"),
    path(
        "cuentas/<str:numero>/estado-de-cuenta/",
        api.EstadoCuentaApi.as_view(),
        name="estado-de-cuenta",
    ),
    path("cuentas/<str:numero>/pagos/", api.PagosApi.as_view(), name="cuenta-pagos"),
    path("pagos/<str:folio>/", api.PagoApi.as_view(), name="pago"),
    # ledger work of the supervisor (api_libro.py)
    path(
        "pagos/<str:folio>/revertir/",
        api_libro.PagoRevertirApi.as_view(),
        name="pago-revertir",
    ),
    path("cargos/<int:pk>/ajustes/", api_libro.CargoAjustesApi.as_view(), name="cargo-ajustes"),
    path(
        "cuentas/<str:numero>/cargos/",
        api_libro.CuentaCargosApi.as_view(),
        name="cuenta-cargos",
    ),
    path("ajustes/", api_libro.AjustesApi.as_view(), name="ajustes"),
    # collection work (each part owns its url module)
    path("", include("cobranza.urls_api_gestiones")),
    path("", include("cobranza.urls_api_asignacion")),
    path("", include("cobranza.urls_api_morosos")),
    path("", include("cobranza.urls_api_pec")),
    path("", include("cobranza.urls_api_cortes")),
    path("", include("cobranza.urls_api_cortador")),
    path("", include("cobranza.urls_api_reportes")),
]
