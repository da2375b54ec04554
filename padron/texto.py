"""Text normalisation for search and duplicate detection: "Pérez Muñoz" -> "PEREZ MUNOZ".

Accents and the tilde of Ñ are dropped, because a clerk typing "munoz" must
find "Muñoz"; the stored names keep their spelling, only this index form loses it.
"""

import re
import unicodedata

_NO_ALFANUMERICO = re.compile(r"[^A-Z0-9]+")


def normalizar(texto: str) -> str:
    """Upper case, no accents, no punctuation, single spaces."""
    if not texto:
        return ""
    texto = texto.upper()
    if not texto.isascii():  # plain ASCII has no accents to drop (most names and addresses)
        texto = "".join(
            c for c in unicodedata.normalize("NFD", texto) if unicodedata.category(c) != "Mn"
        )
    return _NO_ALFANUMERICO.sub(" ", texto).strip()


def cantidad(n: int, singular: str, plural: str | None = None) -> str:
    """ "1 orden", "2,345 órdenes": the noun agrees with the count."""
    palabra = singular if n == 1 else (plural or singular + "s")
    return f"{n:,} {palabra}"
