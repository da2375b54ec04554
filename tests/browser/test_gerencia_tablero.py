"""User story: the manager logs in, lands on her dashboard, sees the charts of recovery, aging,
recovered by service and goals, and downloads last month's recovery PDF."""

import os
from io import BytesIO

from pypdf import PdfReader

from cobranza.models import ReporteGuardado
from tests.browser.conftest import CAPTURAS
from tests.cobranza.reportes.test_tablero import _ultimo_mes, carteras  # noqa: F401 (fixture)


def test_gerencia_ve_el_tablero_y_descarga_el_pdf_del_mes(
    pagina,
    entrar,
    crear_usuario,
    carteras,  # noqa: F811
):
    directora = crear_usuario("gerencia", first_name="Alma", last_name="Ruiz")

    entrar(pagina, directora)

    assert pagina.url.endswith("/inicio/gerencia/")
    graficas = pagina.locator("#graficas svg.grafica")
    assert graficas.count() == 4
    for i in range(4):
        assert graficas.nth(i).is_visible()
        assert graficas.nth(i).bounding_box()["height"] > 100
    assert "OOMAPAS Caborca" in pagina.locator("#grafica-recuperacion").inner_text()
    assert "Metas" in pagina.locator("#grafica-metas").inner_text()
    if os.environ.get("CAPTURAR_PANTALLAS"):
        CAPTURAS.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(CAPTURAS / "gerencia_tablero.png"), full_page=True)

    enlace = pagina.locator("#reportes-del-mes a.descargar-pdf").first
    respuesta = pagina.request.get(enlace.get_attribute("href"))

    assert respuesta.status == 200
    assert respuesta.headers["content-type"] == "application/pdf"
    pdf = PdfReader(BytesIO(respuesta.body()))
    texto = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Recuperación mensual" in texto
    assert "OOMAPAS Caborca" in texto
    assert sum(len(p.images) for p in pdf.pages) >= 1  # the charts
    reporte = ReporteGuardado.objects.get(
        tipo="recuperacion", cartera__clave="agua-caborca", periodo=_ultimo_mes()
    )
    assert reporte.pdf  # rendered once, kept with the stored report
