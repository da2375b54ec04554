"""The bench's SQL references (bench/morosos.py, bench/cortes.py) compute the same lists as
the services from the ledger: the same cuentas and the same totals to the centavo, also
after a partial payment and on a cuenta of another cartera. A reference that drifted would
make the bench's ratio meaningless."""

from decimal import Decimal

import pytest

from bench.morosos import _referencia as referencia_morosos
from cobranza.libro.services.pagos import pago_registrar
from cobranza.morosos.services import lista_morosos_generar
from tests.cobranza.cortes.ayudas import cartera_de_agua, deudora, reglas_de_convenios
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.hoy("2026-03-10")]
D = Decimal


@pytest.fixture
def cartera():
    reglas_de_convenios()
    cartera = cartera_de_agua()
    deudora(cartera, meses=3, monto="250.00")
    deudora(cartera, meses=1, monto="99.99", sector="2", ruta="7")
    abonada = deudora(cartera, meses=4, monto="310.50")
    pago_registrar(cuenta=abonada, monto="400.25", registrado_por=cartera_usuario())
    deudora(cartera, meses=5, monto="120.00", clasificacion="publica")  # out of the corte list
    CuentaFactory(cartera=cartera)  # al corriente
    deudora(CarteraFactory(clave="agua-otra", nombre="Otra"), meses=6)
    return cartera


def cartera_usuario():
    from padron.auditoria import usuario_sistema

    return usuario_sistema()


@pytest.mark.parametrize("origen", ["libro", "cargos"])
def test_la_referencia_de_morosos_da_la_misma_lista(cartera, origen):
    lista = lista_morosos_generar(
        criterios={
            "cartera": cartera.clave,
            "saldo_vencido_minimo": "0.01",
            "meses_vencidos_minimo": "1",
        },
        usuario=cartera_usuario(),
    )
    sql = referencia_morosos(cartera, origen)

    # 750.00 + 99.99 + (1,242.00 - 400.25) + 600.00
    assert (lista.cuentas, lista.total_vencido) == (4, D("2291.74"))
    assert (sql["cuentas"], D(sql["total_vencido"]), D(sql["total_saldo"])) == (
        lista.cuentas,
        lista.total_vencido,
        lista.total_saldo,
    )
