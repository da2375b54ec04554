"""Reversing a pago: what it paid is owed again, and the reversal is its own ledger entry."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.models import Ajuste, Aplicacion, Cargo, Concepto, Pago, ReversionPago
from tests.cobranza.libro.ayudas import D, a_favor_de, cargo, libro_de, saldo_de
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def cajero(crear_usuario):
    return crear_usuario("caja")


@pytest.fixture
def cuenta():
    return CuentaFactory()


def _pagar(cuenta, monto, cajero, fecha):
    return pago_registrar(cuenta=cuenta, monto=monto, registrado_por=cajero, fecha=fecha)


def _revertir(pago, supervisor, motivo="Cheque devuelto por el banco", fecha=None):
    return pago_revertir(pago=pago, motivo=motivo, autorizado_por=supervisor, fecha=fecha)


def test_lo_que_pago_vuelve_a_adeudarse_y_la_reversion_queda_en_el_libro(
    supervisor, cajero, cuenta
):
    enero = cargo(cuenta, Concepto.CONSUMO_AGUA, "300.00", date(2025, 1, 20), date(2025, 1, 1))
    febrero = cargo(cuenta, Concepto.CONSUMO_AGUA, "300.00", date(2025, 2, 20), date(2025, 2, 1))
    primero = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))
    cheque = _pagar(cuenta, "350.00", cajero, date(2025, 2, 10))
    assert saldo_de(cuenta).saldo == D("150.00")

    reversion = _revertir(cheque, supervisor, fecha=date(2025, 2, 15))

    enero.refresh_from_db()
    febrero.refresh_from_db()
    cheque.refresh_from_db()
    assert (enero.saldo, febrero.saldo) == (D("200.00"), D("300.00"))
    assert cheque.estado == Pago.Estado.REVERTIDO
    negativas = {a.cargo_id: a.monto for a in reversion.aplicaciones.all()}
    assert negativas == {enero.id: D("-200.00"), febrero.id: D("-150.00")}
    assert all(a.fecha == date(2025, 2, 15) for a in reversion.aplicaciones.all())
    # The pago's positive rows stay: the net of what it paid is zero.
    assert sum(a.monto for a in cheque.aplicaciones.all()) == D("0.00")
    saldo = saldo_de(cuenta)
    assert saldo.saldo == D("500.00")
    assert (saldo.ultimo_pago_fecha, saldo.ultimo_pago_monto) == (primero.fecha, D("100.00"))
    assert reversion.autorizado_por == supervisor
    assert reversion.motivo == "Cheque devuelto por el banco"
    assert libro_de(cuenta) == D("500.00")


def test_el_saldo_a_favor_del_pago_revertido_desaparece(supervisor, cajero, cuenta):
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = _pagar(cuenta, "150.00", cajero, date(2025, 1, 10))
    assert saldo_de(cuenta).saldo_a_favor == D("50.00")

    _revertir(pago, supervisor)

    pago.refresh_from_db()
    saldo = saldo_de(cuenta)
    assert pago.remanente == D("0.00")
    assert (saldo.saldo, saldo.saldo_a_favor) == (D("100.00"), D("0.00"))


def test_el_saldo_a_favor_aplicado_despues_tambien_se_revierte(supervisor, cajero, cuenta):
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = _pagar(cuenta, "150.00", cajero, date(2025, 1, 10))
    febrero = cargo(cuenta, Concepto.CONSUMO_AGUA, "80.00", date(2025, 2, 20), date(2025, 2, 1))
    febrero.refresh_from_db()
    assert febrero.saldo == D("30.00")

    _revertir(pago, supervisor)

    febrero.refresh_from_db()
    assert febrero.saldo == D("80.00")
    assert saldo_de(cuenta).saldo == D("180.00")


def test_otro_pago_con_saldo_a_favor_paga_lo_que_se_reabre(supervisor, cajero, cuenta):
    consumo = cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    cheque = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))
    efectivo = _pagar(cuenta, "60.00", cajero, date(2025, 1, 11))  # all saldo a favor
    assert saldo_de(cuenta).saldo_a_favor == D("60.00")

    _revertir(cheque, supervisor)

    consumo.refresh_from_db()
    efectivo.refresh_from_db()
    assert consumo.saldo == D("40.00")
    assert efectivo.remanente == D("0.00")
    assert consumo.aplicaciones.filter(pago=efectivo).get().monto == D("60.00")
    saldo = saldo_de(cuenta)
    assert (saldo.saldo, saldo.saldo_a_favor) == (D("40.00"), D("0.00"))


def test_un_pago_que_pago_dos_veces_el_mismo_cargo_se_revierte_completo(supervisor, cajero, cuenta):
    # P2 pays the cargo at once and again later from its saldo a favor, when P1 is reversed.
    consumo = cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    p1 = _pagar(cuenta, "50.00", cajero, date(2025, 1, 5))
    p2 = _pagar(cuenta, "80.00", cajero, date(2025, 1, 6))
    _revertir(p1, supervisor)
    consumo.refresh_from_db()
    assert consumo.saldo == D("20.00")
    assert consumo.aplicaciones.filter(pago=p2, monto__gt=0).count() == 2

    _revertir(p2, supervisor)

    consumo.refresh_from_db()
    assert consumo.saldo == D("100.00")
    assert saldo_de(cuenta).saldo == D("100.00")
    assert libro_de(cuenta) == D("100.00")


def test_cargo_cancelado_despues_del_pago_sigue_cancelado(supervisor, cajero, cuenta):
    consumo = cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    otro = cargo(cuenta, Concepto.DRENAJE, "40.00", date(2025, 1, 25), date(2025, 1, 1))
    pago = _pagar(cuenta, "120.00", cajero, date(2025, 1, 10))  # 100 + 20 of drenaje
    ajuste_registrar(
        cargo=otro,
        tipo=Ajuste.Tipo.CANCELACION,
        motivo="Servicio de drenaje no disponible en la colonia",
        autorizado_por=supervisor,
    )

    _revertir(pago, supervisor)

    otro.refresh_from_db()
    consumo.refresh_from_db()
    assert (otro.saldo, otro.estado) == (D("0.00"), Cargo.Estado.CANCELADO)
    manual, automatica = otro.ajustes.order_by("id")
    assert (manual.monto, automatica.monto) == (D("20.00"), D("20.00"))
    assert automatica.tipo == Ajuste.Tipo.CANCELACION
    assert automatica.autorizado_por == supervisor
    assert pago.folio in automatica.motivo
    # The part the pago paid on the live cargo is owed again; the cancelled one is not.
    assert consumo.saldo == D("100.00")
    assert saldo_de(cuenta).saldo == D("100.00")
    assert libro_de(cuenta) == D("100.00")


def test_cargo_condonado_despues_del_pago_vuelve_a_deber_lo_pagado(supervisor, cajero, cuenta):
    consumo = cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = _pagar(cuenta, "60.00", cajero, date(2025, 1, 10))
    ajuste_registrar(
        cargo=consumo,
        tipo=Ajuste.Tipo.CONDONACION,
        monto="40.00",
        motivo="Programa de apoyo",
        autorizado_por=supervisor,
    )

    _revertir(pago, supervisor)

    consumo.refresh_from_db()
    assert (consumo.saldo, consumo.estado) == (D("60.00"), Cargo.Estado.VIGENTE)


def test_no_se_revierte_dos_veces(supervisor, cajero, cuenta):
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))
    _revertir(pago, supervisor)

    with pytest.raises(ValidationError) as error:
        _revertir(pago, supervisor)

    assert error.value.message_dict["pago"] == [f"El pago {pago.folio} ya fue revertido."]
    assert ReversionPago.objects.count() == 1
    assert Aplicacion.objects.filter(monto__lt=0).count() == 1
    assert saldo_de(cuenta).saldo == D("100.00")


@pytest.mark.parametrize("rol", ["caja", "ventanilla", "gerencia"])
def test_solo_quien_puede_revertir(crear_usuario, cajero, cuenta, rol):
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))

    with pytest.raises(ValidationError) as error:
        _revertir(pago, crear_usuario(rol))

    assert "permiso de revertir pagos" in error.value.message_dict["autorizado_por"][0]
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.APLICADO
    assert not ReversionPago.objects.exists()


def test_sin_motivo_no_se_revierte(supervisor, cajero, cuenta):
    pago = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        _revertir(pago, supervisor, motivo="  ")
    assert error.value.message_dict["motivo"] == ["Indique el motivo de la reversión."]


def test_la_fecha_no_puede_ser_anterior_al_pago(supervisor, cajero, cuenta):
    pago = _pagar(cuenta, "100.00", cajero, date(2025, 1, 10))
    with pytest.raises(ValidationError) as error:
        _revertir(pago, supervisor, fecha=date(2025, 1, 9))
    assert "anterior a la fecha del pago" in error.value.message_dict["fecha"][0]


def test_revertir_todo_deja_la_cuenta_como_antes_de_pagar(supervisor, cajero, cuenta):
    cargo(cuenta, Concepto.CONSUMO_AGUA, "250.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(cuenta, Concepto.RECARGO, "12.34", date(2025, 2, 1), date(2025, 2, 1))
    pagos = [_pagar(cuenta, m, cajero, date(2025, 2, d)) for m, d in (("100", 2), ("200", 3))]
    for pago in pagos:
        _revertir(pago, supervisor)
    saldo = saldo_de(cuenta)
    assert (saldo.saldo, saldo.saldo_a_favor, saldo.ultimo_pago_fecha) == (
        D("262.34"),
        D("0.00"),
        None,
    )
    assert a_favor_de(cuenta) == D("0.00")
