"""Recados waiting for the user: a count on every page and a message when logging in."""

from django.contrib import messages

from cobranza.models import Recado


def _sin_leer(usuario):
    return Recado.objects.filter(para=usuario, leido__isnull=True).count()


def _aviso(n):
    return f"Tiene {n} recado{'s' if n != 1 else ''} sin leer."


def recados_sin_leer(request):
    """Context processor: {"recados_sin_leer": N} (one COUNT; nothing for anonymous users)."""
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {}
    return {"recados_sin_leer": _sin_leer(usuario)}


def avisar_recados(sender, request, user, **kwargs):
    """user_logged_in: tell the user at once how many recados wait (if any)."""
    if request is None:
        return
    n = _sin_leer(user)
    if n:
        messages.info(request, _aviso(n), fail_silently=True)
