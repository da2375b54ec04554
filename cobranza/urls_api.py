"""/api/v1/...: front desk and ledger (cuentas search, estado de cuenta, pagos, cargos, ajustes)."""

from django.urls import path  # noqa: F401

from . import api_libro

urlpatterns = [
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
]
