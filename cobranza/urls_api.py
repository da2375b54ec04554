"""/api/v1/...: front desk and ledger (cuentas search, estado de cuenta, pagos, cargos, ajustes)."""

from django.urls import path  # noqa: F401

urlpatterns = []
