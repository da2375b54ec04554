"""A payment is applied by prelación; overpayment stays as saldo a favor."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Pago
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]

D = Decimal


@pytest.fixture
def cajero(crear_usuario):
    return crear_usuario("caja")


def _cargo(cuenta, concepto, monto, vence, periodo=None):
    return cargo_registrar(
        cuenta=cuenta,
        concepto=concepto,
        monto=monto,
        fecha_vencimiento=vence,
        fecha_emision=date(2025, 1, 1),
        periodo=periodo,
    )


def test_prelacion_gastos_recargos_y_luego_el_principal_mas_antiguo(cajero):
    cuenta = CuentaFactory()
    enero = _cargo(cuenta, Concepto.CONSUMO_AGUA, "300.00", date(2025, 1, 20), date(2025, 1, 1))
    febrero = _cargo(cuenta, Concepto.CONSUMO_AGUA, "300.00", date(2025, 2, 20), date(2025, 2, 1))
    recargo = _cargo(cuenta, Concepto.RECARGO, "40.00", date(2025, 3, 1), date(2025, 3, 1))
    gasto = _cargo(cuenta, Concepto.GASTO_EJECUCION, "60.00", date(2025, 3, 5))

    pago = pago_registrar(
        cuenta=cuenta, monto="450.00", registrado_por=cajero, fecha=date(2025, 3, 10)
    )

    pagado = {a.cargo_id: a.monto for a in pago.aplicaciones.all()}
    assert pagado == {
        gasto.id: D("60.00"),
        recargo.id: D("40.00"),
        enero.id: D("300.00"),
        febrero.id: D("50.00"),
    }
    febrero.refresh_from_db()
    assert febrero.saldo == D("250.00")
    assert cuenta.saldo.saldo == D("250.00")
    assert pago.folio.startswith("R25-")


def test_la_prelacion_es_configurable_por_cartera(cajero):
    cuenta = CuentaFactory()
    cuenta.cartera.prelacion = [
        "principal",
        "recargos",
        "gastos_ejecucion",
        "multas_extraordinarios",
    ]
    cuenta.cartera.save()
    principal = _cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    recargo = _cargo(cuenta, Concepto.RECARGO, "10.00", date(2025, 1, 1), date(2025, 2, 1))
    pago = pago_registrar(
        cuenta=cuenta, monto="100.00", registrado_por=cajero, fecha=date(2025, 3, 1)
    )
    assert [a.cargo_id for a in pago.aplicaciones.all()] == [principal.id]
    recargo.refresh_from_db()
    assert recargo.saldo == D("10.00")


def test_pago_excedente_queda_a_favor_y_paga_el_siguiente_cargo(cajero):
    cuenta = CuentaFactory()
    _cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = pago_registrar(
        cuenta=cuenta, monto="150.00", registrado_por=cajero, fecha=date(2025, 1, 10)
    )
    cuenta.saldo.refresh_from_db()
    assert (cuenta.saldo.saldo, cuenta.saldo.saldo_a_favor) == (D("0.00"), D("50.00"))

    siguiente = _cargo(cuenta, Concepto.CONSUMO_AGUA, "80.00", date(2025, 2, 20), date(2025, 2, 1))

    siguiente.refresh_from_db()
    pago.refresh_from_db()
    assert siguiente.saldo == D("30.00")
    assert pago.remanente == D("0.00")
    assert siguiente.aplicaciones.get().pago == pago
    cuenta.saldo.refresh_from_db()
    assert (cuenta.saldo.saldo, cuenta.saldo.saldo_a_favor) == (D("30.00"), D("0.00"))


@pytest.mark.parametrize(
    "monto, mensaje",
    [
        ("0", "mayor que cero"),
        ("-5", "mayor que cero"),
        ("12.345", "dos decimales"),
        ("doce", "número"),
    ],
)
def test_montos_invalidos_se_rechazan_nombrando_el_campo(cajero, monto, mensaje):
    cuenta = CuentaFactory()
    with pytest.raises(ValidationError) as error:
        pago_registrar(cuenta=cuenta, monto=monto, registrado_por=cajero)
    assert mensaje in error.value.message_dict["monto"][0]
    assert not Pago.objects.exists()


def test_clave_de_idempotencia_devuelve_el_primer_pago(cajero):
    cuenta = CuentaFactory()
    _cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))
    primero = pago_registrar(
        cuenta=cuenta, monto="60.00", registrado_por=cajero, clave_idempotencia="abc"
    )
    segundo = pago_registrar(
        cuenta=cuenta, monto="60.00", registrado_por=cajero, clave_idempotencia="abc"
    )
    assert primero.pk == segundo.pk
    assert Pago.objects.count() == 1
    cuenta.saldo.refresh_from_db()
    assert cuenta.saldo.saldo == D("40.00")


def test_el_folio_se_toma_al_final_y_queda_en_el_historial(crear_usuario):
    """The receipt folio is the last thing taken (the series row is locked only until the
    commit), yet the receipt, the pago's history rows and a failed payment behave as before."""
    from unittest import mock

    from cobranza.libro.services import pagos as servicio
    from cobranza.models import Pago as PagoModelo
    from padron.fechas import hoy

    cuenta = CuentaFactory()
    caja = crear_usuario("caja")
    orden = []
    tomar = servicio.folio_asignar

    def folio_espiado(serie, **kwargs):
        orden.append("folio")
        return tomar(serie, **kwargs)

    recalcular = servicio.saldo_recalcular

    def recalcular_espiado(**kwargs):
        orden.append("saldo")
        return recalcular(**kwargs)

    with (
        mock.patch.object(servicio, "folio_asignar", folio_espiado),
        mock.patch.object(servicio, "saldo_recalcular", recalcular_espiado),
    ):
        primero = pago_registrar(cuenta=cuenta, monto="100.00", registrado_por=caja)
    assert orden == ["saldo", "folio"]
    assert primero.folio == f"R{hoy():%y}-000001"
    assert set(PagoModelo.history.filter(id=primero.pk).values_list("folio", flat=True)) == {
        primero.folio
    }
    with mock.patch.object(servicio, "pago_registrado") as senal:
        senal.send.side_effect = RuntimeError("falla un receptor")
        with pytest.raises(RuntimeError):
            pago_registrar(cuenta=cuenta, monto="50.00", registrado_por=caja)
    segundo = pago_registrar(cuenta=cuenta, monto="50.00", registrado_por=caja)
    assert segundo.folio == f"R{hoy():%y}-000002"  # the failed payment left no hole


# A payment at the counter through the API: session-less token auth, the user's groups and
# permissions (one query), the cuenta's id, its cartera (FOR SHARE, so that cashiers of one
# cartera do not wait for each other: padron.bloqueos) and its row locked, the corte, the
# cargos it reaches in prelación (a live convenio's first, in the same query), the pago with
# its history, the cargos' saldos with their history and the aplicaciones (one statement on
# PostgreSQL), the saldo row, the folio, the cortes receiver: fixed, however many cargos it
# pays (the receipt reads nothing again; no convenio's cargo paid, no look for a convenio).
MAXIMO_PAGO = 14  # with the test transaction's SAVEPOINT and RELEASE
MAXIMO_PAGO_SQLITE = 21  # no data-modifying WITH there: history rows written apart


def test_un_pago_hace_las_mismas_consultas_pague_uno_o_tres_cargos(
    cliente_api, cajero, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cobranza.models import Cargo

    api = cliente_api(cajero)
    una, tres = CuentaFactory(), CuentaFactory()
    for cuenta in (una, tres):
        # Four months: neither payment settles the cuenta (paying everything adds the PEC's
        # look for an expediente to close, a query of its own).
        for mes in (1, 2, 3, 4):
            _cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, mes, 20), date(2025, mes, 1))
    api.post(f"/api/v1/cuentas/{una.numero}/pagos/", {"monto": "10.00"}, format="json")

    with CaptureQueriesContext(connection) as de_uno:
        uno = api.post(f"/api/v1/cuentas/{una.numero}/pagos/", {"monto": "90.00"}, format="json")
    maximo = MAXIMO_PAGO if connection.vendor == "postgresql" else MAXIMO_PAGO_SQLITE
    with django_assert_max_num_queries(maximo) as de_tres:
        todos = api.post(
            f"/api/v1/cuentas/{tres.numero}/pagos/", {"monto": "300.00"}, format="json"
        )

    assert len(de_tres) == len(de_uno)
    assert (uno.status_code, todos.status_code) == (201, 201)
    assert [a["monto"] for a in uno.json()["aplicaciones"]] == ["90.00"]
    assert uno.json()["saldo_despues"] == "300.00"
    assert [a["monto"] for a in todos.json()["aplicaciones"]] == ["100.00"] * 3
    assert (todos.json()["remanente"], todos.json()["saldo_despues"]) == ("0.00", "100.00")
    # Each cargo paid keeps its history row, in the cashier's name; the pago has one, numbered.
    pagados = Cargo.objects.filter(cuenta=tres, saldo=0)
    assert pagados.count() == 3
    for cargo in pagados:
        ultimo = cargo.history.order_by("-history_id").first()
        assert (ultimo.history_type, ultimo.saldo, ultimo.history_user) == ("~", 0, cajero)
    pago = Pago.objects.get(folio=todos.json()["folio"])
    assert list(pago.history.values_list("history_type", "remanente", "folio")) == [
        ("+", D("0.00"), pago.folio)
    ]


def test_en_un_enunciado_y_por_separado_escriben_las_mismas_filas(cliente_api, cajero, monkeypatch):
    """PostgreSQL writes the pago and its history, and the cargos, their history and the
    aplicaciones, in one statement each; SQLite with the ORM and simple_history. The same rows
    either way (switched off here on PostgreSQL to compare)."""
    from django.db import connection

    import padron.sql
    from cobranza.models import Aplicacion

    if connection.vendor != "postgresql":
        pytest.skip("un solo enunciado: solo PostgreSQL")
    api = cliente_api(cajero)

    def pagar(un_solo):
        monkeypatch.setattr(padron.sql, "un_solo_enunciado", lambda: un_solo)
        cuenta = CuentaFactory()
        for mes, monto in ((1, "120.00"), (2, "80.00"), (3, "100.00")):
            _cargo(cuenta, Concepto.CONSUMO_AGUA, monto, date(2025, mes, 20), date(2025, mes, 1))
        respuesta = api.post(
            f"/api/v1/cuentas/{cuenta.numero}/pagos/", {"monto": "250.00"}, format="json"
        )
        assert respuesta.status_code == 201
        pago = Pago.objects.get(folio=respuesta.json()["folio"])
        aplicaciones = [
            (a.cargo.periodo, a.monto, a.fecha)
            for a in Aplicacion.objects.filter(pago=pago).select_related("cargo").order_by("id")
        ]
        cargos = [
            (h.periodo, h.history_type, h.saldo, h.history_user_id, h.history_change_reason)
            for c in cuenta.cargos.order_by("periodo")
            for h in c.history.order_by("history_id")
        ]
        historial_pago = list(
            pago.history.values_list("history_type", "remanente", "history_user_id", "banco")
        )
        recibo = [
            (a["concepto"], a["periodo"], a["monto"]) for a in respuesta.json()["aplicaciones"]
        ]
        return recibo, aplicaciones, cargos, historial_pago

    assert pagar(True) == pagar(False)
    recibo, aplicaciones, cargos, historial_pago = pagar(True)
    assert [monto for _, _, monto in recibo] == ["120.00", "80.00", "50.00"]
    assert [m for _, m, _ in aplicaciones] == [D("120.00"), D("80.00"), D("50.00")]
    # Each cargo: its "+" on creation, then the payment's "~" in the cashier's name.
    assert [(t, s, u) for _, t, s, u, _ in cargos] == [
        ("+", D("120.00"), None),
        ("~", D("0.00"), cajero.pk),
        ("+", D("80.00"), None),
        ("~", D("0.00"), cajero.pk),
        ("+", D("100.00"), None),
        ("~", D("50.00"), cajero.pk),
    ]
    assert historial_pago == [("+", D("0.00"), cajero.pk, "")]
