"""Corte de caja: each payment in the cashier's open corte, the close with the count by
denomination against the system's totals, differences with a reason, final once closed."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cobranza.caja.models import CorteCaja
from cobranza.caja.services import corte_abrir, corte_cerrar, efectivo_contado
from cobranza.libro.services.pagos import pago_registrar, pago_revertir

pytestmark = pytest.mark.django_db
D = Decimal


def _cobrar(cuenta, cajero, monto, **forma):
    return pago_registrar(cuenta=cuenta, monto=monto, registrado_por=cajero, **forma)


@pytest.fixture
def dia_de_caja(cuenta, cajero, supervisor):
    """$300 + $151.50 cash, $100 card, $50 cheque, $80 transfer, and $20 cash reversed."""
    _cobrar(cuenta, cajero, "300.00", efectivo_recibido="500")
    _cobrar(cuenta, cajero, "151.50")
    _cobrar(
        cuenta,
        cajero,
        "100.00",
        forma_pago="tarjeta",
        tipo_tarjeta="debito",
        tarjeta_ultimos="1234",
        autorizacion="777",
    )
    _cobrar(cuenta, cajero, "50.00", forma_pago="cheque", banco="Banorte", numero_cheque="88")
    _cobrar(cuenta, cajero, "80.00", forma_pago="transferencia", referencia="SPEI-1")
    equivocado = _cobrar(cuenta, cajero, "20.00")
    pago_revertir(pago=equivocado, motivo="Cuenta equivocada", autorizado_por=supervisor)
    return CorteCaja.objects.get(cajero=cajero)


# 451.50 in cash: 4 × 100 + 1 × 50 + 1 × 1 + 1 × 0.50
CONTEO_EXACTO = {"billete_100": 4, "billete_50": 1, "moneda_1": 1, "moneda_0.50": 1}


def test_los_cobros_del_cajero_van_a_un_solo_corte_abierto(cuenta, cajero, crear_usuario):
    otro = crear_usuario("caja")
    primero = _cobrar(cuenta, cajero, "10")
    segundo = _cobrar(cuenta, cajero, "10")
    ajeno = _cobrar(cuenta, otro, "10")
    assert primero.corte == segundo.corte != ajeno.corte
    assert primero.corte.folio.startswith("CC26-")
    with pytest.raises(ValidationError, match="Ya tiene abierto el corte"):
        corte_abrir(cajero=cajero)


def test_el_efectivo_contado_suma_cada_denominacion():
    assert efectivo_contado({"billete_1000": 1, "moneda_20": 2, "moneda_0.50": 3}) == D("1041.50")
    assert efectivo_contado({"billete_20": 1, "moneda_20": 1}) == D("40.00")


def test_cierre_exacto_sin_motivo(dia_de_caja, cajero):
    corte = corte_cerrar(
        corte=dia_de_caja,
        usuario=cajero,
        conteo=CONTEO_EXACTO,
        tarjeta="100",
        cheque="50",
        transferencia="80",
    )
    assert corte.estado == "cerrado" and corte.cerrado is not None
    # the reversed $20 is listed in the corte but not counted
    assert corte.efectivo_sistema == corte.efectivo_contado == D("451.50")
    assert (corte.tarjeta_sistema, corte.cheque_sistema, corte.transferencia_sistema) == (
        D("100.00"),
        D("50.00"),
        D("80.00"),
    )
    assert corte.diferencia == D("0.00")
    assert corte.pagos.count() == 6


def test_una_diferencia_exige_motivo_y_queda_registrada(dia_de_caja, cajero):
    faltan_50 = {**CONTEO_EXACTO, "billete_50": 0}
    with pytest.raises(ValidationError) as error:
        corte_cerrar(
            corte=dia_de_caja,
            usuario=cajero,
            conteo=faltan_50,
            tarjeta="100",
            cheque="50",
            transferencia="80",
        )
    assert error.value.message_dict["motivo_diferencia"] == [
        "Hay diferencias (efectivo: faltante de $50.00): indique el motivo."
    ]
    dia_de_caja.refresh_from_db()
    assert dia_de_caja.estado == "abierto"

    corte = corte_cerrar(
        corte=dia_de_caja,
        usuario=cajero,
        conteo=faltan_50,
        tarjeta="100",
        cheque="50",
        transferencia="80",
        motivo_diferencia="Cambio mal dado a un contribuyente",
    )
    assert corte.diferencia == D("-50.00")
    assert corte.history.first().history_change_reason.startswith("Cierre del corte: Cambio")


def test_diferencias_que_se_compensan_tambien_piden_motivo(dia_de_caja, cajero):
    with pytest.raises(ValidationError, match="tarjeta: faltante de \\$10.00"):
        corte_cerrar(
            corte=dia_de_caja,
            usuario=cajero,
            conteo={**CONTEO_EXACTO, "moneda_10": 1},
            tarjeta="90",
            cheque="50",
            transferencia="80",
        )


def test_cerrado_es_definitivo_y_el_siguiente_cobro_abre_otro(dia_de_caja, cajero, cuenta):
    corte_cerrar(
        corte=dia_de_caja,
        usuario=cajero,
        conteo=CONTEO_EXACTO,
        tarjeta="100",
        cheque="50",
        transferencia="80",
    )
    with pytest.raises(ValidationError, match="ya está cerrado"):
        corte_cerrar(corte=dia_de_caja, usuario=cajero, conteo={})
    nuevo = _cobrar(cuenta, cajero, "5").corte
    assert nuevo != dia_de_caja and nuevo.estado == "abierto"


def test_solo_el_cajero_o_un_supervisor_lo_cierran(dia_de_caja, crear_usuario, supervisor):
    with pytest.raises(ValidationError, match="Solo el cajero"):
        corte_cerrar(corte=dia_de_caja, usuario=crear_usuario("caja"), conteo=CONTEO_EXACTO)
    corte = corte_cerrar(
        corte=dia_de_caja,
        usuario=supervisor,
        conteo=CONTEO_EXACTO,
        tarjeta="100",
        cheque="50",
        transferencia="80",
    )
    assert corte.estado == "cerrado"


def test_conteo_invalido_nombra_la_denominacion(dia_de_caja, cajero):
    with pytest.raises(ValidationError) as error:
        corte_cerrar(corte=dia_de_caja, usuario=cajero, conteo={"billete_500": "dos"})
    assert "billetes de $500.00" in error.value.message_dict["billete_500"][0]
