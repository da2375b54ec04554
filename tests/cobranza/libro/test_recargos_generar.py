"""Monthly recargos: the rate on past-due principal, to the centavo, within the cap, once."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cobranza.libro.services.pagos import pago_registrar
from cobranza.libro.services.recargos import periodo_leer, recargo_calcular, recargos_generar
from cobranza.libro.services.saldos import saldos_diferencias, saldos_recalcular
from cobranza.models import Cargo, Concepto, CorridaRecargos, Pago
from padron.fechas import hoy as hoy_local
from padron.models import Cartera, Cuenta, Titular
from tests.cobranza.libro.ayudas import D, cargo, saldo_de
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]

ABRIL = date(2025, 4, 1)


@pytest.fixture
def cartera():
    return CarteraFactory(tasa_recargo_mensual=D("1.47"), tope_recargos=D("100"))


def _recargos(cartera, dia=ABRIL, periodo=None):
    return recargos_generar(cartera=cartera, periodo=periodo or dia.replace(day=1), dia=dia)


def _recargo_de(cuenta, periodo=ABRIL):
    return Cargo.objects.filter(cuenta=cuenta, concepto=Concepto.RECARGO, periodo=periodo).first()


def test_tasa_sobre_el_principal_vencido_redondeada_al_centavo(cartera):
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 2, 20), date(2025, 2, 1))
    cargo(cuenta, Concepto.DRENAJE, "50.00", date(2025, 3, 20), date(2025, 3, 1))
    cargo(cuenta, Concepto.CONSUMO_AGUA, "999.00", date(2025, 4, 20), date(2025, 4, 1))  # not due

    corrida = _recargos(cartera)

    recargo = _recargo_de(cuenta)
    # 150.00 × 1.47 % = 2.205 → 2.21 (half-up, not banker's 2.20)
    assert recargo.monto == D("2.21")
    assert (recargo.saldo, recargo.fecha_emision, recargo.periodo) == (D("2.21"), ABRIL, ABRIL)
    assert "1.47% sobre $150.00" in recargo.descripcion
    assert (corrida.cuentas, corrida.total, corrida.repetida) == (1, D("2.21"), False)
    assert saldo_de(cuenta).saldo == D("1151.21")


def test_montos_de_varias_cuentas(cartera):
    montos = {"1234.56": D("18.15"), "0.33": D("0.00"), "10000.00": D("147.00"), "68.03": D("1.00")}
    cuentas = {}
    for monto in montos:
        cuenta = CuentaFactory(cartera=cartera)
        cargo(cuenta, Concepto.CAPITAL, monto, date(2025, 3, 1), date(2025, 3, 1))
        cuentas[monto] = cuenta

    corrida = _recargos(cartera)

    for monto, esperado in montos.items():
        recargo = _recargo_de(cuentas[monto])
        assert (recargo.monto if recargo else D("0.00")) == esperado, monto
    # 0.33 × 1.47 % = 0.0049 → $0.00: no cargo at all
    assert corrida.cuentas == 3
    assert corrida.total == D("166.15")


def test_sin_recargo_sobre_recargos_gastos_ni_multas(cartera, crear_usuario):
    supervisor = crear_usuario("supervisor")
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "200.00", date(2025, 2, 20), date(2025, 2, 1))
    cargo(cuenta, Concepto.RECARGO, "30.00", date(2025, 3, 1), date(2025, 3, 1))
    cargo(cuenta, Concepto.GASTO_EJECUCION, "500.00", date(2025, 3, 1))
    cargo(
        cuenta,
        Concepto.MULTA,
        "700.00",
        date(2025, 3, 1),
        descripcion="Toma clandestina",
        autorizado_por=supervisor,
    )

    _recargos(cartera)

    assert _recargo_de(cuenta).monto == D("2.94")  # 200.00 × 1.47 %


def test_el_tope_limita_los_recargos_pendientes(cartera):
    cartera.tope_recargos = D("10")
    cartera.save()
    cerca = CuentaFactory(cartera=cartera)
    cargo(cerca, Concepto.CONSUMO_AGUA, "1000.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(cerca, Concepto.RECARGO, "95.00", date(2025, 3, 1), date(2025, 3, 1))
    lleno = CuentaFactory(cartera=cartera)
    cargo(lleno, Concepto.CONSUMO_AGUA, "1000.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(lleno, Concepto.RECARGO, "100.00", date(2025, 3, 1), date(2025, 3, 1))

    _recargos(cartera)

    # tope 10 % of 1000.00 = 100.00; 95.00 pending → only 5.00 more (not 14.70)
    assert _recargo_de(cerca).monto == D("5.00")
    assert _recargo_de(lleno) is None


def test_recargos_pagados_no_cuentan_para_el_tope(cartera, crear_usuario):
    cartera.tope_recargos = D("10")
    cartera.save()
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "1000.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(cuenta, Concepto.RECARGO, "95.00", date(2025, 3, 1), date(2025, 3, 1))
    # prelación: the payment goes to the recargo first
    pago_registrar(
        cuenta=cuenta, monto="95.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 3, 2)
    )

    _recargos(cartera)

    assert _recargo_de(cuenta).monto == D("14.70")


def test_dias_de_gracia(cartera):
    cartera.dias_gracia_recargo = 10
    cartera.save()
    dentro = CuentaFactory(cartera=cartera)
    cargo(dentro, Concepto.CONSUMO_AGUA, "100.00", date(2025, 3, 22), date(2025, 3, 1))  # 10 días
    fuera = CuentaFactory(cartera=cartera)
    cargo(fuera, Concepto.CONSUMO_AGUA, "100.00", date(2025, 3, 21), date(2025, 3, 1))  # 11 días

    _recargos(cartera)

    assert _recargo_de(dentro) is None
    assert _recargo_de(fuera).monto == D("1.47")


def test_dos_corridas_del_mismo_mes_cobran_una_vez(cartera):
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 2, 20), date(2025, 2, 1))

    primera = _recargos(cartera)
    segunda = _recargos(cartera, dia=date(2025, 4, 15))

    assert Cargo.objects.filter(cuenta=cuenta, concepto=Concepto.RECARGO).count() == 1
    assert CorridaRecargos.objects.count() == 1
    assert (segunda.pk, segunda.repetida) == (primera.pk, True)
    assert saldo_de(cuenta).saldo == D("507.35")


def test_el_mes_siguiente_cobra_otra_vez_sobre_el_principal(cartera):
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 2, 20), date(2025, 2, 1))

    _recargos(cartera)
    _recargos(cartera, dia=date(2025, 5, 1))

    recargos = Cargo.objects.filter(cuenta=cuenta, concepto=Concepto.RECARGO).order_by("periodo")
    assert [r.monto for r in recargos] == [D("7.35"), D("7.35")]


def test_cuenta_con_recargo_manual_del_mes_no_se_cobra_de_nuevo(cartera):
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 2, 20), date(2025, 2, 1))
    cargo(cuenta, Concepto.RECARGO, "3.00", ABRIL, ABRIL)
    otra = CuentaFactory(cartera=cartera)
    cargo(otra, Concepto.CONSUMO_AGUA, "100.00", date(2025, 2, 20), date(2025, 2, 1))

    corrida = _recargos(cartera)

    assert _recargo_de(cuenta).monto == D("3.00")
    assert _recargo_de(otra).monto == D("1.47")
    assert corrida.cuentas == 1


def test_solo_la_cartera_indicada_y_cargos_vigentes(cartera):
    otra_cartera = CarteraFactory(clave="agua-pitiquito", nombre="OOMAPAS Pitiquito")
    ajena = CuentaFactory(cartera=otra_cartera)
    cargo(ajena, Concepto.CONSUMO_AGUA, "500.00", date(2025, 2, 20), date(2025, 2, 1))

    corrida = _recargos(cartera)

    assert corrida.cuentas == 0
    assert _recargo_de(ajena) is None


def test_el_saldo_a_favor_paga_el_recargo(cartera, crear_usuario):
    cuenta = CuentaFactory(cartera=cartera)
    pago = pago_registrar(
        cuenta=cuenta, monto="50.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 1, 5)
    )
    # A cargo loaded in bulk (as the demo data or a migration would) skips the saldo a favor.
    Cargo.objects.create(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        periodo=date(2025, 2, 1),
        fecha_emision=date(2025, 2, 1),
        fecha_vencimiento=date(2025, 2, 20),
        monto=D("100.00"),
        saldo=D("100.00"),
    )

    _recargos(cartera)

    recargo = _recargo_de(cuenta)
    pago.refresh_from_db()
    assert recargo.monto == D("1.47")
    assert recargo.saldo == D("0.00")  # the recargo goes first in the prelación
    assert pago.remanente == D("0.00")
    saldo = saldo_de(cuenta)
    assert (saldo.saldo, saldo.saldo_a_favor) == (D("51.47"), D("0.00"))


def test_mes_futuro_se_rechaza(cartera):
    with pytest.raises(ValidationError) as error:
        recargos_generar(cartera=cartera, periodo=date(2025, 5, 1), dia=ABRIL)
    assert "mes futuro" in error.value.message_dict["periodo"][0]
    assert not CorridaRecargos.objects.exists()


@pytest.mark.parametrize(
    "texto, esperado", [("2026-10", date(2026, 10, 1)), ("10/2026", date(2026, 10, 1))]
)
def test_periodo_leer(texto, esperado):
    assert periodo_leer(texto) == esperado


@pytest.mark.parametrize("texto", ["2026-13", "octubre", "", "2026-10-01"])
def test_periodo_leer_rechaza(texto):
    with pytest.raises(ValidationError) as error:
        periodo_leer(texto)
    assert "aaaa-mm" in error.value.message_dict["periodo"][0]


@pytest.mark.parametrize(
    "base, pendientes, tasa, tope, esperado",
    [
        ("150.00", "0", "1.47", "100", "2.21"),
        ("1000.00", "95.00", "1.47", "10", "5.00"),
        ("1000.00", "120.00", "1.47", "10", "0.00"),
        ("333.33", "0", "2", "100", "6.67"),
        ("100.00", "0", "0", "100", "0.00"),
    ],
)
def test_recargo_calcular(base, pendientes, tasa, tope, esperado):
    monto = recargo_calcular(base=D(base), pendientes=D(pendientes), tasa=D(tasa), tope=D(tope))
    assert monto == D(esperado)


def test_comando_cobrar_recargos(cartera, capsys):
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 2, 20), date(2025, 2, 1))
    hoy = hoy_local()
    periodo = f"{hoy:%Y-%m}"

    call_command("cobrar_recargos", "--periodo", periodo, "--cartera", cartera.clave)
    call_command("cobrar_recargos", "--periodo", periodo)

    salida = capsys.readouterr().out
    assert f"recargos de {hoy:%m/%Y} cobrados a 1 cuenta por $7.35" in salida
    assert "ya se habían cobrado" in salida
    assert Cargo.objects.filter(concepto=Concepto.RECARGO).count() == 1


def test_comando_cartera_inexistente(cartera):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No existe la cartera «nada»"):
        call_command("cobrar_recargos", "--periodo", "2025-04", "--cartera", "nada")


# --- set-based: the number of queries does not grow with the cuentas --------------------


def _cartera_con_morosos(clave, n):
    cartera = Cartera.objects.create(
        clave=clave, nombre=clave, tipo=Cartera.Tipo.AGUA, tasa_recargo_mensual=D("1.47")
    )
    titulares = Titular.objects.bulk_create(
        [Titular(nombre=f"Titular {clave} {i}", apellido_paterno="Pérez") for i in range(n)]
    )
    cuentas = Cuenta.objects.bulk_create(
        [Cuenta(numero=f"{clave}-{i}", titular=t, cartera=cartera) for i, t in enumerate(titulares)]
    )
    Cargo.objects.bulk_create(
        Cargo(
            cuenta=c,
            concepto=Concepto.CONSUMO_AGUA,
            periodo=date(2025, 2, 1),
            fecha_emision=date(2025, 2, 1),
            fecha_vencimiento=date(2025, 2, 20),
            monto=D("100.00") + i,
            saldo=D("100.00") + i,
        )
        for i, c in enumerate(cuentas)
    )
    saldos_recalcular(cuenta_ids=[c.pk for c in cuentas])
    return cartera


def _consultas(cartera):
    with CaptureQueriesContext(connection) as consultas:
        corrida = _recargos(cartera)
    return corrida, len(consultas)


@pytest.mark.postgres
def test_las_consultas_no_dependen_del_numero_de_cuentas():
    pequena = _cartera_con_morosos("chica", 10)
    grande = _cartera_con_morosos("grande", 2000)

    corrida_chica, consultas_chica = _consultas(pequena)
    corrida_grande, consultas_grande = _consultas(grande)

    assert corrida_chica.cuentas == 10
    assert corrida_grande.cuentas == 2000
    assert consultas_grande == consultas_chica
    assert consultas_grande <= 15
    # 100.00 + i, i = 0..1999, at 1.47 % each, rounded per cuenta
    esperado = sum(
        (Decimal(100 + i) * D("1.47") / 100).quantize(D("0.01"), rounding="ROUND_HALF_UP")
        for i in range(2000)
    )
    assert corrida_grande.total == esperado
    assert Pago.objects.count() == 0
    recargo = Cargo.objects.get(cuenta__numero="grande-1999", concepto=Concepto.RECARGO)
    assert recargo.monto == D("30.86")  # 2099.00 × 1.47 % = 30.8553
    assert recargo.cuenta.saldo.saldo == D("2129.86")


@pytest.mark.parametrize("tope, esperado", [("100", "6.32"), ("8", "4.40")])
def test_ejemplo_de_docs_libro(cartera, tope, esperado):
    """The worked example of docs/libro.md, to the centavo."""
    cartera.dias_gracia_recargo = 10
    cartera.tope_recargos = D(tope)
    cartera.save()
    cuenta = CuentaFactory(cartera=cartera)
    cargo(cuenta, Concepto.CONSUMO_AGUA, "250.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(cuenta, Concepto.DRENAJE, "180.00", date(2025, 2, 20), date(2025, 2, 1))
    cargo(cuenta, Concepto.CONSUMO_AGUA, "200.00", date(2025, 3, 25), date(2025, 3, 1))
    cargo(cuenta, Concepto.RECARGO, "30.00", date(2025, 3, 1), date(2025, 3, 1))
    cargo(cuenta, Concepto.GASTO_EJECUCION, "150.00", date(2025, 3, 5))

    _recargos(cartera)

    assert _recargo_de(cuenta).monto == D(esperado)


# --- property: the set-based SQL charges what recargo_calcular says, to the centavo ------

EJEMPLOS = itertools.count()
porcentaje = st.decimals(min_value=D("0.00"), max_value=D("150.00"), places=2)
cuenta_al_azar = st.tuples(
    # principal cargos: (monto, days past its due date on the run's day; ≤ 0: not yet due)
    st.lists(
        st.tuples(
            st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2), st.integers(-5, 60)
        ),
        min_size=1,
        max_size=3,
    ),
    st.one_of(st.none(), st.decimals(min_value=D("0.01"), max_value=D("5000.00"), places=2)),
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    tasa=st.decimals(min_value=D("0.00"), max_value=D("9.99"), places=2),
    tope=porcentaje,
    gracia=st.integers(0, 15),
    cuentas=st.lists(cuenta_al_azar, min_size=1, max_size=5),
)
def test_montos_iguales_a_recargo_calcular(tasa, tope, gracia, cuentas):
    dia = hoy_local()
    periodo = dia.replace(day=1)
    # A cartera of its own per example (the factory reuses its clave).
    cartera = CarteraFactory(
        clave=f"recargos-{next(EJEMPLOS)}",
        tasa_recargo_mensual=tasa,
        tope_recargos=tope,
        dias_gracia_recargo=gracia,
    )
    esperados = {}
    for principales, pendiente in cuentas:
        cuenta = CuentaFactory(cartera=cartera)
        base = D("0.00")
        for monto, dias in principales:
            vence = dia - timedelta(days=dias)
            Cargo.objects.create(
                cuenta=cuenta,
                concepto=Concepto.CONSUMO_AGUA,
                periodo=vence.replace(day=1),
                fecha_emision=vence,
                fecha_vencimiento=vence,
                monto=monto,
                saldo=monto,
            )
            if dias > gracia:
                base += monto
        if pendiente:
            Cargo.objects.create(
                cuenta=cuenta,
                concepto=Concepto.RECARGO,
                periodo=date(2020, 1, 1),
                fecha_emision=date(2020, 1, 1),
                fecha_vencimiento=date(2020, 1, 1),
                monto=pendiente,
                saldo=pendiente,
            )
        esperado = D("0.00")
        if base > 0:
            esperado = recargo_calcular(
                base=base, pendientes=pendiente or D("0.00"), tasa=tasa, tope=tope
            )
        esperados[cuenta.pk] = esperado
    saldos_recalcular(cuenta_ids=list(esperados), dia=dia)

    corrida = recargos_generar(cartera=cartera, periodo=periodo, dia=dia)

    cobrados = dict(
        Cargo.objects.filter(
            cuenta__cartera=cartera, concepto=Concepto.RECARGO, periodo=periodo
        ).values_list("cuenta_id", "monto")
    )
    assert {k: cobrados.get(k, D("0.00")) for k in esperados} == esperados
    assert corrida.total == sum(esperados.values(), D("0.00"))
    assert corrida.cuentas == sum(1 for v in esperados.values() if v > 0)
    # history rows for each, and the maintained saldo moved by the recargo
    assert (
        Cargo.history.filter(
            cuenta__cartera=cartera, concepto=Concepto.RECARGO, periodo=periodo, history_type="+"
        ).count()
        == corrida.cuentas
    )
    assert saldos_diferencias(dia=dia) == []
