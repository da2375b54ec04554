"""A cashier with a name, a cuenta owing three bills of $250.50, a supervisor of caja."""

from datetime import date

import pytest

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from tests.factories import CuentaFactory


@pytest.fixture
def cajero(crear_usuario):
    return crear_usuario("caja", first_name="Rosa", last_name="Valenzuela")


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Martín", last_name="Ochoa")


@pytest.fixture
def cuenta(db):
    cuenta = CuentaFactory(
        titular__nombre="José", titular__apellido_paterno="Pérez", titular__apellido_materno="Muñoz"
    )
    for mes in (1, 2, 3):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="250.50",
            periodo=date(2026, mes, 1),
            fecha_emision=date(2026, mes, 1),
            fecha_vencimiento=date(2026, mes, 20),
        )
    return cuenta
