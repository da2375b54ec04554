"""Who must authorise a plan, and why: a plan that forgives nothing needs no authorisation
for its discount; the supervisor's queue says why each convenio waits."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from convenios.models import Alternativa, Convenio
from convenios.negociacion.simulacion import Terminos, motivos_de_autorizacion, simular
from convenios.services.convenios import convenio_capturar
from tests.convenios.conftest import HOY
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.hoy(HOY.isoformat())]

D = Decimal


def _alternativa(**campos):
    datos = {
        "ventanilla_descuento_pct": D("20"),
        "ventanilla_max_parcialidades": 12,
        "ventanilla_monto_maximo": D("15000"),
    }
    return Alternativa(**{**datos, **campos})


@settings(max_examples=200, deadline=None)
@given(
    adeudo=st.decimals(min_value=D("0.01"), max_value=D("9999999"), places=2),
    pct=st.decimals(min_value=D("0"), max_value=D("100"), places=2),
    numero=st.integers(min_value=1, max_value=12),
)
def test_sin_descuento_no_hace_falta_autorizar(adeudo, pct, numero):
    """$0.00 forgiven: neither the percentage nor the size of the debt sends it to authorisation."""
    motivos = motivos_de_autorizacion(
        alternativa=_alternativa(),
        adeudo=adeudo,
        descuento=D("0.00"),
        pct_fuera_de_campana=pct,
        numero=numero,
    )
    assert motivos == []


@pytest.mark.parametrize(
    ("descuento", "pct", "adeudo", "numero", "esperado"),
    [
        ("350.00", "35", "1000.00", 6, ["descuento de 35% mayor al 20% que otorga ventanilla"]),
        ("0.00", "0", "1000.00", 24, ["24 parcialidades exceden las 12 que otorga ventanilla"]),
        (
            "10.00",
            "10",
            "20000.00",
            1,
            [
                "adeudo de $20,000.00 mayor a los $15,000.00 que ventanilla puede convenir con descuento"
            ],
        ),
        ("10.00", "12.5", "1000.00", 12, []),
    ],
)
def test_cada_motivo_en_palabras(descuento, pct, adeudo, numero, esperado):
    motivos = motivos_de_autorizacion(
        alternativa=_alternativa(),
        adeudo=D(adeudo),
        descuento=D(descuento),
        pct_fuera_de_campana=D(pct),
        numero=numero,
    )
    assert motivos == esperado


@pytest.fixture
def sin_recargos(politica):
    """A cuenta owing two bills and no recargos: 50% of recargos forgives $0.00."""
    cuenta = CuentaFactory(cartera=politica["cartera"])
    for mes in (date(2025, 12, 1), date(2026, 1, 1)):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1000.00",
            periodo=mes,
            fecha_emision=mes,
            fecha_vencimiento=mes.replace(day=20),
        )
    return cuenta


def test_un_descuento_de_cero_pesos_no_va_a_autorizacion(sin_recargos, politica, crear_usuario):
    # The policy's default is 50% of recargos (ventanilla may grant 0%), but there are none.
    simulacion = simular(
        cuenta=sin_recargos,
        cargos=list(sin_recargos.cargos.all()),
        alternativa=politica["parcialidades"],
        terminos=Terminos(numero_parcialidades=3),
        dia=HOY,
    )
    assert simulacion.descuento == D("0.00")
    assert not simulacion.requiere_autorizacion

    convenio = convenio_capturar(
        cuenta=sin_recargos,
        alternativa=politica["parcialidades"],
        capturado_por=crear_usuario("ventanilla"),
        terminos=Terminos(numero_parcialidades=3),
        dia=HOY,
    )
    assert convenio.estado == Convenio.Estado.AUTORIZADO


def test_la_cola_del_supervisor_dice_por_que_espera_cada_uno(
    client, deudor, politica, crear_usuario, django_assert_max_num_queries
):
    ventanilla = crear_usuario("ventanilla", first_name="Ana", last_name="Moreno")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        terminos=Terminos(numero_parcialidades=8),  # ventanilla: 6 and 0% discount
        dia=HOY,
    )
    assert convenio.estado == Convenio.Estado.PENDIENTE
    client.force_login(crear_usuario("supervisor"))
    with django_assert_max_num_queries(12):
        html = client.get(reverse("convenios:pendientes")).content.decode()
    assert convenio.folio in html
    assert (
        "Descuento de 50% mayor al 0% que otorga ventanilla; "
        "8 parcialidades exceden las 6 que otorga ventanilla"
    ) in html
    assert "Ana Moreno" in html
