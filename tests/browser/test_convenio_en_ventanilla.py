"""User story: a debtor walks in. Ventanilla finds the account, simulates the alternatives,
captures a 6-parcialidad convenio within its limits and prints it; a second convenio, beyond
its limits, waits for the supervisor, who authorises it."""

import io
from datetime import date

from pypdf import PdfReader

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from convenios.models import Convenio
from tests.factories import CuentaFactory


def _otra_cuenta(cartera):
    cuenta = CuentaFactory(
        cartera=cartera, titular__nombre="Ramón", titular__apellido_paterno="Soto"
    )
    for mes in (6, 7, 8, 9):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1250.00",
            periodo=date(2026, mes, 1),
            fecha_emision=date(2026, mes, 1),
            fecha_vencimiento=date(2026, mes, 20),
        )
    return cuenta


def test_convenio_en_ventanilla_y_autorizacion_del_supervisor(
    pagina,
    entrar,
    crear_usuario,
    deudor,
    politica,
):
    otra = _otra_cuenta(politica["cartera"])
    entrar(pagina, crear_usuario("ventanilla"))

    # 1. finds the account and sees what the policy allows, side by side
    pagina.click("nav summary:has-text('Atención')")
    pagina.click("nav >> text=Buscar cuenta")
    pagina.fill("#id_q", deudor.numero)
    pagina.click("button:has-text('Buscar')")
    pagina.click(f"#resultados >> text={deudor.numero}")
    pagina.click("#negociar")
    assert pagina.locator("#adeudo-total").inner_text() == "$3,300.00"
    alternativas = pagina.locator("#alternativas")
    assert "Contado con descuento" in alternativas.inner_text()

    # 2. captures 6 parcialidades without discount: within ventanilla's limits
    pagina.locator("#alternativas a:has-text('Capturar convenio')").nth(1).click()
    pagina.fill("#id_numero_parcialidades", "6")
    pagina.fill("#id_descuento_recargos_pct", "0")
    pagina.click("button:has-text('Recalcular')")
    assert pagina.locator("#total").inner_text() == "$3,300.00"
    assert "Dentro de los límites" in pagina.locator("#autorizacion").inner_text()
    pagina.click("button:has-text('Capturar convenio')")
    assert pagina.locator("#estado").inner_text() == "Autorizado"
    assert pagina.locator("#parcialidades tr").count() == 8  # header, enganche and 6
    folio = Convenio.objects.get(cuenta=deudor).folio

    # 3. prints it: the PDF the link gives carries the folio and the total
    href = pagina.locator("#imprimir").get_attribute("href")
    pdf = pagina.request.get(href)
    assert pdf.headers["content-type"] == "application/pdf"
    texto = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert folio in texto and "3,300.00" in texto

    # 4. a second debtor wants 10 parcialidades: beyond ventanilla's 6
    pagina.goto(f"/cuentas/{otra.numero}/")
    pagina.click("#negociar")
    pagina.locator("#alternativas a:has-text('Capturar convenio')").nth(1).click()
    pagina.fill("#id_numero_parcialidades", "10")
    pagina.fill("#id_descuento_recargos_pct", "0")
    pagina.click("button:has-text('Capturar convenio')")
    assert pagina.locator("#estado").inner_text() == "Pendiente de autorización"
    assert "espera la autorización de Supervisión" in pagina.locator(".mensajes").inner_text()
    assert pagina.locator("text=Registrar firma del deudor").count() == 0
    pendiente = Convenio.objects.get(cuenta=otra).folio

    # 5. the supervisor finds it in the queue and authorises it
    pagina.click("button:has-text('Salir')")
    entrar(pagina, crear_usuario("supervisor"))
    pagina.click("nav summary:has-text('Atención')")
    pagina.click("nav >> text=Convenios por autorizar")
    pagina.click(f"#pendientes >> text={pendiente}")
    pagina.fill("#id_motivo", "Historial de pago puntual")
    pagina.click("#resolver button:has-text('Autorizar')")
    assert pagina.locator("#estado").inner_text() == "Autorizado"
    assert "Historial de pago puntual" in pagina.inner_text("main")
    assert Convenio.objects.get(folio=pendiente).estado == Convenio.Estado.AUTORIZADO
