"""From egreso to the first payments: the schedule is generated from what was disbursed when
recovery starts, the egresado is told, each month is charged once when it comes, and a
payment covers the interest before the capital."""

from decimal import Decimal

import pytest
from django.core import mail

from cobranza.credito.models import TablaAmortizacion
from cobranza.credito.selectors import mensualidades
from cobranza.credito.services import mensualidades_publicar, recuperaciones_iniciar
from cobranza.credito.tasks import mensualidades_credito
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Cargo, Concepto, SaldoCuenta
from padron.beneficiarios.models import CreditoEducativo
from padron.beneficiarios.services import egreso_registrar
from padron.fechas import hoy, sumar_meses

D = Decimal
pytestmark = pytest.mark.fecha


def egresado_que_empieza_a_pagar(estudiante, personal, **campos):
    """A beneficiario with $6,000 + $4,000 released and $5,000 never released, who graduated
    seven months ago: the six months of grace are over and recovery starts this month."""
    credito = estudiante(liberadas=(D("6000.00"), D("4000.00")), pendientes=(D("5000.00"),))
    titular = credito.cuenta.titular
    titular.email = "egresada@correo.demo"
    titular.save()
    egreso = sumar_meses(hoy().replace(day=1), -7)
    egreso_registrar(credito=credito, fecha_egreso=egreso, usuario=personal["seguimiento"])
    credito.refresh_from_db()
    return credito


def test_el_egreso_fija_el_inicio_tras_la_gracia_y_cancela_lo_no_ministrado(estudiante, personal):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    assert credito.etapa == CreditoEducativo.Etapa.EGRESADO
    assert credito.cuenta.inicio_recuperacion == hoy().replace(day=1)
    assert list(credito.ministraciones.values_list("estado", flat=True)) == [
        "liberada",
        "liberada",
        "cancelada",
    ]


def test_al_iniciar_la_recuperacion_se_genera_la_tabla_de_lo_ministrado_y_se_avisa(
    estudiante, personal, django_capture_on_commit_callbacks
):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):  # the notice goes after the commit
        assert recuperaciones_iniciar(dia=hoy()) == 1

    tabla = TablaAmortizacion.objects.get(cuenta=credito.cuenta, vigente=True)
    assert (tabla.capital, tabla.plazo_meses, tabla.tasa_anual) == (D("10000.00"), 12, D("12"))
    primera = tabla.parcialidades.get(numero=1)
    assert primera.vencimiento == hoy().replace(day=10)
    assert (primera.capital, primera.interes) == (D("788.49"), D("100.00"))
    credito.refresh_from_db()
    assert credito.etapa == CreditoEducativo.Etapa.RECUPERACION
    assert len(mail.outbox) == 1
    aviso = mail.outbox[0]
    assert aviso.to == ["egresada@correo.demo"]
    assert "$888.49" in aviso.body and f"{primera.vencimiento:%d/%m/%Y}" in aviso.body

    with django_capture_on_commit_callbacks(execute=True):
        assert recuperaciones_iniciar(dia=hoy()) == 0  # the next run starts nothing new
    assert TablaAmortizacion.objects.filter(cuenta=credito.cuenta).count() == 1
    assert len(mail.outbox) == 1


def test_publicar_el_mes_dos_veces_cobra_una_vez(estudiante, personal):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    recuperaciones_iniciar(dia=hoy())

    assert mensualidades_publicar(dia=hoy()) == 2
    assert mensualidades_publicar(dia=hoy()) == 0
    mensualidades_credito()  # the daily task, once more

    cargos = Cargo.objects.filter(cuenta=credito.cuenta).order_by("concepto")
    assert [(c.concepto, c.monto, c.fecha_vencimiento) for c in cargos] == [
        (Concepto.CAPITAL, D("788.49"), hoy().replace(day=10)),
        (Concepto.INTERES, D("100.00"), hoy().replace(day=10)),
    ]
    saldo = SaldoCuenta.objects.get(cuenta=credito.cuenta)
    assert saldo.saldo == D("888.49")
    assert saldo.saldo_vencido == (D("888.49") if hoy().day > 10 else D("0"))


def test_cada_mes_se_cobra_cuando_llega_y_lo_demas_queda_por_vencer(estudiante, personal, reloj):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    recuperaciones_iniciar(dia=hoy())
    mensualidades_publicar(dia=hoy())
    tabla = TablaAmortizacion.objects.get(cuenta=credito.cuenta)

    estados = [m["estado"] for m in mensualidades(tabla, hoy())]
    assert estados[0] == ("vencida" if hoy().day > 10 else "por vencer")
    assert estados[1:] == ["por vencer"] * 11
    assert sum(m["adeudo"] for m in mensualidades(tabla, hoy())) == sum(
        p.pago for p in tabla.parcialidades.all()
    )

    reloj.move_to(sumar_meses(hoy().replace(day=1), 1).isoformat() + "T09:00-07:00")
    mensualidades_credito()
    assert Cargo.objects.filter(cuenta=credito.cuenta).count() == 4
    segundo = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.INTERES, monto=D("92.12"))
    assert segundo.fecha_vencimiento == hoy().replace(day=10)
    assert [m["estado"] for m in mensualidades(tabla, hoy())][:2] == ["vencida", "por vencer"]


def test_un_pago_parcial_cubre_primero_el_interes(estudiante, personal):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    recuperaciones_iniciar(dia=hoy())
    mensualidades_publicar(dia=hoy())

    pago = pago_registrar(
        cuenta=credito.cuenta, monto=D("508.06"), registrado_por=personal["caja"], fecha=hoy()
    )

    aplicado = {a.cargo.concepto: a.monto for a in pago.aplicaciones.select_related("cargo")}
    assert aplicado == {Concepto.INTERES: D("100.00"), Concepto.CAPITAL: D("408.06")}
    capital = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.CAPITAL)
    assert capital.saldo == D("380.43")


def test_el_saldo_a_favor_paga_la_mensualidad_al_cobrarse(estudiante, personal):
    credito = egresado_que_empieza_a_pagar(estudiante, personal)
    recuperaciones_iniciar(dia=hoy())
    anticipo = pago_registrar(
        cuenta=credito.cuenta, monto=D("150.00"), registrado_por=personal["caja"], fecha=hoy()
    )
    assert anticipo.remanente == D("150.00")  # nothing charged yet: it waits as saldo a favor

    mensualidades_publicar(dia=hoy())

    anticipo.refresh_from_db()
    assert anticipo.remanente == D("0.00")
    interes = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.INTERES)
    capital = Cargo.objects.get(cuenta=credito.cuenta, concepto=Concepto.CAPITAL)
    assert (interes.saldo, capital.saldo) == (D("0.00"), D("738.49"))
    assert SaldoCuenta.objects.get(cuenta=credito.cuenta).saldo == D("738.49")
