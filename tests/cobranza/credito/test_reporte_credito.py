"""The credit cartera's report (recovery by cohort and beneficiarios) on its page, as XLSX and
PDF read back, and through the API; the schedule of a cuenta on its page and API."""

from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cobranza.credito.services import mensualidades_publicar, recuperaciones_iniciar
from cobranza.libro.services.pagos import pago_registrar
from padron.beneficiarios.services import egreso_registrar
from padron.fechas import hoy, sumar_meses
from tests.factories import CarteraFactory, CuentaFactory

D = Decimal
pytestmark = pytest.mark.fecha


@pytest.fixture
def en_recuperacion(estudiante, personal):
    """$10,000 disbursed a year ago; recovery (12 months at 12 %, $888.49) began two months
    ago; three months are charged and $1,000 was paid last month."""
    credito = estudiante(liberadas=(D("10000.00"),), atras=2)
    este_mes = hoy().replace(day=1)
    egreso_registrar(
        credito=credito,
        fecha_egreso=sumar_meses(este_mes, -9),
        usuario=personal["seguimiento"],
    )
    recuperaciones_iniciar(dia=sumar_meses(este_mes, -2))
    mensualidades_publicar(dia=hoy())
    pago_registrar(
        cuenta=credito.cuenta,
        monto=D("1000.00"),
        registrado_por=personal["caja"],
        fecha=sumar_meses(este_mes, -1) + timedelta(days=14),
    )
    return credito


# At the close of last month: two months charged (2 × $888.49), $1,000 recovered, the rest
# of those two months vencido, the schedule's months from this one on por vencer.
ESPERADO = {
    "beneficiarios": 1,
    "otorgado": "10000.00",
    "dispuesto": "10000.00",
    "facturado": "1776.98",
    "recuperado": "1000.00",
    "vencido": "776.98",
    "por_vencer": "8884.88",  # 10,661.86 of the whole schedule − 1,776.98
    "porcentaje": "56.28",  # 1,000 ÷ 1,776.98
}


def _periodo_anterior():
    return f"{sumar_meses(hoy().replace(day=1), -1):%Y-%m}"


def test_el_reporte_por_cohorte_cuadra_con_el_libro(client, en_recuperacion, personal):
    client.force_login(personal["seguimiento"])
    respuesta = client.get(
        "/credito/reportes/", {"cartera": "creditos-hermosillo", "periodo": _periodo_anterior()}
    )
    assert respuesta.status_code == 200
    total = respuesta.context["datos"]["total"]
    assert {campo: total[campo] for campo in ESPERADO} == ESPERADO
    html = respuesta.content.decode()
    assert "$1,776.98" in html and "56.28 %" in html


def test_el_xlsx_y_el_pdf_dicen_lo_mismo(client, en_recuperacion, personal):
    client.force_login(personal["seguimiento"])
    parametros = {"cartera": "creditos-hermosillo", "periodo": _periodo_anterior()}
    xlsx = client.get("/credito/reportes/", {**parametros, "formato": "xlsx"})
    libro = load_workbook(BytesIO(xlsx.content), read_only=True)
    filas = list(libro["Recuperación por cohorte"].iter_rows(values_only=True))
    assert filas[0][:3] == ("Cohorte", "Beneficiarios", "Monto autorizado")
    total = dict(zip(filas[0], filas[-1], strict=True))
    assert total["Cohorte"] == "Total"
    assert D(str(total["Recuperado"])) == D("1000.00")
    assert D(str(total["Vencido"])) == D("776.98")
    assert "Por etapa" in libro.sheetnames

    pdf = client.get("/credito/reportes/", {**parametros, "formato": "pdf"})
    texto = "\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert "Recuperación por cohorte" in texto
    assert "$776.98" in texto and "56.28 %" in texto


def test_la_api_del_reporte_y_su_validacion(cliente_api, en_recuperacion, personal):
    api = cliente_api(personal["seguimiento"])
    datos = api.get(
        "/api/v1/credito/reporte/",
        {"cartera": "creditos-hermosillo", "periodo": _periodo_anterior()},
    ).json()
    assert {campo: datos["total"][campo] for campo in ESPERADO} == ESPERADO
    CarteraFactory()
    error = api.get("/api/v1/credito/reporte/", {"cartera": "agua-caborca", "periodo": "2026-01"})
    assert error.status_code == 400
    assert "cartera" in error.json()["error"]["campos"]


def test_la_tabla_de_la_cuenta_en_su_pagina_y_en_la_api(
    client, cliente_api, en_recuperacion, personal, django_assert_max_num_queries
):
    numero = en_recuperacion.cuenta.numero
    client.force_login(personal["seguimiento"])
    with django_assert_max_num_queries(40):
        html = client.get(f"/cuentas/{numero}/").content.decode()
    assert 'id="tabla-amortizacion"' in html and "$888.49" in html

    mensualidades = (
        cliente_api(personal["seguimiento"])
        .get(f"/api/v1/credito/{numero}/tabla/")
        .json()["mensualidades"]
    )
    assert len(mensualidades) == 12
    # the $1,000 paid the first month whole and $111.51 of the second
    assert [(m["estado"], m["adeudo"]) for m in mensualidades[:2]] == [
        ("pagada", "0.00"),
        ("vencida", "776.98"),
    ]
    assert {m["estado"] for m in mensualidades[3:]} == {"por vencer"}

    carta = client.get(f"/credito/{numero}/carta/")
    texto = PdfReader(BytesIO(carta.content)).pages[0].extract_text()
    assert "inicio de la recuperación" in texto.lower() and "$888.49" in texto


def test_una_cuenta_de_agua_no_tiene_tabla(client, personal):
    agua = CuentaFactory(cartera=CarteraFactory())
    client.force_login(personal["supervisor"])
    assert client.get(f"/credito/{agua.numero}/carta/").status_code == 404
