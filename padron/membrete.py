"""The letterhead of a cartera's printed documents: its institution, data and logo.

Every PDF template receives it as `membrete` and documento.html prints it on each page.
The logo is read once per document and embedded as a data URI.
"""

import base64
import mimetypes
from pathlib import Path

from django.conf import settings

ESCUDO = Path(settings.BASE_DIR) / "static" / "img" / "escudo.svg"


def _data_uri(contenido: bytes, tipo: str) -> str:
    return f"data:{tipo};base64,{base64.b64encode(contenido).decode()}"


def _logo(cartera) -> str:
    if cartera is not None and cartera.logo:
        try:
            with cartera.logo.open("rb") as archivo:
                contenido = archivo.read()
            tipo = mimetypes.guess_type(cartera.logo.name)[0] or "image/png"
            return _data_uri(contenido, tipo)
        except OSError:
            pass  # a missing file prints the default shield, not an error
    return _data_uri(ESCUDO.read_bytes(), "image/svg+xml")


def membrete(cartera) -> dict:
    if cartera is None:
        return {"institucion": "Organismo Operador", "logo": _logo(None)}
    return {
        "institucion": cartera.institucion or cartera.nombre,
        "cartera": cartera.nombre,
        "domicilio": cartera.domicilio_institucion,
        "rfc": cartera.rfc_institucion,
        "telefono": cartera.telefono_institucion,
        "lugar": cartera.lugar_expedicion,
        "logo": _logo(cartera),
    }
