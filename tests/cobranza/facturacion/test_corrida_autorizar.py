"""Authorising a run posts it once, by someone else; a posted run is cancelled whole while
nothing was paid, and every balance returns to what it was."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cobranza.facturacion.services.publicacion import (
    corrida_autorizar,
    corrida_cancelar,
    corrida_rechazar,
    renglon_revisar,
)
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Ajuste, Cargo, SaldoCuenta
from tests.cobranza.facturacion.conftest import HOY, cargar, factura

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]
D = Decimal


def _saldos(*cuentas):
    return [SaldoCuenta.objects.get(cuenta=c).saldo for c in cuentas]


@pytest.fixture
def corrida(cuentas, cargador):
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "122", "220.00", drenaje="44.00", saneamiento="22.00"),
            factura("B-2", "500", "541", "410.00", iva="65.60", tipo="comercial"),
            factura("C-3", "9000", "9100", "1000.00", drenaje="200.00"),
        ],
    )
    return corrida


def test_nadie_autoriza_su_propia_corrida(corrida, cargador):
    with pytest.raises(ValidationError) as error:
        corrida_autorizar(corrida=corrida, usuario=cargador)
    assert "otra persona" in str(error.value)
    assert not Cargo.objects.filter(corrida=corrida).exists()


def test_sin_el_derecho_de_autorizar_no_se_autoriza(corrida, crear_usuario):
    with pytest.raises(PermissionDenied):
        corrida_autorizar(corrida=corrida, usuario=crear_usuario("ventanilla"))


def test_el_gran_consumidor_sin_validar_detiene_la_autorizacion(corrida, autorizador):
    with pytest.raises(ValidationError) as error:
        corrida_autorizar(corrida=corrida, usuario=autorizador)
    assert "Faltan 1 lectura de grandes consumidores" in str(error.value)


def test_autorizar_escribe_cada_cargo_y_los_saldos_al_centavo(
    corrida, cuentas, cargador, autorizador
):
    a, b, c = cuentas["a"], cuentas["b"], cuentas["c"]
    antes = _saldos(a, b, c)
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )

    corrida = corrida_autorizar(corrida=corrida, usuario=autorizador)

    assert corrida.estado == "publicada" and corrida.cargos_creados == 7
    cargos = {
        (x.cuenta.numero, x.concepto): x
        for x in Cargo.objects.filter(corrida=corrida).select_related("cuenta")
    }
    assert {k: v.monto for k, v in cargos.items()} == {
        ("A-1", "consumo_agua"): D("220.00"),
        ("A-1", "drenaje"): D("44.00"),
        ("A-1", "saneamiento"): D("22.00"),
        ("B-2", "consumo_agua"): D("410.00"),
        ("B-2", "iva"): D("65.60"),
        ("C-3", "consumo_agua"): D("1000.00"),
        ("C-3", "drenaje"): D("200.00"),
    }
    agua_a = cargos[("A-1", "consumo_agua")]
    assert (agua_a.periodo, agua_a.fecha_vencimiento, agua_a.volumen_m3) == (
        date(2026, 11, 1),
        date(2026, 12, 10),
        D("22.00"),
    )
    assert (agua_a.registrado_por, agua_a.autorizado_por) == (cargador, autorizador)
    assert agua_a.history.count() == 1
    assert _saldos(a, b, c) == [
        antes[0] + D("286.00"),
        antes[1] + D("475.60"),
        antes[2] + D("1200.00"),
    ]


def test_autorizar_dos_veces_escribe_una(corrida, cargador, autorizador):
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)
    otra_vez = corrida_autorizar(corrida=corrida, usuario=autorizador)

    assert otra_vez.repetida is True
    assert Cargo.objects.filter(corrida=corrida).count() == 7


def test_el_mismo_periodo_no_se_factura_dos_veces(corrida, cuentas, cargador, autorizador):
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)

    importacion, otra = cargar(cargador, [factura("A-1", "122", "130", "80.00")], nombre="otro.csv")
    assert importacion.estado == "rechazada" and otra is None
    assert "ya está facturado" in importacion.mensaje


def test_una_lectura_retenida_no_se_factura_y_una_corregida_con_su_motivo(
    corrida, cuentas, cargador, autorizador
):
    renglon = corrida.renglones.get(numero_cuenta="C-3")
    with pytest.raises(ValidationError):
        renglon_revisar(renglon=renglon, decision="retenida", usuario=cargador)  # needs a motivo
    renglon_revisar(
        renglon=renglon,
        decision="corregida",
        usuario=cargador,
        motivo="Lectura mal tomada; verificada en campo",
        lectura_actual=D("9080"),
        consumo_m3=D("80"),
        importes={"agua": D("800.00")},
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)
    agua_c = Cargo.objects.get(corrida=corrida, cuenta=cuentas["c"], concepto="consumo_agua")
    assert (agua_c.monto, agua_c.volumen_m3) == (D("800.00"), D("80.00"))
    renglon.refresh_from_db()
    assert renglon.originales["antes"]["consumo_m3"] == "100.00"
    assert renglon.history.first().history_user == cargador


def test_cancelar_una_corrida_devuelve_cada_saldo(corrida, cuentas, cargador, autorizador):
    a, b, c = cuentas["a"], cuentas["b"], cuentas["c"]
    antes = _saldos(a, b, c)
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)

    with pytest.raises(ValidationError):
        corrida_cancelar(corrida=corrida, usuario=autorizador, motivo="  ")
    corrida = corrida_cancelar(corrida=corrida, usuario=autorizador, motivo="Tarifa mal aplicada")

    assert corrida.estado == "cancelada"
    assert _saldos(a, b, c) == antes
    cargos = Cargo.objects.filter(corrida=corrida)
    assert cargos.count() == 7  # kept, never deleted
    assert set(cargos.values_list("estado", "saldo")) == {("cancelado", D("0.00"))}
    assert Ajuste.objects.filter(cargo__corrida=corrida, tipo="cancelacion").count() == 7
    assert "Tarifa mal aplicada" in Ajuste.objects.filter(corrida=corrida).first().motivo


def test_no_se_cancela_si_ya_se_pago_un_cargo(
    corrida, cuentas, cargador, autorizador, crear_usuario
):
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)
    Cargo.objects.filter(cuenta=cuentas["a"]).exclude(corrida=corrida).update(saldo=0)
    from cobranza.libro.services.saldos import saldos_recalcular

    saldos_recalcular()
    pago_registrar(cuenta=cuentas["a"], monto="100.00", registrado_por=crear_usuario("caja"))

    with pytest.raises(ValidationError) as error:
        corrida_cancelar(corrida=corrida, usuario=autorizador, motivo="Error")
    assert "revierta esos pagos" in str(error.value)


def test_rechazar_no_escribe_nada_y_permite_cargar_el_archivo_otra_vez(
    corrida, cargador, autorizador
):
    corrida_rechazar(corrida=corrida, usuario=autorizador, motivo="Falta la ruta 7")
    assert corrida.renglones.count() == 3 and not Cargo.objects.filter(corrida=corrida).exists()
    _, otra = cargar(
        cargador,
        [
            factura("A-1", "100", "122", "220.00", drenaje="44.00", saneamiento="22.00"),
            factura("B-2", "500", "541", "410.00", iva="65.60", tipo="comercial"),
            factura("C-3", "9000", "9100", "1000.00", drenaje="200.00"),
        ],
    )
    assert otra.pk != corrida.pk and otra.estado == "en_revision"


def test_el_saldo_a_favor_paga_los_recibos_nuevos_al_centavo(
    cuentas, cargador, autorizador, crear_usuario
):
    a = cuentas["a"]
    adeudo = SaldoCuenta.objects.get(cuenta=a).saldo
    pago = pago_registrar(
        cuenta=a, monto=adeudo + D("300.00"), registrado_por=crear_usuario("caja")
    )
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "122", "220.00", drenaje="44.00", saneamiento="22.00"),
            factura("B-2", "500", "541", "410.00", tipo="comercial"),
        ],
    )
    corrida_autorizar(corrida=corrida, usuario=autorizador)

    pago.refresh_from_db()
    assert pago.remanente == D("14.00")  # 300 − 286
    nuevos = Cargo.objects.filter(corrida=corrida, cuenta=a)
    assert set(nuevos.values_list("saldo", flat=True)) == {D("0.00")}
    saldo = SaldoCuenta.objects.get(cuenta=a)
    assert (saldo.saldo, saldo.saldo_a_favor) == (D("0.00"), D("14.00"))
    assert nuevos.get(concepto="consumo_agua").history.first().history_user == autorizador
