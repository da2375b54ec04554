"""Pages and /api/v1/ routes of the custody of documents (gathered by cobranza/urls.py and
cobranza/urls_api.py)."""

from django.urls import path  # noqa: F401

from cobranza.archivo.api import expedientes as api_expedientes  # noqa: F401
from cobranza.archivo.api import prestamos as api_prestamos  # noqa: F401
from cobranza.archivo.api import ubicacion as api_ubicacion  # noqa: F401
from cobranza.archivo.views import expedientes, prestamos, ubicacion  # noqa: F401

urlpatterns = [
    # --- expedientes ---
    # --- fin expedientes ---
    # --- ubicacion ---
    # --- fin ubicacion ---
    # --- prestamos ---
    # --- fin prestamos ---
]

api_urlpatterns = [
    # --- api expedientes ---
    # --- fin api expedientes ---
    # --- api ubicacion ---
    # --- fin api ubicacion ---
    # --- api prestamos ---
    # --- fin api prestamos ---
]
