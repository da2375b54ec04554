"""User story: ventanilla opens «Últimos movimientos» on the account page and reads the newest
events, fetched only then (the page itself does not pay for the timeline)."""

from datetime import date

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from tests.factories import CuentaFactory


def test_ventanilla_abre_los_ultimos_movimientos(pagina, entrar, crear_usuario):
    cuenta = CuentaFactory()
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="800.00",
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    entrar(pagina, crear_usuario("ventanilla"))
    pagina.goto(f"/cuentas/{cuenta.numero}/")
    movimientos = pagina.locator("#ultimos-movimientos")
    assert "Cargando" in movimientos.inner_text() or not movimientos.locator("table").count()

    pagina.click("#ultimos-movimientos summary")
    movimientos.locator("text=$800.00").first.wait_for(timeout=15_000)
    assert "Cargando" not in movimientos.inner_text()
