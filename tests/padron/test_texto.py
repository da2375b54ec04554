"""normalizar: the search form of names and addresses."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from padron.texto import _NO_ALFANUMERICO, normalizar


def _por_la_forma_larga(texto):
    # Every character through NFD, as before the plain-ASCII shortcut.
    sin_acentos = "".join(
        c for c in unicodedata.normalize("NFD", texto.upper()) if unicodedata.category(c) != "Mn"
    )
    return _NO_ALFANUMERICO.sub(" ", sin_acentos).strip()


def test_lo_que_escribe_ventanilla_encuentra_el_nombre():
    assert normalizar("Pérez Muñoz, José Ángel") == "PEREZ MUNOZ JOSE ANGEL"
    assert normalizar("  calle 5 de Mayo #123-B ") == "CALLE 5 DE MAYO 123 B"
    assert normalizar("") == ""


@given(st.text())
def test_el_atajo_de_ascii_da_lo_mismo_que_la_forma_larga(texto):
    assert normalizar(texto) == _por_la_forma_larga(texto)


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_en_ascii_tambien(texto):
    assert normalizar(texto) == _por_la_forma_larga(texto)
