"""The corte's pages and API: the cashier closes its day; a supervisor sees every corte."""

from decimal import Decimal
from io import BytesIO

import pdfplumber
import pytest

from cobranza.caja.models import CorteCaja
from cobranza.caja.services import corte_cerrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from tests.documentos.lectura import choques, paginas

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def corte(cuenta, cajero, supervisor):
    """$451.50 cash and $100 card; $20 cash reversed the same day."""
    pago_registrar(cuenta=cuenta, monto="451.50", registrado_por=cajero)
    pago_registrar(
        cuenta=cuenta,
        monto="100.00",
        registrado_por=cajero,
        forma_pago="tarjeta",
        tipo_tarjeta="credito",
        tarjeta_ultimos="5555",
        autorizacion="A1",
    )
    revertido = pago_registrar(cuenta=cuenta, monto="20.00", registrado_por=cajero)
    pago_revertir(pago=revertido, motivo="Se cobró de más", autorizado_por=supervisor)
    return CorteCaja.objects.get(cajero=cajero)


def _cierre(**cambios):
    datos = {"billete_200": "2", "billete_50": "1", "moneda_1": "1", "moneda_0.50": "1"}
    datos.update(tarjeta="100.00", cheque="0", transferencia="0", motivo_diferencia="")
    datos.update(cambios)
    return datos


def test_el_cajero_cierra_su_corte_en_la_pagina(client, cajero, corte):
    client.force_login(cajero)
    pagina = client.get("/caja/corte/").content.decode()
    assert f"Corte de caja {corte.folio}" in pagina
    assert "3 recibos (1 revertido, no cuenta en el corte)" in pagina
    assert 'data-sistema="451.50"' in pagina

    faltante = client.post("/caja/corte/", _cierre(billete_50="0"))
    assert faltante.status_code == 200
    assert "efectivo: faltante de $50.00" in faltante.content.decode()

    respuesta = client.post(
        "/caja/corte/", _cierre(billete_50="0", motivo_diferencia="Billete falso"), follow=True
    )
    html = respuesta.content.decode()
    assert "Faltante de $50.00." in html and "Billete falso" in html
    corte.refresh_from_db()
    assert (corte.estado, corte.diferencia) == ("cerrado", D("-50.00"))
    assert "No tiene un corte abierto" in client.get("/caja/corte/").content.decode()


def test_abrir_el_corte_a_mano(client, cajero):
    client.force_login(cajero)
    assert "Abrir corte" in client.get("/caja/corte/").content.decode()
    client.post("/caja/corte/", {"abrir": "1"})
    assert CorteCaja.objects.filter(cajero=cajero, estado="abierto").count() == 1
    client.post("/caja/corte/", {"abrir": "1"})  # a second click opens nothing more
    assert CorteCaja.objects.filter(cajero=cajero).count() == 1


def test_el_supervisor_ve_todos_los_cortes_con_sus_diferencias(
    client, supervisor, cajero, corte, crear_usuario, cuenta, django_assert_max_num_queries
):
    corte_cerrar(
        corte=corte,
        usuario=cajero,
        conteo={"billete_200": 2, "billete_50": 1, "moneda_1": 1, "moneda_0.50": 1},
        tarjeta="90",
        motivo_diferencia="Voucher perdido",
    )
    otro = crear_usuario("caja", first_name="Luis", last_name="Soto")
    for _ in range(3):
        pago_registrar(cuenta=cuenta, monto="1.00", registrado_por=otro)
    client.force_login(supervisor)
    with django_assert_max_num_queries(12):
        html = client.get("/caja/cortes/").content.decode()
    assert "2 cortes" in html
    assert "Rosa Valenzuela" in html and "Luis Soto" in html
    assert "Faltante -$10.00" in html and "Voucher perdido" in html
    html = client.get("/caja/cortes/", {"con_diferencia": "on"}).content.decode()
    assert "1 corte " in html and "Luis Soto" not in html.split("<table")[1]


def test_el_cajero_solo_ve_sus_cortes(client, cajero, corte, crear_usuario, cuenta):
    otro = crear_usuario("caja")
    pago_registrar(cuenta=cuenta, monto="1.00", registrado_por=otro)
    ajeno = CorteCaja.objects.get(cajero=otro)
    client.force_login(cajero)
    html = client.get("/caja/cortes/").content.decode()
    assert corte.folio in html and ajeno.folio not in html
    assert client.get(f"/caja/cortes/{ajeno.pk}/").status_code == 404
    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/caja/cortes/").status_code == 403
    assert client.get("/caja/corte/").status_code == 403


def test_el_pdf_firmado_del_corte(client, cajero, corte):
    corte_cerrar(
        corte=corte,
        usuario=cajero,
        conteo={"billete_200": 2, "billete_50": 1, "moneda_1": 1, "moneda_0.50": 1},
        tarjeta="100",
    )
    client.force_login(cajero)
    respuesta = client.get(f"/caja/cortes/{corte.pk}/corte.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    with pdfplumber.open(BytesIO(respuesta.content)) as pdf:
        texto = "\n".join(p.extract_text() for p in pdf.pages)
    assert f"Corte de caja {corte.folio}" in texto
    assert "Billetes de $200.00 2 $400.00" in texto
    assert "Efectivo contado $451.50" in texto
    assert "Tarjeta $100.00 $100.00" in texto
    assert "REVERTIDO" in texto and "1 revertido" in texto
    assert "Rosa Valenzuela" in texto and "Supervisor" in texto
    assert "Sin diferencias" in texto
    assert "Página 1 de" in texto
    assert all(choques(palabras) == [] for palabras in paginas(respuesta.content))


# --- API ----------------------------------------------------------------------------------


def test_api_lista_detalle_y_cierre(cliente_api, cajero, supervisor, corte, crear_usuario, cuenta):
    pago_registrar(cuenta=cuenta, monto="1.00", registrado_por=crear_usuario("caja"))
    propia = cliente_api(cajero)
    assert [c["folio"] for c in propia.get("/api/v1/caja/cortes/").json()["results"]] == [
        corte.folio
    ]
    assert len(cliente_api(supervisor).get("/api/v1/caja/cortes/").json()["results"]) == 2

    detalle = propia.get(f"/api/v1/caja/cortes/{corte.pk}/").json()
    assert detalle["cajero_nombre"] == "Rosa Valenzuela"
    assert {f["forma"]: f["sistema"] for f in detalle["por_forma"]}["efectivo"] == "451.50"
    assert [r["estado"] for r in detalle["lista_recibos"]].count("revertido") == 1

    sin_motivo = propia.post(
        f"/api/v1/caja/cortes/{corte.pk}/cerrar/",
        {"conteo": {"billete_500": 1}, "tarjeta": "100"},
        format="json",
    )
    assert sin_motivo.status_code == 400
    assert "motivo_diferencia" in sin_motivo.json()["error"]["campos"]

    cerrado = propia.post(
        f"/api/v1/caja/cortes/{corte.pk}/cerrar/",
        {"conteo": {"billete_500": 1}, "tarjeta": "100", "motivo_diferencia": "Redondeo"},
        format="json",
    )
    assert cerrado.status_code == 200
    assert (cerrado.json()["estado"], cerrado.json()["diferencia"]) == ("cerrado", "48.50")
    otra_vez = propia.post(f"/api/v1/caja/cortes/{corte.pk}/cerrar/", {}, format="json")
    assert otra_vez.status_code == 400


def test_api_filtra_por_cajero_y_fecha(cliente_api, supervisor, cajero, corte, crear_usuario):
    api = cliente_api(supervisor)
    assert api.get("/api/v1/caja/cortes/", {"cajero": cajero.pk}).json()["count"] == 1
    assert api.get("/api/v1/caja/cortes/", {"desde": "2099-01-01"}).json()["count"] == 0
    assert api.get("/api/v1/caja/cortes/", {"desde": "mañana"}).status_code == 400
    ventanilla = cliente_api(crear_usuario("ventanilla"))
    assert ventanilla.get("/api/v1/caja/cortes/").status_code == 403
