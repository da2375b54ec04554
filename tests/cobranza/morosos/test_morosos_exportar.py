"""Exports of a lista de morosos: the XLSX, the CSV and the PDF read back with all the list's
rows and totals; who may download; a long list goes to the background job."""

import csv
import io
from datetime import datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cobranza.morosos.services import lista_morosos_generar
from tests.cobranza.morosos.test_morosos import moroso
from tests.factories import CarteraFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Ana", last_name="Robles")


@pytest.fixture
def lista(supervisor):
    cartera = CarteraFactory()
    moroso(
        cartera,
        meses=4,
        monto="1234.56",
        clasificacion="comercial",
        titular__nombre="José",
        titular__apellido_paterno="Muñoz",
        titular__apellido_materno="Peña",
    )
    moroso(cartera, meses=5, monto="150.10")
    moroso(cartera, meses=3, monto="999.99")
    return lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)


def _descargar(client, lista, formato):
    respuesta = client.get(f"/morosos/{lista.folio}/exportar.{formato}")
    assert respuesta.status_code == 200
    assert f"morosos-{lista.folio}.{formato}" in respuesta["Content-Disposition"]
    if respuesta.streaming:
        return respuesta, b"".join(respuesta.streaming_content)
    return respuesta, respuesta.content


def test_xlsx_con_los_renglones_y_los_totales(client, lista, supervisor):
    client.force_login(supervisor)
    respuesta, contenido = _descargar(client, lista, "xlsx")
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")

    hoja = load_workbook(io.BytesIO(contenido)).active
    filas = list(hoja.iter_rows(values_only=True))
    assert filas[0][0] == f"Lista de morosos {lista.folio}"
    assert any("Saldo vencido mínimo: $500.00" in str(f[0]) for f in filas[:10])
    inicio = next(i for i, f in enumerate(filas) if f[0] == "#") + 1
    encabezado = filas[inicio - 1]
    assert encabezado[:3] == ("#", "Cuenta", "Titular")
    datos, total = filas[inicio:-1], filas[-1]
    assert [f[1] for f in datos] == list(
        lista.renglones.order_by("orden").values_list("numero", flat=True)
    )
    primero = datos[0]
    assert primero[0] == 1 and primero[2] == "José Muñoz Peña" and primero[7] == "Comercial"
    assert D(str(primero[9])) == D("4938.24") and primero[10] == 4
    assert isinstance(primero[11], datetime)  # a date cell, not text
    celda = hoja.cell(row=inicio + 1, column=10)
    assert celda.number_format == "#,##0.00"
    assert hoja.cell(row=inicio + 1, column=12).number_format == "dd/mm/yyyy"
    assert total[1] == "TOTAL" and total[2] == "3 cuentas"
    assert D(str(total[9])) == lista.total_vencido == D("4938.24") + D("750.50") + D("2999.97")
    assert sum(D(str(f[9])) for f in datos) == lista.total_vencido


def test_csv_con_bom_para_excel_y_los_renglones(client, lista, supervisor):
    client.force_login(supervisor)
    respuesta, contenido = _descargar(client, lista, "csv")
    assert respuesta["Content-Type"] == "text/csv; charset=utf-8"
    assert contenido.startswith("\ufeff".encode())

    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert filas[0][:3] == ["#", "Cuenta", "Titular"]
    assert len(filas) == 1 + lista.cuentas
    primero = filas[1]
    assert primero[2] == "José Muñoz Peña" and primero[9] == "4938.24"
    assert primero[11].count("/") == 2  # dd/mm/aaaa
    assert sum(D(f[9]) for f in filas[1:]) == lista.total_vencido


def test_pdf_con_toda_la_lista_y_sus_totales(client, lista, supervisor):
    client.force_login(supervisor)
    respuesta, contenido = _descargar(client, lista, "pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    paginas = PdfReader(io.BytesIO(contenido)).pages
    texto = "".join(p.extract_text() for p in paginas)
    assert f"Lista de morosos {lista.folio}" in texto
    assert "José Muñoz Peña" in texto and "$8,688.71" in texto  # the total
    for numero in lista.renglones.values_list("numero", flat=True):
        assert numero in texto
    assert paginas[-1].extract_text().rstrip().endswith(f"Página {len(paginas)} de {len(paginas)}")


def test_una_lista_larga_se_escribe_en_segundo_plano(client, lista, supervisor, monkeypatch):
    monkeypatch.setattr("cobranza.morosos.views.DIRECTO", 2)
    client.force_login(supervisor)
    respuesta = client.get(f"/morosos/{lista.folio}/exportar.pdf")
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/exportaciones/")


def test_la_api_descarga_aunque_el_cliente_pida_json(lista, supervisor, cliente_api):
    api = cliente_api(supervisor)
    respuesta = api.get(
        f"/api/v1/morosos/{lista.folio}/exportar.xlsx", HTTP_ACCEPT="application/json"
    )
    assert respuesta.status_code == 200
    hoja = load_workbook(io.BytesIO(b"".join(respuesta.streaming_content))).active
    assert hoja.max_row > lista.cuentas
    assert api.get(f"/api/v1/morosos/{lista.folio}/exportar.doc").status_code == 404


def test_formato_desconocido_y_sin_permiso(client, lista, crear_usuario, supervisor):
    client.force_login(supervisor)
    assert client.get(f"/morosos/{lista.folio}/exportar.doc").status_code == 404
    assert client.get("/morosos/LM26-999999/exportar.csv").status_code == 404
    client.force_login(crear_usuario("ventanilla"))
    for formato in ("csv", "xlsx", "pdf"):
        assert client.get(f"/morosos/{lista.folio}/exportar.{formato}").status_code == 403


def test_un_nombre_con_forma_de_formula_se_exporta_como_texto(client, supervisor):
    cartera = CarteraFactory()
    moroso(cartera, titular__nombre='=HYPERLINK("http://x.example","pague")')
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    client.force_login(supervisor)

    _, contenido = _descargar(client, lista, "xlsx")
    hoja = load_workbook(io.BytesIO(contenido)).active
    celda = next(c for fila in hoja.iter_rows() for c in fila if "HYPERLINK" in str(c.value))
    assert celda.data_type == "s" and celda.value.startswith("=HYPERLINK")
    _, contenido = _descargar(client, lista, "csv")
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert filas[1][2].startswith("'=HYPERLINK")


def test_el_csv_conserva_los_ceros_de_la_cuenta_al_abrirse_en_excel(client, supervisor):
    cartera = CarteraFactory()
    moroso(cartera, numero="060000091")
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    client.force_login(supervisor)

    _, contenido = _descargar(client, lista, "csv")
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert filas[1][1] == '="060000091"'  # Excel shows the text 060000091
    _, contenido = _descargar(client, lista, "xlsx")
    hoja = load_workbook(io.BytesIO(contenido)).active
    celda = next(c for fila in hoja.iter_rows() for c in fila if c.value == "060000091")
    assert celda.data_type == "s"
