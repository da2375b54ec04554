"""User story: the cashier takes cash (the change shows as she types) and a card (only its
fields show), then closes her corte counting bills and coins; on a phone nothing scrolls
sideways."""

from datetime import date

from cobranza.caja.models import CorteCaja
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Pago
from tests.factories import CuentaFactory


def _cuenta():
    cuenta = CuentaFactory(titular__nombre="Rosa", titular__apellido_paterno="Pérez")
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="800.00",
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    return cuenta


def _sin_desplazamiento(pagina):
    return pagina.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_caja_cobra_y_cierra_su_corte(pagina, entrar, crear_usuario):
    cuenta = _cuenta()
    entrar(pagina, crear_usuario("caja", first_name="Rosa", last_name="Valenzuela"))

    pagina.goto(f"/cuentas/{cuenta.numero}/pagar/")
    assert pagina.locator("#id_tarjeta_ultimos").is_hidden()
    pagina.fill("#id_monto", "451.50")
    pagina.fill("#id_efectivo_recibido", "500")
    assert pagina.locator("#cambio").inner_text() == "$48.50"
    pagina.click("button:has-text('Registrar pago')")
    assert pagina.locator("#cambio").inner_text() == "$48.50"  # the receipt, from the server

    pagina.goto(f"/cuentas/{cuenta.numero}/pagar/")
    pagina.fill("#id_monto", "100")
    pagina.check("input[name=forma_pago][value=tarjeta]")
    assert pagina.locator("#id_efectivo_recibido").is_hidden()
    pagina.select_option("#id_tipo_tarjeta", "debito")
    pagina.fill("#id_tarjeta_ultimos", "4321")
    pagina.fill("#id_autorizacion", "123456")
    pagina.click("button:has-text('Registrar pago')")
    assert "terminación 4321" in pagina.locator("#forma-pago").inner_text()

    pagina.goto("/caja/corte/")
    pagina.fill("#id_billete_200", "2")
    pagina.fill("#id_billete_50", "1")
    pagina.fill("#id_moneda_1", "1")
    assert pagina.locator("#efectivo-diferencia").inner_text().startswith("Faltante")
    pagina.fill("#id_moneda_0\\.50", "1")
    assert pagina.locator("#efectivo-contado").inner_text() == "$451.50"
    assert pagina.locator("#efectivo-diferencia").inner_text() == "Sin diferencia"
    pagina.fill("#id_tarjeta", "100.00")
    pagina.click("button:has-text('Cerrar el corte')")
    assert "Sin diferencias" in pagina.content()
    assert CorteCaja.objects.get().estado == "cerrado"
    assert Pago.objects.count() == 2


def test_las_paginas_de_caja_caben_en_un_telefono(pagina_telefono, entrar, crear_usuario):
    cuenta = _cuenta()
    entrar(pagina_telefono, crear_usuario("caja"))
    for url in (f"/cuentas/{cuenta.numero}/pagar/", "/caja/corte/", "/inicio/caja/"):
        pagina_telefono.goto(url)
        assert _sin_desplazamiento(pagina_telefono), url
    pagina_telefono.goto("/caja/corte/")
    pagina_telefono.click("button:has-text('Abrir corte')")
    assert _sin_desplazamiento(pagina_telefono)
