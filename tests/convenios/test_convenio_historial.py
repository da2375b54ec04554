"""The convenio's life as it happens: captured, firmado (not "Autorizado"), vigente when the
enganche is paid, cumplido with the last parcialidad; and the page says what comes next."""

from decimal import Decimal

import pytest
from django.urls import reverse

from cobranza.libro.services.pagos import pago_registrar
from convenios.linea_de_tiempo import historial_del_convenio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.convenios.conftest import HOY

pytestmark = [pytest.mark.hoy(HOY.isoformat())]

D = Decimal


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla", first_name="Ana", last_name="Moreno")


@pytest.fixture
def caja(crear_usuario):
    return crear_usuario("caja", first_name="Luis", last_name="Ruiz")


def _firmado(deudor, politica, ventanilla):
    """Within ventanilla's limits (no discount, 2 parcialidades): authorised at capture."""
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=2, descuento_recargos_pct=D("0")),
    )
    return convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)


def _etiquetas(convenio):
    convenio.refresh_from_db()
    return [fila["etiqueta"] for fila in historial_del_convenio(convenio)]


def test_firmar_se_registra_como_firmado_y_el_enganche_lo_hace_vigente(
    deudor, politica, ventanilla, caja
):
    convenio = _firmado(deudor, politica, ventanilla)
    assert convenio.enganche == D("660.00")  # 20% of $3,300.00
    assert _etiquetas(convenio) == [
        "Capturado: autorizado",
        "Firmado: será vigente al pagarse el enganche de $660.00",
    ]

    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    assert _etiquetas(convenio)[-1] == "Vigente: se pagó el enganche"

    pago_registrar(cuenta=deudor, monto="2640.00", registrado_por=caja, fecha=HOY)
    assert _etiquetas(convenio)[-2:] == [
        "Vigente: se pagó el enganche",
        "Cumplido: se pagó la última parcialidad",
    ]
    assert "Autorizado" not in " ".join(_etiquetas(convenio)[1:])


def test_la_pagina_dice_lo_que_sigue_y_quien_hizo_cada_paso(
    client, deudor, politica, ventanilla, caja
):
    convenio = _firmado(deudor, politica, ventanilla)
    client.force_login(ventanilla)
    url = reverse("convenios:convenio", args=[convenio.folio])

    html = client.get(url).content.decode()
    assert "Firmado: será vigente cuando se pague el enganche de $660.00." in html
    assert 'id="estado">Firmado<' in html
    assert "Capturado por Ana Moreno" in html
    assert ">ventanilla" not in html  # the login name is never shown

    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    html = client.get(url).content.decode()
    assert "Vigente: la parcialidad 1 de $1,320.00 vence el 10/04/2026" in html


def test_la_linea_de_tiempo_de_la_cuenta_dice_firmado_y_vigente(
    client, deudor, politica, ventanilla, caja
):
    convenio = _firmado(deudor, politica, ventanilla)
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    client.force_login(ventanilla)
    html = client.get(reverse("cobranza:linea_de_tiempo", args=[deudor.numero])).content.decode()
    assert f"Convenio {convenio.folio} firmado" in html
    assert f"Convenio {convenio.folio} vigente" in html
    assert "2 parcialidades" in html and "parcialidad(es)" not in html
