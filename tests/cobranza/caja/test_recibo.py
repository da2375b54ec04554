"""The receipt on screen and on paper: half letter or an 80 mm ticket, one page, with the
amount in words, the cashier, the forma de pago and its reference."""

from io import BytesIO

import pdfplumber
import pytest

from cobranza.libro.services.pagos import pago_registrar
from padron.dinero import monto_en_letra
from padron.models import Cartera
from tests.documentos.lectura import choques, paginas

pytestmark = pytest.mark.django_db
PUNTOS_POR_PULGADA = 72
MM = PUNTOS_POR_PULGADA / 25.4


def _pdf(client, pago):
    respuesta = client.get(f"/pagos/{pago.folio}/recibo.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    pdf = pdfplumber.open(BytesIO(respuesta.content))
    texto = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert [choques(palabras) for palabras in paginas(respuesta.content)] == [[]] * len(pdf.pages)
    assert "Página 1 de 1" in texto
    return pdf, texto


def _pago_spei(cuenta, cajero):
    return pago_registrar(
        cuenta=cuenta,
        monto="451.50",
        registrado_por=cajero,
        forma_pago="transferencia",
        referencia="SPEI2611180099",
    )


def test_recibo_en_media_carta(client, cuenta, cajero):
    pago = _pago_spei(cuenta, cajero)
    client.force_login(cajero)
    pdf, texto = _pdf(client, pago)
    pagina = pdf.pages[0]
    assert len(pdf.pages) == 1
    assert (round(pagina.width), round(pagina.height)) == (396, 612)  # 5.5 × 8.5 in
    assert pago.folio in texto
    assert cuenta.numero in texto and "José Pérez Muñoz" in texto
    assert "Rosa Valenzuela" in texto
    assert "SPEI2611180099" in texto and "Transferencia" in texto
    assert monto_en_letra(pago.monto) in texto
    assert "Consumo de agua 01/2026 $250.50" in texto
    assert "Saldo de la cuenta después del pago: $300.00" in texto


def test_recibo_en_ticket_de_80_mm(client, cuenta, cajero):
    Cartera.objects.filter(pk=cuenta.cartera_id).update(formato_recibo="ticket_80mm")
    pago = pago_registrar(
        cuenta=cuenta,
        monto="451.50",
        registrado_por=cajero,
        efectivo_recibido="500",
        referencia="VENT-77",
    )
    client.force_login(cajero)
    pdf, texto = _pdf(client, pago)
    assert len(pdf.pages) == 1
    assert round(pdf.pages[0].width / MM) == 80
    assert "Rosa Valenzuela" in texto and "VENT-77" in texto
    assert "$500.00 · cambio $48.50" in texto
    assert monto_en_letra(pago.monto) in texto


def test_recibo_en_pantalla(client, cuenta, cajero):
    pago = pago_registrar(
        cuenta=cuenta,
        monto="100.00",
        registrado_por=cajero,
        forma_pago="cheque",
        banco="Banorte",
        numero_cheque="000321",
    )
    client.force_login(cajero)
    html = client.get(f"/pagos/{pago.folio}/").content.decode()
    assert "Cheque núm. 000321 de Banorte" in html
    assert "cobró Rosa Valenzuela" in html
    assert monto_en_letra(pago.monto) in html
    assert f"corte {pago.corte.folio}" in html
