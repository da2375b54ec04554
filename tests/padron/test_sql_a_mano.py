"""padron.sql.fila: a hand-written read gives the same instance the ORM would."""

from datetime import date
from decimal import Decimal

import pytest
from django.forms.models import model_to_dict

from padron.models import Cartera, Cuenta
from padron.sql import existe, fila
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


def test_fila_lee_lo_mismo_que_el_orm_con_sus_tipos():
    cuenta = CuentaFactory(fecha_alta=date(2024, 5, 17))
    cartera = cuenta.cartera
    cartera.prelacion = ["principal", "recargos", "gastos_ejecucion", "multas_extraordinarios"]
    cartera.save()

    leida = fila(Cartera, "FROM padron_cartera WHERE id = %s", [cartera.pk])
    por_alias = fila(
        Cuenta,
        "FROM padron_cuenta q JOIN padron_cartera c ON c.id = q.cartera_id WHERE q.numero = %s",
        [cuenta.numero],
        alias="q",
    )

    assert model_to_dict(leida) == model_to_dict(Cartera.objects.get(pk=cartera.pk))
    assert leida.prelacion[0] == "principal"  # JSON, not its text
    assert leida.tasa_recargo_mensual == Decimal("1.47")
    assert (por_alias.pk, por_alias.fecha_alta) == (cuenta.pk, date(2024, 5, 17))
    assert not por_alias._state.adding


def test_sin_fila_es_none_y_existe_lo_dice():
    cuenta = CuentaFactory()

    assert fila(Cuenta, "FROM padron_cuenta WHERE numero = %s", ["no-existe"]) is None
    assert existe("SELECT 1 FROM padron_cuenta WHERE id = %s", [cuenta.pk])
    assert not existe("SELECT 1 FROM padron_cuenta WHERE id = %s", [cuenta.pk + 1000])
