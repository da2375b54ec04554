"""User story: a supervisor previews and generates a lista de morosos, downloads it as XLSX
(read back here) and opens PEC expedientes on two of its accounts."""

import io
import re
from datetime import date

from openpyxl import load_workbook

from cobranza.demo.pec import pec_demo_crear
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Expediente, ListaMorosos
from tests.factories import CarteraFactory, CuentaFactory


def _morosos(cartera):
    cuentas = []
    for numero, monto in (("M-001", "9100.00"), ("M-002", "5200.00"), ("M-003", "700.00")):
        cuenta = CuentaFactory(cartera=cartera, numero=numero)
        for mes in (3, 4, 5, 6):
            cargo_registrar(
                cuenta=cuenta,
                concepto=Concepto.CONSUMO_AGUA,
                monto=monto,
                periodo=date(2026, mes, 1),
                fecha_emision=date(2026, mes, 1),
                fecha_vencimiento=date(2026, mes, 20),
            )
        cuentas.append(cuenta)
    return cuentas


def test_supervisor_genera_la_lista_y_abre_expedientes(pagina, entrar, crear_usuario):
    cartera = CarteraFactory(umbral_morosos_meses=3, umbral_morosos_monto="3000.00")
    pec_demo_crear(carteras=[cartera])
    cuentas = _morosos(cartera)
    entrar(pagina, crear_usuario("supervisor"))

    pagina.click("nav summary:has-text('Legal')")
    pagina.click("nav >> text=Morosos")
    pagina.click("text=Nueva lista")
    pagina.select_option("#id_cartera", str(cartera.pk))
    pagina.fill("#id_saldo_vencido_minimo", "10000")
    pagina.click("button:has-text('Vista previa')")
    # 4 × 9,100 + 4 × 5,200 = 57,200.00; the third owes 2,800.00, below the minimum
    assert pagina.locator("#previa-cuentas").inner_text() == "2"
    assert pagina.locator("#previa-total").inner_text() == "$57,200.00"
    assert not ListaMorosos.objects.exists()
    pagina.click("button:has-text('Generar')")
    pagina.wait_for_url("**/morosos/LM*/")

    lista = ListaMorosos.objects.get()
    assert lista.folio in pagina.inner_text("h1")
    assert pagina.locator("#morosos tr").count() == 3  # header and 2 accounts
    href = pagina.locator("#exportar a:has-text('XLSX')").get_attribute("href")
    libro = load_workbook(io.BytesIO(pagina.request.get(href).body()), read_only=True)
    filas = [fila for fila in libro.active.iter_rows(values_only=True) if fila and any(fila)]
    texto = repr(filas)
    assert "M-001" in texto and "M-002" in texto and "M-003" not in texto
    assert 36400 in [v for fila in filas for v in fila if isinstance(v, (int, float))]

    casillas = pagina.locator("#renglones input[name=cuentas]")
    casillas.nth(0).check()
    casillas.nth(1).check()
    assert casillas.nth(0).is_checked() and casillas.nth(1).is_checked()
    with (
        pagina.expect_request(lambda r: r.method == "POST") as envio,
        pagina.expect_navigation(),
    ):
        pagina.click("#abrir-expedientes")
    # Both chosen cuentas travel as plain ids (es-MX once rendered 10181 as "10,181")
    assert re.findall(r"cuentas=(\d+)(?:&|$)", envio.value.post_data) == [
        str(c.pk) for c in cuentas[:2]
    ], envio.value.post_data
    assert "2 expedientes abiertos" in pagina.inner_text(".mensajes")
    assert Expediente.objects.filter(lista=lista).count() == 2
    assert pagina.locator("#expedientes tr").count() == 3
