"""Attached evidence (scans of documents, photos): checked before anything is stored."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError

FIRMAS = {
    ".pdf": (b"%PDF",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}


def adjunto_revisar(archivo, *, campo="evidencia"):
    """PDF, JPEG or PNG, whose content matches its name, up to ADJUNTO_TAMANO_MAXIMO."""
    if not archivo:
        return
    extension = Path(archivo.name or "").suffix.lower()
    if extension not in FIRMAS:
        raise ValidationError({campo: "Adjunte un PDF, JPEG o PNG."})
    maximo = settings.ADJUNTO_TAMANO_MAXIMO
    if (archivo.size or 0) > maximo:
        raise ValidationError({campo: f"El archivo pasa de {maximo // (1 << 20)} MB."})
    archivo.seek(0)
    inicio = archivo.read(8)
    archivo.seek(0)
    if not inicio.startswith(FIRMAS[extension]):
        raise ValidationError(
            {campo: f"El contenido del archivo no es un {extension[1:].upper()} válido."}
        )
