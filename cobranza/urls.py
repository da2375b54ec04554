"""Pages of the front desk, caja and ledger work (/cuentas/..., /pagos/..., /cargos/...)."""

from django.urls import include, path

from cobranza.views import ajustes as vistas_ajustes
from cobranza.views import caja, cuentas

app_name = "cobranza"

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
    path("pagos/<str:folio>/recibo.pdf", caja.recibo_pdf, name="recibo_pdf"),
    path("pagos/<str:folio>/", caja.pago, name="pago"),
    # ledger work of the supervisor (views/ajustes.py)
    path(
        "pagos/<str:folio>/revertir/",
        vistas_ajustes.pago_revertir_pagina,
        name="pago_revertir",
    ),
    path("cargos/<int:pk>/ajustar/", vistas_ajustes.cargo_ajustar, name="cargo_ajustar"),
    path("cuentas/<str:numero>/cargos/nuevo/", vistas_ajustes.cargo_nuevo, name="cargo_nuevo"),
    path("ajustes/", vistas_ajustes.ajustes, name="ajustes"),
    # collection work (each part owns its url module)
    path("", include("cobranza.urls_gestiones")),
    path("", include("cobranza.urls_asignacion")),
    path("", include("cobranza.urls_morosos")),
    path("", include("cobranza.urls_pec")),
    path("", include("cobranza.urls_cortes")),
    path("", include("cobranza.urls_cortador")),
    path("", include("cobranza.urls_reportes")),
    path("", include("cobranza.urls_tablero")),
]
