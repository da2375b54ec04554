"""Reading a generated PDF back as a person would: its words, where they sit, on which page."""

from io import BytesIO

import pdfplumber

HOLGURA = 0.6  # points two words' boxes may share (kerning, accents) without colliding


def _derecho(objeto) -> bool:
    # pdfminer's `upright` still says True for a glyph turned 30° (it only checks the signs of
    # the matrix), so the rotated BORRADOR watermark is told apart by its text matrix.
    if objeto.get("object_type") != "char":
        return True
    _, b, c, *_ = objeto["matrix"]
    return abs(b) < 0.01 and abs(c) < 0.01


def paginas(contenido: bytes) -> list[list[dict]]:
    """The horizontal words of each page; the rotated BORRADOR watermark is left out."""
    with pdfplumber.open(BytesIO(contenido)) as pdf:
        return [pagina.filter(_derecho).extract_words(extra_attrs=["size"]) for pagina in pdf.pages]


def marca_de_agua(contenido: bytes) -> str:
    """The rotated text of the first page (the watermark), letters in order."""
    with pdfplumber.open(BytesIO(contenido)) as pdf:
        return "".join(c["text"] for c in pdf.pages[0].chars if not _derecho(c))


def tamanos(contenido: bytes) -> list[tuple[float, float]]:
    with pdfplumber.open(BytesIO(contenido)) as pdf:
        return [(round(p.width), round(p.height)) for p in pdf.pages]


def textos(contenido: bytes) -> list[str]:
    """Each page's text, upright words only, joined by spaces (line breaks do not matter)."""
    return [" ".join(p["text"] for p in pagina) for pagina in paginas(contenido)]


def choques(palabras: list[dict]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap by more than HOLGURA on both axes."""
    ordenadas = sorted(palabras, key=lambda p: p["x0"])
    encontrados = []
    for i, a in enumerate(ordenadas):
        for b in ordenadas[i + 1 :]:
            if b["x0"] >= a["x1"] - HOLGURA:
                break  # sorted by x0: no later word starts inside `a`
            ancho = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            alto = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if ancho > HOLGURA and alto > HOLGURA:
                encontrados.append((a["text"], b["text"]))
    return encontrados
