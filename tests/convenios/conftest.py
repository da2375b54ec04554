"""A water cartera with its policy: contado, parcialidades, reestructura, tiers."""

from datetime import date
from decimal import Decimal

import pytest

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from convenios.models import Alternativa, NivelAutorizacion
from tests.factories import CuentaFactory

D = Decimal
HOY = date(2026, 3, 10)


@pytest.fixture
def politica(db):
    from tests.factories import CarteraFactory

    cartera = CarteraFactory()
    contado = Alternativa.objects.create(
        cartera=cartera,
        tipo=Alternativa.Tipo.CONTADO,
        nombre="Contado con descuento",
        descuento_recargos_pct=D("100"),
        ventanilla_descuento_pct=D("50"),
        max_parcialidades=1,
        ventanilla_max_parcialidades=1,
    )
    parcialidades = Alternativa.objects.create(
        cartera=cartera,
        tipo=Alternativa.Tipo.PARCIALIDADES,
        nombre="Convenio a parcialidades",
        descuento_recargos_pct=D("50"),
        ventanilla_descuento_pct=D("0"),
        max_parcialidades=12,
        ventanilla_max_parcialidades=6,
        enganche_minimo_pct=D("20"),
        parcialidad_minima=D("100"),
        parcialidades_para_incumplir=2,
        dias_gracia=5,
        revertir_descuento=True,
        dias_recordatorio=3,
    )
    reestructura = Alternativa.objects.create(
        cartera=cartera,
        tipo=Alternativa.Tipo.REESTRUCTURA,
        nombre="Reestructura",
        max_parcialidades=6,
        ventanilla_max_parcialidades=1,
        enganche_minimo_pct=D("30"),
    )
    supervisor = NivelAutorizacion.objects.create(
        cartera=cartera,
        nombre="Supervisión",
        permiso="convenios.autorizar_convenio",
        orden=1,
        monto_maximo=D("20000"),
        descuento_maximo_pct=D("50"),
    )
    gerencia = NivelAutorizacion.objects.create(
        cartera=cartera,
        nombre="Gerencia",
        permiso="convenios.autorizar_convenio_mayor",
        orden=2,
        monto_maximo=None,
        descuento_maximo_pct=D("100"),
    )
    return {
        "cartera": cartera,
        "contado": contado,
        "parcialidades": parcialidades,
        "reestructura": reestructura,
        "supervisor": supervisor,
        "gerencia": gerencia,
    }


@pytest.fixture
def deudor(politica):
    """A cuenta owing 3 bills of $1,000.00 (Nov-Jan) and $300.00 of recargos, as of 10/03/2026."""
    cuenta = CuentaFactory(cartera=politica["cartera"], titular__email="deudor@example.mx")
    for mes, vence in (
        (date(2025, 11, 1), date(2025, 11, 20)),
        (date(2025, 12, 1), date(2025, 12, 20)),
        (date(2026, 1, 1), date(2026, 1, 20)),
    ):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1000.00",
            periodo=mes,
            fecha_emision=mes,
            fecha_vencimiento=vence,
        )
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.RECARGO,
        monto="300.00",
        periodo=date(2026, 2, 1),
        fecha_emision=date(2026, 2, 1),
        fecha_vencimiento=date(2026, 2, 1),
    )
    return cuenta
