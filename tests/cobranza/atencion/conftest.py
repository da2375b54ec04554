"""Fixtures of the atención stories: a deudor's cuenta (the convenios' stories) and the staff."""

import pytest

from cobranza.models import MotivoAtencion
from tests.convenios.conftest import deudor, politica  # noqa: F401 (fixtures for the stories)


@pytest.fixture
def motivo(db):
    return MotivoAtencion.objects.get(nombre="Consulta de saldo")


@pytest.fixture
def rosa(crear_usuario):
    return crear_usuario("ventanilla", username="rosa", first_name="Rosa", last_name="Leyva")
