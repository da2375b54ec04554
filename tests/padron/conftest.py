"""Fixtures of the padrón tests: carteras of both kinds, users and valid CURPs."""

import pytest

from padron.validadores import digito_curp
from tests.factories import CarteraCreditoFactory, CarteraFactory


def curp_valida(prefijo17: str) -> str:
    """A CURP with the right check digit for its first 17 characters."""
    return prefijo17 + digito_curp(prefijo17)


@pytest.fixture
def cartera_agua(db):
    return CarteraFactory()


@pytest.fixture
def cartera_credito(db):
    return CarteraCreditoFactory()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="María Guadalupe", last_name="Valenzuela")


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla")
