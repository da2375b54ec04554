"""Signature, payments on the schedule, completion, breach and charge-back, reestructura, constancia."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import Ajuste, Cargo, Concepto
from convenios.documentos.services import constancia_emitir, constancia_verificar
from convenios.models import Constancia, Convenio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from convenios.services.incumplimiento import convenios_revisar_incumplimiento
from tests.convenios.conftest import HOY

pytestmark = pytest.mark.fecha

D = Decimal


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla")


@pytest.fixture
def caja(crear_usuario):
    return crear_usuario("caja")


def _firmado(deudor, politica, usuario, **terminos):
    terminos.setdefault("numero_parcialidades", 6)
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=usuario,
        dia=HOY,
        terminos=Terminos(**terminos),
    )
    return convenio_firmar(convenio=convenio, usuario=usuario, dia=HOY)


def _estados(convenio, dia):
    return [p.estado_al(dia) for p in convenio.parcialidades.order_by("numero")]


def test_firmar_aplica_el_descuento_y_el_enganche_lo_hace_vigente(
    deudor, politica, crear_usuario, caja
):
    supervisor = crear_usuario("supervisor")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        dia=HOY,
        capturado_por=crear_usuario("ventanilla"),
        terminos=Terminos(numero_parcialidades=6),
    )
    from convenios.services.convenios import convenio_autorizar

    convenio_autorizar(
        convenio=convenio, usuario=supervisor
    )  # 50% of recargos is beyond ventanilla
    convenio = convenio_firmar(convenio=convenio, usuario=supervisor, dia=HOY)
    recargo = Cargo.objects.get(cuenta=deudor, concepto=Concepto.RECARGO)
    assert recargo.saldo == D("150.00")
    assert Ajuste.objects.get(cargo=recargo).autorizado_por == supervisor
    assert convenio.estado == Convenio.Estado.AUTORIZADO  # signed, enganche not paid yet

    pago_registrar(cuenta=deudor, monto="630.00", registrado_por=caja, fecha=HOY)

    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.VIGENTE
    assert _estados(convenio, HOY) == ["pagada"] + ["pendiente"] * 6


def test_pagos_parciales_y_adelantados_van_a_las_siguientes(deudor, politica, ventanilla, caja):
    convenio = _firmado(deudor, politica, ventanilla, descuento_recargos_pct=D("0"))
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)  # enganche
    pago_registrar(
        cuenta=deudor, monto="500.00", registrado_por=caja, fecha=HOY
    )  # 440 + 60 of the next
    assert _estados(convenio, HOY) == ["pagada", "pagada", "parcial"] + ["pendiente"] * 4
    assert list(convenio.parcialidades.values_list("pagado", flat=True))[:3] == [
        D("660.00"),
        D("440.00"),
        D("60.00"),
    ]


def test_adelantos_reducen_las_ultimas_si_la_politica_lo_dice(deudor, politica, ventanilla, caja):
    politica["parcialidades"].adelantos = "ultimas"
    politica["parcialidades"].save()
    convenio = _firmado(deudor, politica, ventanilla, descuento_recargos_pct=D("0"))
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    pago_registrar(
        cuenta=deudor, monto="1000.00", registrado_por=caja, fecha=HOY
    )  # 440 next, 560 from the end
    pagado = list(convenio.parcialidades.order_by("numero").values_list("pagado", flat=True))
    assert pagado == [D("660.00"), D("440.00"), D("0"), D("0"), D("0"), D("120.00"), D("440.00")]


def test_la_ultima_parcialidad_pagada_lo_cumple_y_se_emite_constancia(
    deudor, politica, ventanilla, caja
):
    convenio = _firmado(deudor, politica, ventanilla, descuento_recargos_pct=D("0"))
    pago_registrar(cuenta=deudor, monto="3300.00", registrado_por=caja, fecha=HOY)
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.CUMPLIDO
    constancia = constancia_emitir(cuenta=deudor, usuario=ventanilla, dia=HOY)
    assert constancia.convenio == convenio
    assert (
        constancia_verificar(folio=constancia.folio, codigo=constancia.codigo.lower()) == constancia
    )
    assert constancia_verificar(folio=constancia.folio, codigo="FALSO") is None


def test_no_hay_constancia_con_saldo(deudor, ventanilla):
    with pytest.raises(ValidationError) as error:
        constancia_emitir(cuenta=deudor, usuario=ventanilla, dia=HOY)
    assert "$3,300.00" in error.value.message_dict["cuenta"][0]
    assert not Constancia.objects.exists()


def test_incumplimiento_cobra_el_descuento_y_es_idempotente(deudor, politica, crear_usuario, caja):
    supervisor = crear_usuario("supervisor")
    convenio = _firmado_autorizado(deudor, politica, crear_usuario("ventanilla"), supervisor)
    pago_registrar(cuenta=deudor, monto="630.00", registrado_por=caja, fecha=HOY)
    segundo_vencimiento = convenio.parcialidades.get(numero=2).fecha_vencimiento
    dia = segundo_vencimiento + timedelta(days=6)  # two parcialidades overdue past 5 days of grace

    assert (
        convenios_revisar_incumplimiento(
            usuario=supervisor, dia=segundo_vencimiento + timedelta(days=5)
        )
        == []
    )
    primero = convenios_revisar_incumplimiento(usuario=supervisor, dia=dia)
    segundo = convenios_revisar_incumplimiento(usuario=supervisor, dia=dia)

    assert [c.pk for c in primero] == [convenio.pk] and segundo == []
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.INCUMPLIDO and convenio.descuento_revertido
    reintegro = Cargo.objects.get(cuenta=deudor, descripcion__startswith="Incumplimiento")
    assert reintegro.monto == D("150.00") and reintegro.concepto == Concepto.RECARGO
    assert saldos_diferencias() == []


def _firmado_autorizado(deudor, politica, ventanilla, supervisor, numero_parcialidades=6):
    from convenios.services.convenios import convenio_autorizar

    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=numero_parcialidades),
    )
    if convenio.estado == Convenio.Estado.PENDIENTE:
        convenio_autorizar(convenio=convenio, usuario=supervisor)
    return convenio_firmar(convenio=convenio, usuario=supervisor, dia=HOY)


def test_reestructura_sobre_lo_que_queda(deudor, politica, crear_usuario, caja):
    supervisor, ventanilla = crear_usuario("supervisor"), crear_usuario("ventanilla")
    roto = _firmado_autorizado(deudor, politica, ventanilla, supervisor)
    pago_registrar(cuenta=deudor, monto="630.00", registrado_por=caja, fecha=HOY)
    dia = date(2026, 7, 1)
    convenios_revisar_incumplimiento(usuario=supervisor, dia=dia)
    roto.refresh_from_db()
    nuevo = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["reestructura"],
        capturado_por=ventanilla,
        dia=dia,
        reemplaza=roto,
        terminos=Terminos(numero_parcialidades=1),
    )
    assert nuevo.reemplaza == roto and roto.reestructura == nuevo
    # what remains: 3,300 − 150 discount − 630 paid + 150 charged back
    assert nuevo.adeudo == D("2670.00")


def test_reversion_de_un_pago_devuelve_la_parcialidad_a_pendiente(
    deudor, politica, ventanilla, caja, crear_usuario
):
    convenio = _firmado(deudor, politica, ventanilla, descuento_recargos_pct=D("0"))
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    pago = pago_registrar(cuenta=deudor, monto="440.00", registrado_por=caja, fecha=HOY)
    pago_revertir(
        pago=pago, motivo="Cheque sin fondos", autorizado_por=crear_usuario("supervisor"), fecha=HOY
    )
    assert _estados(convenio, HOY) == ["pagada"] + ["pendiente"] * 6


def test_los_pagos_van_primero_al_convenio(deudor, politica, ventanilla, caja):
    from cobranza.libro.services.cargos import cargo_registrar

    _firmado(deudor, politica, ventanilla, descuento_recargos_pct=D("0"))
    nuevo = cargo_registrar(
        cuenta=deudor,
        concepto=Concepto.RECARGO,
        monto="50.00",
        periodo=date(2026, 3, 1),
        fecha_emision=HOY,
        fecha_vencimiento=HOY,
    )
    pago_registrar(cuenta=deudor, monto="660.00", registrado_por=caja, fecha=HOY)
    nuevo.refresh_from_db()
    assert nuevo.saldo == D("50.00")  # the new recargo waits; the enganche went to the convenio


def test_un_convenio_de_una_sola_parcialidad_tambien_se_incumple(
    deudor, politica, ventanilla, caja, crear_usuario
):
    """The policy breaks after 2 overdue parcialidades; a convenio with only one breaks when
    that one is overdue past the grace days, as its printed clause says."""
    supervisor = crear_usuario("supervisor")
    convenio = _firmado_autorizado(deudor, politica, ventanilla, supervisor, 1)
    enganche = convenio.parcialidades.get(numero=0).monto
    pago_registrar(cuenta=deudor, monto=enganche, registrado_por=caja, fecha=HOY)
    vence = convenio.parcialidades.get(numero=1).fecha_vencimiento

    en_gracia = convenios_revisar_incumplimiento(usuario=supervisor, dia=vence + timedelta(days=5))
    vencido = convenios_revisar_incumplimiento(usuario=supervisor, dia=vence + timedelta(days=6))

    assert en_gracia == [] and [c.pk for c in vencido] == [convenio.pk]
