"""/api/v1/padron/...: registry maintenance (carteras, titulares, cuentas, import, depuración)."""

from django.urls import path  # noqa: F401

urlpatterns = []
