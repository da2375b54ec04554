"""Pages of the padrón (/padron/...)."""

from django.urls import path  # noqa: F401

app_name = "padron"

urlpatterns = []
