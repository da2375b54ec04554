"""The demo shows the caja: each forma de pago, one corte closed with a small difference."""

from decimal import Decimal

import pytest

from cobranza.caja.models import CorteCaja
from cobranza.demo.caja import caja_demo_crear
from cobranza.demo.carga import carteras_demo, demo_cargar
from cobranza.models import Pago

pytestmark = pytest.mark.django_db


def test_demo_de_caja(crear_usuario):
    crear_usuario("caja", username="caja")
    crear_usuario("supervisor", username="supervisor")
    demo_cargar(cuentas=120, meses=14, seed=11, bloque=60)

    mensaje = caja_demo_crear(carteras=carteras_demo())

    assert "faltante de $20.00" in mensaje
    formas = set(Pago.objects.exclude(corte=None).values_list("forma_pago", flat=True))
    assert formas == {"efectivo", "tarjeta", "cheque", "transferencia"}
    cerrado = CorteCaja.objects.get(estado="cerrado")
    assert cerrado.diferencia == Decimal("-20.00") and cerrado.motivo_diferencia
    assert CorteCaja.objects.filter(estado="abierto").count() == 1
    assert caja_demo_crear(carteras=carteras_demo()) == ""  # a second seed adds nothing
