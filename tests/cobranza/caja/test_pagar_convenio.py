"""The payment page with a convenio: the parcialidad due is shown, proposed and paid first."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Pago
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from tests.conftest import momento
from tests.convenios.conftest import HOY, deudor, politica  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.fecha, pytest.mark.hoy("2026-03-10")]
D = Decimal


@pytest.fixture
def convenio(deudor, politica, crear_usuario, cajero, client):  # noqa: F811
    """$3,300 in an enganche of $660 (paid) and 6 × $440, signed on 10/03/2026."""
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=crear_usuario("ventanilla"),
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    convenio = convenio_firmar(convenio=convenio, usuario=crear_usuario("ventanilla"), dia=HOY)
    client.force_login(cajero)
    _pagar(client, deudor, "660.00")  # the enganche
    convenio.cajero = cajero
    return convenio


def _pagar(client, cuenta, monto, **datos):
    pagina = client.get(f"/cuentas/{cuenta.numero}/pagar/")
    campos = {
        "monto": monto,
        "forma_pago": "efectivo",
        "canal": "caja",
        "clave": pagina.context["form"].initial["clave"],
        **datos,
    }
    return client.post(f"/cuentas/{cuenta.numero}/pagar/", campos, follow=True)


def _pagado(convenio):
    return list(convenio.parcialidades.order_by("numero").values_list("pagado", flat=True))


def test_muestra_la_parcialidad_vencida_y_propone_su_monto(
    convenio,
    deudor,  # noqa: F811
    client,
    reloj,
):
    primera = convenio.parcialidades.get(numero=1)
    reloj.move_to(momento((primera.fecha_vencimiento + timedelta(days=3)).isoformat()))
    client.force_login(convenio.cajero)  # a new day, a new session
    pagina = client.get(f"/cuentas/{deudor.numero}/pagar/")
    html = pagina.content.decode()
    assert f"Convenio {convenio.folio}: parcialidad 1" in html
    assert primera.fecha_vencimiento.strftime("%d/%m/%Y") in html
    assert "Vencido: $440.00 (1 parcialidad)" in html
    assert pagina.context["form"].initial["monto"] == "440.00"


def test_el_pago_cubre_primero_la_parcialidad_que_vence(
    convenio,
    deudor,  # noqa: F811
    client,
    reloj,
):
    """Even with a recargo outside the convenio (the prelación would pay recargos first)."""
    segunda = convenio.parcialidades.get(numero=2)
    reloj.move_to(momento((segunda.fecha_vencimiento + timedelta(days=1)).isoformat()))
    client.force_login(convenio.cajero)  # a new day, a new session
    ajeno = cargo_registrar(
        cuenta=deudor,
        concepto=Concepto.RECARGO,
        monto="75.00",
        periodo=date(2026, 4, 1),
        fecha_emision=date(2026, 4, 1),
        fecha_vencimiento=date(2026, 4, 1),
    )
    pagina = client.get(f"/cuentas/{deudor.numero}/pagar/")
    assert "Vencido: $880.00 (2 parcialidades)" in pagina.content.decode()
    assert pagina.context["form"].initial["monto"] == "880.00"

    respuesta = _pagar(client, deudor, "500.00", efectivo_recibido="1000")

    assert _pagado(convenio) == [D("660.00"), D("440.00"), D("60.00")] + [D("0.00")] * 4
    ajeno.refresh_from_db()
    assert ajeno.saldo == D("75.00")
    html = respuesta.content.decode()
    assert f"Convenio <b>{convenio.folio}</b>: parcialidad 1 $440.00, parcialidad 2 $60.00" in html
    assert 'id="cambio">$500.00<' in html
    pago = Pago.objects.latest("id")
    assert (pago.efectivo_recibido, pago.cambio) == (D("1000.00"), D("500.00"))


def test_sin_convenio_no_hay_parcialidad(client, cajero, cuenta):
    client.force_login(cajero)
    pagina = client.get(f"/cuentas/{cuenta.numero}/pagar/")
    assert pagina.context["por_pagar"] is None
    assert "parcialidad" not in pagina.content.decode()
