"""User story: ventanilla finds "perez" and reads the estado de cuenta; caja takes a payment."""

from datetime import date

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from tests.factories import CuentaFactory


def test_ventanilla_busca_y_caja_cobra(pagina, entrar, crear_usuario):
    cuenta = CuentaFactory(titular__nombre="Rosa", titular__apellido_paterno="Pérez")
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="800.00",
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    entrar(pagina, crear_usuario("ventanilla"))
    pagina.click("nav summary:has-text('Atención')")
    pagina.click("nav >> text=Buscar cuenta")
    pagina.fill("#id_q", "perez")
    pagina.click("button:has-text('Buscar')")
    pagina.click(f"#resultados >> text={cuenta.numero}")
    assert pagina.locator("#saldo").inner_text() == "$800.00"

    pagina.click("button:has-text('Salir')")
    entrar(pagina, crear_usuario("caja"))
    pagina.goto(f"/cuentas/{cuenta.numero}/pagar/")
    pagina.fill("#id_monto", "300.00")
    pagina.click("button:has-text('Registrar pago')")
    assert pagina.locator("#saldo-despues").inner_text() == "$500.00"
