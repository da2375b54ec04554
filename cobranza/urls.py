"""Pages of the front desk, caja and ledger work (/cuentas/..., /pagos/..., /cargos/...)."""

from django.urls import path  # noqa: F401

app_name = "cobranza"

urlpatterns = []
