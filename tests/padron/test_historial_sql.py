"""padron.historial.crear: the row and its "+" history row, as simple_history writes them."""

from datetime import date
from decimal import Decimal

import pytest

from cobranza.models import Pago
from padron import historial
from tests.catalogo import columnas_indexadas, llaves_foraneas
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


def test_crear_escribe_la_fila_y_su_historial_con_los_valores_de_la_base(crear_usuario):
    cajero = crear_usuario("caja")
    cuenta = CuentaFactory()
    # banco and numero_cheque left out: their db_default fills them, and the instance learns it.
    pago = Pago(
        cuenta=cuenta,
        fecha=date(2026, 3, 2),
        monto=Decimal("150.50"),
        remanente=Decimal("150.50"),
        canal=Pago.Canal.BANCO,
        referencia="ABC-1",
        forma_pago=Pago.FormaPago.TRANSFERENCIA,
        registrado_por=cajero,
    )

    historial.crear(pago, usuario=cajero)

    guardado = Pago.objects.get(pk=pago.pk)
    assert (guardado.monto, guardado.referencia, guardado.banco) == (Decimal("150.50"), "ABC-1", "")
    assert (pago.banco, pago.registrado) == ("", guardado.registrado)
    assert not pago._state.adding
    fila = guardado.history.get()
    assert (fila.history_type, fila.monto, fila.referencia, fila.history_user) == (
        "+",
        Decimal("150.50"),
        "ABC-1",
        cajero,
    )


# --- the history of what is written by the thousand -----------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize(
    "tabla",
    ["cobranza_historicalpago", "cobranza_historicalcargo", "cobranza_historicalordencorte"],
)
def test_el_historial_de_alto_volumen_solo_indexa_el_id(tabla):
    # Every payment writes these rows (and a corte list tens of thousands): each index more
    # was an entry more per row, and the user's foreign key a check per row at commit.
    assert columnas_indexadas(tabla) == {"history_id", "id"}
    assert llaves_foraneas(tabla) == 0


def test_el_historial_de_un_pago_se_sigue_leyendo_por_su_id_con_su_usuario(crear_usuario):
    cajero = crear_usuario("caja")
    pago = Pago(
        cuenta=CuentaFactory(),
        fecha=date(2026, 3, 2),
        monto=Decimal("80.00"),
        remanente=Decimal("80.00"),
        registrado_por=cajero,
    )
    historial.crear(pago, usuario=cajero)
    pago.remanente = Decimal("0.00")
    pago._change_reason, pago._history_user = "aplicado", cajero
    pago.save(update_fields=["remanente"])

    filas = list(pago.history.order_by("history_date", "history_id"))

    assert [(f.history_type, f.remanente, f.history_user) for f in filas] == [
        ("+", Decimal("80.00"), cajero),
        ("~", Decimal("0.00"), cajero),
    ]
