"""Pages and /api/v1/ routes of atención al público (gathered by cobranza/urls.py and
cobranza/urls_api.py). The /publico/ pages need no login; every other page checks its
permission on the server."""

from django.urls import path  # noqa: F401 (the parts add their routes)

from cobranza.atencion.api import encuestas as api_encuestas  # noqa: F401
from cobranza.atencion.api import quejas as api_quejas  # noqa: F401
from cobranza.atencion.api import registro as api_registro  # noqa: F401
from cobranza.atencion.views import encuestas, quejas, registro  # noqa: F401

urlpatterns = [
    # --- registro de atención ---
    # --- fin registro ---
    # --- quejas ---
    # --- fin quejas ---
    # --- encuestas ---
    # --- fin encuestas ---
]

api_urlpatterns = [
    # --- api registro ---
    # --- fin api registro ---
    # --- api quejas ---
    # --- fin api quejas ---
    # --- api encuestas ---
    # --- fin api encuestas ---
]
