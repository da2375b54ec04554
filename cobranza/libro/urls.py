"""Pages and /api/v1/ routes of the front desk, caja and the supervisor's ledger work
(/cuentas/..., /pagos/..., /cargos/..., /ajustes/), gathered by cobranza/urls.py and
cobranza/urls_api.py."""

from django.urls import path

from cobranza.libro import api
from cobranza.libro.views import ajustes, caja, cuentas, importar

urlpatterns = [
    # front desk and caja (views/cuentas.py, views/caja.py)
    path("cuentas/", cuentas.buscar, name="buscar"),
    path("cuentas/<str:numero>/", cuentas.cuenta, name="cuenta"),
    path("cuentas/<str:numero>/pagar/", caja.pagar, name="pagar"),
    path(
        "cuentas/<str:numero>/estado-de-cuenta.pdf",
        cuentas.estado_cuenta_pdf,
        name="estado_cuenta_pdf",
    ),
    path("pagos/importar/", importar.importar_pagos, name="importar_pagos"),
    path("pagos/<str:folio>/recibo.pdf", caja.recibo_pdf, name="recibo_pdf"),
    path("pagos/<str:folio>/", caja.pago, name="pago"),
    # ledger work of the supervisor (views/ajustes.py)
    path("pagos/<str:folio>/revertir/", ajustes.pago_revertir_pagina, name="pago_revertir"),
    path("cargos/<int:pk>/ajustar/", ajustes.cargo_ajustar, name="cargo_ajustar"),
    path("cuentas/<str:numero>/cargos/nuevo/", ajustes.cargo_nuevo, name="cargo_nuevo"),
    path("ajustes/", ajustes.ajustes, name="ajustes"),
]

api_urlpatterns = [
    # front desk
    path("cuentas/", api.CuentasBuscarApi.as_view(), name="cuentas"),
    path("cuentas/<str:numero>/", api.CuentaApi.as_view(), name="cuenta"),
    path(
        "cuentas/<str:numero>/estado-de-cuenta/",
        api.EstadoCuentaApi.as_view(),
        name="estado-de-cuenta",
    ),
    path("cuentas/<str:numero>/pagos/", api.PagosApi.as_view(), name="cuenta-pagos"),
    path("pagos/<str:folio>/", api.PagoApi.as_view(), name="pago"),
    # ledger work of the supervisor
    path("pagos/<str:folio>/revertir/", api.PagoRevertirApi.as_view(), name="pago-revertir"),
    path("cargos/<int:pk>/ajustes/", api.CargoAjustesApi.as_view(), name="cargo-ajustes"),
    path("cuentas/<str:numero>/cargos/", api.CuentaCargosApi.as_view(), name="cuenta-cargos"),
    path("ajustes/", api.AjustesApi.as_view(), name="ajustes"),
]
