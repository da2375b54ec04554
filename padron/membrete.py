"""The letterhead of a cartera's printed documents: its institution, data and logo.

Every PDF template receives it as `membrete` and documento.html prints it on each page.
The logo is read once per document and embedded as a data URI.
"""

import base64
import mimetypes
from pathlib import Path

from django.conf import settings

ESCUDO = Path(settings.BASE_DIR) / "static" / "img" / "escudo.svg"
INSTITUCION_POR_OMISION = "Organismo Operador"

# Institutions whose name is feminine ("la Comisión Estatal del Agua"); the rest take "el"
# (Organismo, Instituto, Ayuntamiento, Sistema, and acronyms such as OOMAPAS).
FEMENINOS = {
    "comisión",
    "comision",
    "junta",
    "secretaría",
    "secretaria",
    "dirección",
    "direccion",
    "coordinación",
    "coordinacion",
    "universidad",
    "tesorería",
    "tesoreria",
    "procuraduría",
    "procuraduria",
    "agencia",
    "empresa",
    "oficina",
}


def con_articulo(nombre: str, preposicion: str = "") -> str:
    """The institution as a clause names it: "al Organismo Operador…", "de la Comisión…".

    A clause that writes "a {{ institucion }}" reads "a Organismo Operador"; Spanish needs
    the article, contracted with "a" and "de" before "el"."""
    nombre = (nombre or INSTITUCION_POR_OMISION).strip()
    primera = nombre.split()[0].lower()
    if primera in {"el", "la", "los", "las"}:
        articulo, nombre = primera, nombre.split(" ", 1)[1] if " " in nombre else ""
    else:
        articulo = "la" if primera in FEMENINOS else "el"
    if articulo == "el" and preposicion in {"a", "de"}:
        return f"{preposicion}l {nombre}"
    return " ".join(p for p in (preposicion, articulo, nombre) if p)


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
        return {
            "institucion": INSTITUCION_POR_OMISION,
            "lugar": "Hermosillo, Sonora",
            "logo": _logo(None),
        }
    return {
        "institucion": cartera.institucion or cartera.nombre,
        "cartera": cartera.nombre,
        "domicilio": cartera.domicilio_institucion,
        "rfc": cartera.rfc_institucion,
        "telefono": cartera.telefono_institucion,
        "lugar": cartera.lugar_expedicion,
        "logo": _logo(cartera),
    }


def textos_de_institucion(cartera) -> dict:
    """The names a clause uses for the creditor: {{ institucion }} (a heading, a signature),
    {{ la_institucion }} ("el Organismo…", as a subject), {{ a_la_institucion }}
    ("al Organismo…") and {{ de_la_institucion }} ("del Organismo…")."""
    nombre = (cartera.institucion or cartera.nombre) if cartera else INSTITUCION_POR_OMISION
    return {
        "institucion": nombre,
        "la_institucion": con_articulo(nombre),
        "a_la_institucion": con_articulo(nombre, "a"),
        "de_la_institucion": con_articulo(nombre, "de"),
    }
