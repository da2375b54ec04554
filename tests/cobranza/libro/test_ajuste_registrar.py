"""Bonificación, condonación and cancelación: what they lower, who may, and the refusals."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Ajuste, Cargo, Concepto
from tests.cobranza.libro.ayudas import D, cargo, libro_de, saldo_de
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def cuenta():
    return CuentaFactory()


@pytest.fixture
def consumo(cuenta):
    return cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 1, 20), date(2025, 1, 1))


def _ajustar(cargo_, supervisor, tipo, monto=None, motivo="Fuga reportada y reparada"):
    return ajuste_registrar(
        cargo=cargo_, tipo=tipo, monto=monto, motivo=motivo, autorizado_por=supervisor
    )


def test_bonificacion_parcial_baja_el_saldo_del_cargo_y_de_la_cuenta(supervisor, cuenta, consumo):
    ajuste = _ajustar(consumo, supervisor, Ajuste.Tipo.BONIFICACION, "120.50")

    consumo.refresh_from_db()
    assert (consumo.saldo, consumo.estado) == (D("379.50"), Cargo.Estado.VIGENTE)
    assert ajuste.autorizado_por == supervisor
    assert ajuste.motivo == "Fuga reportada y reparada"
    assert saldo_de(cuenta).saldo == D("379.50")
    assert libro_de(cuenta) == D("379.50")


def test_condonacion_total_deja_el_cargo_en_cero_pero_vigente(supervisor, cuenta, consumo):
    _ajustar(consumo, supervisor, Ajuste.Tipo.CONDONACION, "500.00")

    consumo.refresh_from_db()
    assert (consumo.saldo, consumo.estado) == (D("0.00"), Cargo.Estado.VIGENTE)
    assert saldo_de(cuenta).saldo == D("0.00")


def test_cancelacion_toma_todo_el_saldo_restante_y_marca_el_cargo(supervisor, cuenta, consumo):
    pago_registrar(cuenta=cuenta, monto="200.00", registrado_por=supervisor, fecha=date(2025, 2, 1))

    ajuste = _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION)

    consumo.refresh_from_db()
    assert ajuste.monto == D("300.00")
    assert (consumo.saldo, consumo.estado) == (D("0.00"), Cargo.Estado.CANCELADO)
    assert saldo_de(cuenta).saldo == D("0.00")
    assert libro_de(cuenta) == D("0.00")


def test_cancelacion_acepta_el_monto_exacto_y_rechaza_otro(supervisor, consumo):
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION, "100.00")
    assert "todo el saldo pendiente del cargo ($500.00)" in error.value.message_dict["monto"][0]

    ajuste = _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION, "500.00")
    assert ajuste.monto == D("500.00")


def test_monto_mayor_al_saldo_se_rechaza_nombrando_el_campo(supervisor, cuenta, consumo):
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.BONIFICACION, "500.01")

    assert error.value.message_dict["monto"] == [
        "El monto ($500.01) excede el saldo pendiente del cargo ($500.00)."
    ]
    consumo.refresh_from_db()
    assert consumo.saldo == D("500.00")
    assert not Ajuste.objects.exists()


@pytest.mark.parametrize(
    "monto, mensaje",
    [(None, "Indique el monto"), ("0", "mayor que cero"), ("1.234", "dos decimales")],
)
def test_bonificacion_sin_monto_valido_se_rechaza(supervisor, consumo, monto, mensaje):
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.BONIFICACION, monto)
    assert mensaje in error.value.message_dict["monto"][0]


@pytest.mark.parametrize("motivo", ["", "   ", None])
def test_sin_motivo_no_hay_ajuste(supervisor, consumo, motivo):
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.CONDONACION, "10.00", motivo=motivo)
    assert error.value.message_dict["motivo"] == ["Indique el motivo del ajuste."]
    assert not Ajuste.objects.exists()


@pytest.mark.parametrize("rol", ["ventanilla", "caja", "gerencia", None])
def test_sin_permiso_de_autorizar_ajustes_se_rechaza(crear_usuario, consumo, rol):
    usuario = crear_usuario(rol)
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, usuario, Ajuste.Tipo.BONIFICACION, "10.00")
    assert "No tiene permiso" in error.value.message_dict["autorizado_por"][0]
    assert not Ajuste.objects.exists()


def test_descuento_de_convenio_no_exige_el_permiso_de_supervision(crear_usuario, consumo):
    ventanilla = crear_usuario("ventanilla")
    ajuste = ajuste_registrar(
        cargo=consumo,
        tipo=Ajuste.Tipo.BONIFICACION,
        monto="50.00",
        motivo="Descuento del convenio C-1",
        autorizado_por=ventanilla,
        autorizado_por_convenio=True,
    )
    assert ajuste.autorizado_por == ventanilla


def test_cargo_cancelado_no_admite_mas_ajustes(supervisor, consumo):
    _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION)
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.BONIFICACION, "1.00")
    assert error.value.message_dict["cargo"] == ["El cargo ya está cancelado."]


def test_cargo_pagado_no_admite_ajustes(supervisor, cuenta, consumo):
    pago_registrar(cuenta=cuenta, monto="500.00", registrado_por=supervisor, fecha=date(2025, 2, 1))
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION)
    assert "ya está pagado" in error.value.message_dict["cargo"][0]


def test_tipo_desconocido(supervisor, consumo):
    with pytest.raises(ValidationError) as error:
        _ajustar(consumo, supervisor, "regalo", "1.00")
    assert "Tipo de ajuste desconocido" in error.value.message_dict["tipo"][0]


def test_ajustes_sucesivos_nunca_bajan_de_cero(supervisor, consumo):
    _ajustar(consumo, supervisor, Ajuste.Tipo.BONIFICACION, "300.00")
    _ajustar(consumo, supervisor, Ajuste.Tipo.CONDONACION, "150.00")
    with pytest.raises(ValidationError):
        _ajustar(consumo, supervisor, Ajuste.Tipo.CONDONACION, "50.01")
    _ajustar(consumo, supervisor, Ajuste.Tipo.CONDONACION, "50.00")
    consumo.refresh_from_db()
    assert consumo.saldo == D("0.00")
    assert consumo.ajustes.count() == 3


def test_la_cancelacion_limpia_saldo_vencido_y_antiguedad(supervisor, cuenta, consumo):
    _ajustar(consumo, supervisor, Ajuste.Tipo.CANCELACION)
    saldo = saldo_de(cuenta)
    assert (saldo.saldo_vencido, saldo.meses_vencidos, saldo.antiguedad) == (D("0.00"), 0, "")
