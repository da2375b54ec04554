"""What the import commands share: the file they read, the user they act as, and the rejects
file they leave beside it."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError

from padron.auditoria import usuario_sistema
from padron.texto import cantidad


def archivo_existente(archivo) -> Path:
    ruta = Path(archivo)
    if not ruta.is_file():
        raise CommandError(f"No existe el archivo {ruta}.")
    return ruta


def rechazados_escribir(comando, ruta: Path, resultado):
    """With --parcial, the rejected rows go to <archivo>.rechazados.csv beside the file."""
    if not resultado.rechazadas:
        return
    destino = ruta.with_name(ruta.name + ".rechazados.csv")
    destino.write_text(
        resultado.rechazados_csv(), encoding="utf-8-sig"
    )  # BOM: Excel reads the accents
    comando.stdout.write(
        f"{cantidad(len(resultado.rechazadas), 'fila rechazada', 'filas rechazadas')} "
        f"escrita{'s' if len(resultado.rechazadas) != 1 else ''} en {destino}."
    )


def autor(usuario: str | None):
    """The named user, or the system user when none is given."""
    if not usuario:
        return usuario_sistema()
    try:
        return get_user_model().objects.get(username=usuario)
    except get_user_model().DoesNotExist as exc:
        raise CommandError(f"No existe el usuario «{usuario}».") from exc
