"""Conciliation: the maintained balances agree with the ledger, and a difference is reported
and fixed. A property test drives random sequences of ledger operations."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.conciliacion import saldos_conciliar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.libro.services.saldos import saldos_diferencias, saldos_recalcular
from cobranza.models import Ajuste, Cargo, Concepto, Pago, SaldoCuenta
from cobranza.tasks import conciliar_saldos
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import D, a_favor_de, cargo, libro_de, saldo_de
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def cuenta_con_movimientos(supervisor):
    cuenta = CuentaFactory()
    cargo(cuenta, Concepto.CONSUMO_AGUA, "300.00", date(2025, 1, 20), date(2025, 1, 1))
    cargo(cuenta, Concepto.DRENAJE, "80.00", date(2025, 2, 20), date(2025, 2, 1))
    pago_registrar(cuenta=cuenta, monto="120.00", registrado_por=supervisor, fecha=date(2025, 2, 1))
    return cuenta


def test_sin_diferencias_despues_de_operar(cuenta_con_movimientos, capsys):
    assert saldos_diferencias() == []

    call_command("conciliar_saldos", "--verificar")

    assert f"Saldos conciliados al {hoy():%d/%m/%Y}: sin diferencias." in capsys.readouterr().out


def test_verificar_informa_y_sale_con_error_sin_corregir(cuenta_con_movimientos, capsys):
    SaldoCuenta.objects.filter(cuenta=cuenta_con_movimientos).update(saldo=D("1.00"))

    with pytest.raises(SystemExit) as salida:
        call_command("conciliar_saldos", "--verificar")

    assert salida.value.code == 1
    texto = capsys.readouterr().out
    assert "1 diferencia en 1 cuenta" in texto
    assert "1 en columnas del libro" in texto
    assert (
        f"cuenta {cuenta_con_movimientos.numero}: saldo guardado 1.00, según el libro 260.00"
        in texto
    )
    assert "Solo verificación: no se corrigió nada." in texto
    assert saldo_de(cuenta_con_movimientos).saldo == D("1.00")


def test_sin_verificar_corrige_y_luego_concilia(cuenta_con_movimientos, capsys):
    SaldoCuenta.objects.filter(cuenta=cuenta_con_movimientos).update(
        saldo=D("1.00"), ultimo_pago_monto=None
    )

    call_command("conciliar_saldos")

    texto = capsys.readouterr().out
    assert "2 diferencias en 1 cuenta" in texto
    assert "Saldos recalculados desde el libro: 1 cuenta." in texto
    assert saldo_de(cuenta_con_movimientos).saldo == D("260.00")
    assert saldos_diferencias() == []
    call_command("conciliar_saldos", "--verificar")


def test_el_cambio_de_dia_mueve_el_saldo_vencido(supervisor):
    cuenta = CuentaFactory()
    ayer = hoy() - timedelta(days=1)
    # Registered yesterday (as yesterday's balance), due yesterday: past due from today on.
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", ayer, emision=ayer - timedelta(days=30))
    from cobranza.libro.services.saldos import saldo_recalcular

    saldo_recalcular(cuenta_id=cuenta.pk, dia=ayer)
    assert saldo_de(cuenta).saldo_vencido == D("0.00")

    resultado = saldos_conciliar()

    columnas = {d[1] for d in resultado.diferencias}
    assert "saldo_vencido" in columnas
    assert resultado.del_libro == []
    saldo = saldo_de(cuenta)
    assert (saldo.saldo_vencido, saldo.calculado_al, saldo.antiguedad) == (
        D("100.00"),
        hoy(),
        "1-30",
    )


def test_tarea_nocturna(cuenta_con_movimientos):
    SaldoCuenta.objects.filter(cuenta=cuenta_con_movimientos).update(saldo_a_favor=D("9.99"))

    resultado = conciliar_saldos.delay().get()

    assert resultado["diferencias"] == 1
    assert resultado["del_libro"] == 1
    assert resultado["recalculadas"] >= 1
    assert saldos_diferencias() == []


def _versiones_de_saldos():
    """Each saldo row's version: xmin on PostgreSQL changes with every write, even an
    identical one; elsewhere the whole row (a write there would change calculado_al)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT cuenta_id, xmin::text FROM cobranza_saldocuenta")
            return dict(cursor.fetchall())
    return {s["cuenta_id"]: s for s in SaldoCuenta.objects.values()}


def test_sin_diferencias_no_escribe_ningun_renglon(cuenta_con_movimientos, supervisor):
    otra = CuentaFactory()
    cargo(otra, Concepto.CONSUMO_AGUA, "90.00", date(2025, 3, 20), date(2025, 3, 1))
    # Computed a month ago: nothing of these cuentas moved since, so nothing is stale.
    SaldoCuenta.objects.update(calculado_al=hoy() - timedelta(days=30))
    antes = _versiones_de_saldos()

    resultado = saldos_conciliar()

    assert (resultado.diferencias, resultado.corregidas) == ([], 0)
    assert _versiones_de_saldos() == antes
    assert resultado.lineas()[-1] == f"Saldos conciliados al {hoy():%d/%m/%Y}: sin diferencias."


def test_corrige_solo_la_cuenta_que_difiere_y_crea_la_que_falta(cuenta_con_movimientos):
    sana = CuentaFactory()
    cargo(sana, Concepto.CONSUMO_AGUA, "90.00", date(2025, 3, 20), date(2025, 3, 1))
    sin_renglon = CuentaFactory()
    cargo(sin_renglon, Concepto.DRENAJE, "45.50", date(2025, 3, 20), date(2025, 3, 1))
    SaldoCuenta.objects.filter(cuenta=sin_renglon).delete()
    SaldoCuenta.objects.filter(cuenta=cuenta_con_movimientos).update(saldo=D("1.00"))
    version_sana = _versiones_de_saldos()[sana.pk]

    resultado = saldos_conciliar()

    assert resultado.corregidas == 2
    assert {(d[0], d[1]) for d in resultado.diferencias} == {
        (cuenta_con_movimientos.pk, "saldo"),
        (sin_renglon.pk, "renglon"),
    }
    assert saldo_de(cuenta_con_movimientos).saldo == D("260.00")
    assert (saldo_de(sin_renglon).saldo, saldo_de(sin_renglon).saldo_vencido) == (
        D("45.50"),
        D("45.50"),
    )
    assert _versiones_de_saldos()[sana.pk] == version_sana
    assert saldos_diferencias() == []


def test_ultimo_pago_es_el_mas_reciente_aplicado(supervisor):
    cuenta = CuentaFactory()
    cargo(cuenta, Concepto.CONSUMO_AGUA, "500.00", date(2025, 3, 20), date(2025, 3, 1))
    pago_registrar(cuenta=cuenta, monto="10.00", registrado_por=supervisor, fecha=date(2025, 3, 1))
    pago_registrar(cuenta=cuenta, monto="20.00", registrado_por=supervisor, fecha=date(2025, 4, 1))
    revertido = pago_registrar(
        cuenta=cuenta, monto="30.00", registrado_por=supervisor, fecha=date(2025, 4, 2)
    )
    pago_revertir(pago=revertido, motivo="Cheque sin fondos", autorizado_por=supervisor)
    SaldoCuenta.objects.filter(cuenta=cuenta).update(ultimo_pago_fecha=None, ultimo_pago_monto=None)

    saldos_conciliar()

    saldo = saldo_de(cuenta)
    assert (saldo.ultimo_pago_fecha, saldo.ultimo_pago_monto) == (date(2025, 4, 1), D("20.00"))


# --- property: random sequences of operations keep ledger and balances in step ------------

CONCEPTOS = [Concepto.CONSUMO_AGUA, Concepto.DRENAJE, Concepto.RECARGO, Concepto.CAPITAL]
montos = st.decimals(min_value=D("0.01"), max_value=D("900.00"), places=2)
operacion = st.one_of(
    st.tuples(
        st.just("cargo"),
        st.integers(0, 1),
        st.sampled_from(CONCEPTOS),
        montos,
        st.integers(-90, 30),
    ),
    st.tuples(st.just("pago"), st.integers(0, 1), montos),
    st.tuples(st.just("revertir"), st.integers(0, 20)),
    st.tuples(
        st.just("ajuste"),
        st.integers(0, 30),
        st.sampled_from(Ajuste.Tipo.values),
        st.integers(1, 100),
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operaciones=st.lists(operacion, min_size=1, max_size=14))
def test_operaciones_al_azar_conservan_el_libro_y_los_saldos(operaciones, supervisor):
    dia = hoy()
    cuentas = [CuentaFactory(), CuentaFactory()]
    # A new cuenta gets its balance row at its first movement or the nightly run.
    saldos_recalcular(cuenta_ids=[c.pk for c in cuentas])
    cargos, pagos = [], []
    for op in operaciones:
        try:
            if op[0] == "cargo":
                _, i, concepto, monto, dias = op
                vence = dia + timedelta(days=dias)
                cargos.append(
                    cargo_registrar(
                        cuenta=cuentas[i],
                        concepto=concepto,
                        monto=monto,
                        fecha_vencimiento=vence,
                        fecha_emision=min(vence, dia),
                        periodo=vence.replace(day=1) if concepto != Concepto.RECARGO else None,
                    )
                )
            elif op[0] == "pago":
                _, i, monto = op
                pagos.append(
                    pago_registrar(cuenta=cuentas[i], monto=monto, registrado_por=supervisor)
                )
            elif op[0] == "revertir" and pagos:
                pago_revertir(
                    pago=pagos[op[1] % len(pagos)], motivo="Prueba", autorizado_por=supervisor
                )
            elif op[0] == "ajuste" and cargos:
                _, j, tipo, porcentaje = op
                elegido = Cargo.objects.get(pk=cargos[j % len(cargos)].pk)
                monto = None
                if tipo != Ajuste.Tipo.CANCELACION:
                    monto = max(D("0.01"), (elegido.saldo * porcentaje / 100).quantize(D("0.01")))
                ajuste_registrar(
                    cargo=elegido,
                    tipo=tipo,
                    monto=monto,
                    motivo="Prueba",
                    autorizado_por=supervisor,
                )
        except ValidationError:
            pass  # refused operations (paid cargo, double reversal) must leave nothing behind

    assert saldos_diferencias() == []
    for cuenta in cuentas:
        saldo = saldo_de(cuenta)
        assert libro_de(cuenta) == saldo.saldo
        assert a_favor_de(cuenta) == saldo.saldo_a_favor
        for c in Cargo.objects.filter(cuenta=cuenta):
            assert D("0.00") <= c.saldo <= c.monto
            if c.estado == Cargo.Estado.CANCELADO:
                assert c.saldo == D("0.00")
        # money never sits unapplied while something is owed on a live cargo
        if saldo.saldo_a_favor > 0:
            assert not Cargo.objects.filter(
                cuenta=cuenta, saldo__gt=0, estado=Cargo.Estado.VIGENTE
            ).exists()
        for pago in Pago.objects.filter(cuenta=cuenta, estado=Pago.Estado.REVERTIDO):
            assert sum(a.monto for a in pago.aplicaciones.all()) == D("0.00")
