"""What the import commands share: the file they read and the user they act as."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from padron.auditoria import usuario_sistema


def archivo_existente(archivo) -> Path:
    ruta = Path(archivo)
    if not ruta.is_file():
        raise CommandError(f"No existe el archivo {ruta}.")
    return ruta


def autor(usuario: str | None):
    """The named user, or the system user when none is given."""
    if not usuario:
        return usuario_sistema()
    try:
        return get_user_model().objects.get(username=usuario)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(f"No existe el usuario «{usuario}».") from exc
