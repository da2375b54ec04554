"""Report pages and endpoints: gerencia and supervisión read them (live, or the stored version
with its generation time), download PDF and XLSX; other roles are refused; bad input is a
clear error naming the field; the number of queries does not grow with the accounts."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from pypdf import PdfReader

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Asignacion, Concepto, Meta, ReporteGuardado
from cobranza.reportes import recuperacion_reporte
from cobranza.reportes.metas import meta_fijar
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
OCTUBRE = date(2026, 10, 1)
CONSULTA = {"cartera": "agua-caborca", "periodo": "2026-10"}
TIPOS = ("recuperacion", "estadisticas", "comparativo")


def _deudor(cartera, caja, gestor):
    """Owes September's 500.00 at 01/10 and pays 200.00 of it on 05/10; October's bill of
    300.00 (6 m³) falls due on 20/10 unpaid."""
    cuenta = CuentaFactory(cartera=cartera)
    for mes, monto, volumen in ((9, "500.00", "10.00"), (10, "300.00", "6.00")):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=date(2026, mes, 1),
            fecha_emision=date(2026, mes, 1),
            fecha_vencimiento=date(2026, mes, 20),
            volumen_m3=volumen,
        )
    pago_registrar(cuenta=cuenta, monto="200.00", registrado_por=caja, fecha=date(2026, 10, 5))
    Asignacion.objects.create(
        cuenta=cuenta,
        asignado_a=gestor,
        asignado_por=caja,
        desde=datetime(2026, 9, 1, tzinfo=ZoneInfo("America/Hermosillo")),
    )
    return cuenta


@pytest.fixture
def cartera(crear_usuario):
    """Two deudores: 1,000.00 past due at 01/10, 400.00 collected: 40.00%."""
    cartera = CarteraFactory()
    caja, gestor = crear_usuario("caja"), crear_usuario("ventanilla")
    for _ in range(2):
        _deudor(cartera, caja, gestor)
    cartera.caja, cartera.gestor = caja, gestor
    return cartera


@pytest.fixture
def gerencia(client, crear_usuario):
    client.force_login(crear_usuario("gerencia"))
    return client


# --- pages ---------------------------------------------------------------------------------


def test_gerencia_ve_la_recuperacion_calculada_en_vivo(gerencia, cartera):
    html = gerencia.get("/reportes/recuperacion/", CONSULTA).content.decode()
    assert "Calculado en vivo" in html
    assert "$1,000.00" in html and "40.00 %" in html
    assert "No hay metas fijadas para este periodo" in html


@pytest.mark.parametrize("tipo", TIPOS)
def test_cada_reporte_tiene_su_pagina(gerencia, cartera, tipo):
    respuesta = gerencia.get(f"/reportes/{tipo}/", CONSULTA)
    assert respuesta.status_code == 200
    assert cartera.nombre in respuesta.content.decode()


def test_la_lista_de_reportes(gerencia, cartera):
    html = gerencia.get("/reportes/").content.decode()
    assert "Recuperación mensual" in html and "Comparativo de facturación" in html


@pytest.mark.parametrize("rol", ["ventanilla", "caja", "cortador"])
@pytest.mark.parametrize(
    "url", ["/reportes/", "/reportes/recuperacion/?cartera=agua-caborca", "/reportes/metas/"]
)
def test_otros_roles_no_ven_reportes(client, crear_usuario, cartera, rol, url):
    client.force_login(crear_usuario(rol))
    assert client.get(url).status_code == 403


def test_sin_sesion_pide_entrar(client, cartera):
    respuesta = client.get("/reportes/recuperacion/", CONSULTA)
    assert respuesta.status_code == 302 and "/entrar/" in respuesta["Location"]


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ({"cartera": "agua-caborca", "periodo": "2026-13"}, "Periodo inválido"),
        ({"cartera": "agua-caborca", "periodo": "2999-01"}, "aún no empieza"),
        ({"cartera": "no-existe", "periodo": "2026-10"}, "No existe la cartera"),
    ],
)
def test_entrada_invalida_es_un_error_claro(gerencia, cartera, consulta, mensaje):
    respuesta = gerencia.get("/reportes/recuperacion/", consulta)
    assert respuesta.status_code == 400
    assert mensaje in respuesta.content.decode()


def test_tipo_desconocido_es_404(gerencia, cartera):
    assert gerencia.get("/reportes/inventado/", CONSULTA).status_code == 404


def test_descarga_pdf_y_xlsx_en_vivo(gerencia, cartera):
    respuesta = gerencia.get("/reportes/recuperacion/", {**CONSULTA, "formato": "pdf"})
    assert respuesta["Content-Type"] == "application/pdf"
    assert 'filename="recuperacion-agua-caborca-2026-10.pdf"' in respuesta["Content-Disposition"]
    texto = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(respuesta.content)).pages)
    assert "Recuperaci" in texto and "$1,000.00" in texto

    respuesta = gerencia.get("/reportes/recuperacion/", {**CONSULTA, "formato": "xlsx"})
    libro = load_workbook(io.BytesIO(respuesta.content))
    assert libro.sheetnames[:3] == ["Reporte", "Resumen", "Por servicio"]
    resumen = list(libro["Resumen"].iter_rows(values_only=True))
    assert resumen[1][:2] == ("Cartera vencida al inicio del mes", 1000)
    assert resumen[5][:2] == ("Porcentaje de recuperación (%)", 40)


@pytest.mark.parametrize("tipo", ["estadisticas", "comparativo"])
def test_descargas_de_los_otros_reportes(gerencia, cartera, tipo):
    pdf = gerencia.get(f"/reportes/{tipo}/", {**CONSULTA, "formato": "pdf"})
    assert pdf.content.startswith(b"%PDF")
    xlsx = gerencia.get(f"/reportes/{tipo}/", {**CONSULTA, "formato": "xlsx"})
    assert len(load_workbook(io.BytesIO(xlsx.content)).sheetnames) >= 3


def _guardar(cartera, **cambios):
    datos = recuperacion_reporte.calcular(cartera, OCTUBRE)
    datos["cifras"] = {**datos["cifras"], **cambios}
    return ReporteGuardado.objects.create(
        tipo="recuperacion",
        cartera=cartera,
        periodo=OCTUBRE,
        datos=datos,
        generado=datetime(2026, 11, 1, 6, tzinfo=ZoneInfo("America/Hermosillo")),
        version=2,
    )


def test_muestra_la_version_guardada_con_su_fecha(gerencia, cartera):
    """What the stored report says (here a different figure, as known at its cut-off) is
    what the page shows, until someone asks for the live figures."""
    _guardar(cartera, vencido_inicio="9999.99")
    html = gerencia.get("/reportes/recuperacion/", CONSULTA).content.decode()
    assert "Versión guardada, generada el 01/11/2026 06:00" in html
    assert "(versión 2)" in html and "$9,999.99" in html
    html = gerencia.get("/reportes/recuperacion/", {**CONSULTA, "en_vivo": "1"}).content.decode()
    assert "Calculado en vivo" in html and "$9,999.99" not in html


def test_descarga_el_archivo_guardado(gerencia, cartera):
    guardado = _guardar(cartera)
    guardado.pdf.save("reporte.pdf", ContentFile(b"%PDF-1.4 guardado"))
    respuesta = gerencia.get("/reportes/recuperacion/", {**CONSULTA, "formato": "pdf"})
    assert respuesta.content == b"%PDF-1.4 guardado"


@pytest.mark.parametrize("tipo", TIPOS)
def test_las_consultas_no_crecen_con_las_cuentas(
    gerencia, cartera, tipo, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as capturadas:
        assert gerencia.get(f"/reportes/{tipo}/", CONSULTA).status_code == 200
    pocas = len(capturadas)
    # The three months (each first asks whether it is closed), cortes, PEC, coverage, goals.
    assert pocas <= 39
    for _ in range(8):
        _deudor(cartera, cartera.caja, cartera.gestor)
    with django_assert_max_num_queries(pocas):
        gerencia.get(f"/reportes/{tipo}/", CONSULTA)


# --- goals pages ---------------------------------------------------------------------------


def test_supervision_fija_una_meta_en_su_pagina(client, crear_usuario, cartera):
    client.force_login(crear_usuario("supervisor"))
    assert client.get("/reportes/metas/nueva/").status_code == 200
    datos = {"cartera": "agua-caborca", "periodo": "2026-10", "indicador": "monto_recuperado"}
    respuesta = client.post("/reportes/metas/nueva/", {**datos, "valor": "0"})
    assert "La meta debe ser mayor que cero." in respuesta.content.decode()
    respuesta = client.post("/reportes/metas/nueva/", {**datos, "valor": "500"}, follow=True)
    assert "Meta fijada" in respuesta.content.decode()
    meta = Meta.objects.get()
    # 400.00 collected of a 500.00 goal: 80.00 once the month's report is stored.
    _guardar(cartera)
    html = client.get("/reportes/metas/", {"cartera": "agua-caborca"}).content.decode()
    assert "$500.00" in html and "$400.00" in html and "80.00 %" in html

    respuesta = client.post(f"/reportes/metas/{meta.pk}/", {"valor": "800"}, follow=True)
    assert "Meta cambiada" in respuesta.content.decode()
    html = client.get(f"/reportes/metas/{meta.pk}/").content.decode()
    historial = html.split("Historial")[1]
    assert "800.00" in historial and "500.00" in historial


def test_gerencia_consulta_metas_pero_no_las_fija(gerencia, cartera):
    assert gerencia.get("/reportes/metas/").status_code == 200
    assert gerencia.get("/reportes/metas/nueva/").status_code == 403
    respuesta = gerencia.post(
        "/reportes/metas/nueva/",
        {"cartera": "agua-caborca", "periodo": "2026-10", "indicador": "cobertura", "valor": "9"},
    )
    assert respuesta.status_code == 403
    assert not Meta.objects.exists()


# --- API -----------------------------------------------------------------------------------


@pytest.fixture
def api_gerencia(cliente_api, crear_usuario):
    return cliente_api(crear_usuario("gerencia"))


def test_api_del_reporte(api_gerencia, cartera):
    tipos = api_gerencia.get("/api/v1/reportes/").json()
    assert {t["clave"] for t in tipos} >= set(TIPOS)
    datos = api_gerencia.get("/api/v1/reportes/recuperacion/", CONSULTA).json()
    assert (datos["origen"], datos["cifras"]["porcentaje"]) == ("en_vivo", "40.00")
    _guardar(cartera, porcentaje="41.00")
    datos = api_gerencia.get("/api/v1/reportes/recuperacion/", CONSULTA).json()
    assert (datos["origen"], datos["version"], datos["cifras"]["porcentaje"]) == (
        "guardado",
        2,
        "41.00",
    )


@pytest.mark.parametrize(
    ("consulta", "campo"),
    [
        ({"periodo": "2026-10"}, "cartera"),
        ({"cartera": "agua-caborca", "periodo": "octubre"}, "periodo"),
        ({"cartera": "agua-caborca"}, "periodo"),
    ],
)
def test_api_entrada_invalida_nombra_el_campo(api_gerencia, cartera, consulta, campo):
    respuesta = api_gerencia.get("/api/v1/reportes/estadisticas/", consulta)
    assert respuesta.status_code == 400
    assert campo in respuesta.json()["error"]["campos"]


def test_api_tipo_desconocido(api_gerencia, cartera):
    assert api_gerencia.get("/api/v1/reportes/inventado/", CONSULTA).status_code == 404


@pytest.mark.parametrize("rol", ["ventanilla", "caja"])
def test_api_otros_roles_403(cliente_api, crear_usuario, cartera, rol):
    api = cliente_api(crear_usuario(rol))
    assert api.get("/api/v1/reportes/recuperacion/", CONSULTA).status_code == 403
    assert api.get("/api/v1/metas/").status_code == 403


def test_api_de_metas(cliente_api, crear_usuario, api_gerencia, cartera):
    supervisor = cliente_api(crear_usuario("supervisor"))
    meta = {"cartera": "agua-caborca", "periodo": "2026-10", "indicador": "convenios_firmados"}
    respuesta = supervisor.post("/api/v1/metas/", {**meta, "valor": "0"}, format="json")
    assert respuesta.status_code == 400
    assert "valor" in respuesta.json()["error"]["campos"]
    respuesta = supervisor.post("/api/v1/metas/", {**meta, "periodo": "10/2026", "valor": "5"})
    assert "periodo" in respuesta.json()["error"]["campos"]

    assert api_gerencia.post("/api/v1/metas/", {**meta, "valor": "5"}).status_code == 403
    creada = supervisor.post("/api/v1/metas/", {**meta, "valor": "5"}, format="json")
    assert creada.status_code == 201
    assert creada.json()["periodo"] == "2026-10"
    cambio = supervisor.patch(f"/api/v1/metas/{creada.json()['id']}/", {"valor": "6"})
    assert (cambio.status_code, cambio.json()["valor"]) == (200, "6.00")
    lista = api_gerencia.get("/api/v1/metas/", {"cartera": "agua-caborca"}).json()
    assert [m["indicador"] for m in lista["results"]] == ["convenios_firmados"]


def test_la_lista_de_metas_no_hace_una_consulta_por_meta(
    client, crear_usuario, cartera, django_assert_max_num_queries
):
    supervisor = crear_usuario("supervisor")
    client.force_login(supervisor)
    _guardar(cartera)

    def fijar(periodo):
        for indicador in Meta.Indicador.values:
            meta_fijar(
                cartera=cartera, periodo=periodo, indicador=indicador, valor="5", usuario=supervisor
            )

    fijar(OCTUBRE)
    with CaptureQueriesContext(connection) as capturadas:
        client.get("/reportes/metas/")
    pocas = len(capturadas)
    for mes in range(1, 10):
        fijar(date(2026, mes, 1))
    with django_assert_max_num_queries(pocas):
        html = client.get("/reportes/metas/").content.decode()
    assert html.count("Editar</a>") == 50  # one page
