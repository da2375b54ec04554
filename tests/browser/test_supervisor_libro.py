"""User story: a supervisor reverses a bounced payment, condones part of a cargo, and finds
both in the list of ajustes y reversiones with her name."""

import os
from datetime import date

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Pago
from tests.browser.conftest import CAPTURAS
from tests.factories import CuentaFactory


def _capturar(pagina, nombre):
    # CAPTURAR_PANTALLAS=1 keeps the screens for a person to look at.
    if os.environ.get("CAPTURAR_PANTALLAS"):
        CAPTURAS.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(CAPTURAS / f"{nombre}.png"), full_page=True)


def test_supervisor_revierte_un_pago_y_condona_un_cargo(pagina, entrar, crear_usuario):
    supervisora = crear_usuario("supervisor", first_name="Lucía", last_name="Moreno")
    cuenta = CuentaFactory(numero="2024-0107")
    consumo = cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="640.00",
        fecha_vencimiento=date(2025, 1, 20),
        fecha_emision=date(2025, 1, 1),
        periodo=date(2025, 1, 1),
    )
    pago = pago_registrar(
        cuenta=cuenta, monto="250.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 2, 3)
    )
    entrar(pagina, supervisora)

    pagina.goto(f"/pagos/{pago.folio}/revertir/")
    assert "$250.00" in pagina.locator("#pago").inner_text()
    pagina.click("button:has-text('Revertir pago')")
    assert "Marque la casilla" in pagina.locator("#form-reversion").inner_text()
    _capturar(pagina, "libro_reversion_error")
    pagina.fill("#id_motivo", "Cheque devuelto por falta de fondos")
    pagina.check("#id_confirmar")
    pagina.click("button:has-text('Revertir pago')")
    assert f"Pago {pago.folio} por $250.00 revertido" in pagina.locator(".mensajes").inner_text()
    pago.refresh_from_db()
    assert pago.estado == Pago.Estado.REVERTIDO

    pagina.goto(f"/cargos/{consumo.pk}/ajustar/")
    assert "$640.00" in pagina.locator("#saldo-cargo").inner_text()
    pagina.select_option("#id_tipo", "condonacion")
    pagina.fill("#id_monto", "100")
    pagina.fill("#id_motivo", "Programa de adultos mayores")
    _capturar(pagina, "libro_ajuste")
    pagina.click("button:has-text('Registrar ajuste')")
    assert "Condonación de $100.00 registrada" in pagina.locator(".mensajes").inner_text()

    pagina.goto("/")
    pagina.click("#panel-libro >> text=Ajustes y reversiones")
    tabla = pagina.locator("#movimientos").inner_text()
    _capturar(pagina, "libro_lista")
    assert "Reversión de pago" in tabla and pago.folio in tabla
    assert "Condonación" in tabla and "Programa de adultos mayores" in tabla
    assert "Lucía Moreno" in tabla
