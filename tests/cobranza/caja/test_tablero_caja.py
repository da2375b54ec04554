"""Caja's home: today's receipts (latest first), totals by forma de pago, the open corte."""

import pytest

from cobranza.libro.services.pagos import pago_registrar, pago_revertir

pytestmark = pytest.mark.django_db


def test_inicio_de_caja(client, cuenta, cajero, supervisor, django_assert_max_num_queries):
    pago_registrar(cuenta=cuenta, monto="100.00", registrado_por=cajero)
    pago_registrar(
        cuenta=cuenta,
        monto="50.00",
        registrado_por=cajero,
        forma_pago="tarjeta",
        tipo_tarjeta="debito",
        tarjeta_ultimos="1111",
        autorizacion="9",
    )
    ultimo = pago_registrar(cuenta=cuenta, monto="25.00", registrado_por=cajero)
    revertido = pago_registrar(cuenta=cuenta, monto="7.00", registrado_por=cajero)
    pago_revertir(pago=revertido, motivo="Duplicado", autorizado_por=supervisor)
    pago_registrar(cuenta=cuenta, monto="999.00", registrado_por=supervisor)  # someone else's
    client.force_login(cajero)
    with django_assert_max_num_queries(14):
        respuesta = client.get("/inicio/caja/")
    html = respuesta.content.decode()
    assert "Cobrado hoy: $175.00" in html
    assert '<td>Efectivo</td><td class="num">$125.00</td>' in html
    assert '<td>Tarjeta</td><td class="num">$50.00</td>' in html
    assert "4 recibos de hoy" in html and "1 recibo revertido hoy" in html
    assert "$999.00" not in html
    recibos = respuesta.context["caja_recibos"]
    assert recibos[1] == ultimo  # latest first (the reversed one came after it)
    assert f"Corte <b>{ultimo.corte.folio}</b> abierto" in html
    assert "Cerrar el corte" in html


def test_inicio_de_caja_sin_cobros(client, cajero):
    client.force_login(cajero)
    html = client.get("/inicio/caja/").content.decode()
    assert "Todavía no ha cobrado hoy." in html and "Abrir corte" in html
