"""Who acted, for the history tables (django-simple-history).

Web and API requests are covered by simple_history's HistoryRequestMiddleware
(DRF copies the authenticated user onto the Django request). Celery tasks and
management commands have no request: they wrap their work in `actuando_como`.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from simple_history.models import HistoricalRecords

USUARIO_SISTEMA = "sistema"


def usuario_sistema():
    """The user that scheduled jobs act as (created on first use, cannot log in)."""
    Usuario = get_user_model()
    usuario, creado = Usuario.objects.get_or_create(
        username=USUARIO_SISTEMA, defaults={"first_name": "Proceso automático"}
    )
    if creado:
        usuario.set_unusable_password()
        usuario.save(update_fields=["password"])
    return usuario


@contextmanager
def actuando_como(usuario=None):
    """Record `usuario` (default: the system user) as the author of history rows."""
    usuario = usuario or usuario_sistema()
    anterior = getattr(HistoricalRecords.context, "request", None)
    HistoricalRecords.context.request = SimpleNamespace(user=usuario)
    try:
        yield usuario
    finally:
        if anterior is None:
            del HistoricalRecords.context.request
        else:
            HistoricalRecords.context.request = anterior
