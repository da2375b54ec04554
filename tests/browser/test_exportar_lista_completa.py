"""User story: a supervisor asks for the whole lista de morosos as PDF from the list's page,
watches the job's progress bar reach the end and downloads the file, every account in it."""

import io

from pypdf import PdfReader

from cobranza.morosos.services import lista_morosos_generar
from tests.cobranza.morosos.test_morosos import moroso
from tests.factories import CarteraFactory


def test_supervisor_descarga_la_lista_completa_en_pdf(pagina, entrar, crear_usuario):
    supervisor = crear_usuario("supervisor")
    cartera = CarteraFactory()
    for i in range(6):
        moroso(cartera, meses=4, monto=f"5{i}0.25", numero=f"07000{i:04d}")
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    entrar(pagina, supervisor)

    pagina.goto(f"/morosos/{lista.folio}/")
    pagina.click("#lista-completa button[value=pdf]")
    pagina.wait_for_url("**/exportaciones/*/")
    pagina.wait_for_selector("#descargar", timeout=30_000)
    assert pagina.locator("#avance").get_attribute("value") == "100"
    with pagina.expect_download() as descarga:
        pagina.click("#descargar")
    assert descarga.value.suggested_filename == f"morosos-{lista.folio}.pdf"
    with open(descarga.value.path(), "rb") as archivo:
        paginas = PdfReader(io.BytesIO(archivo.read())).pages
    texto = " ".join(p.extract_text() for p in paginas)
    assert all(f"07000{i:04d}" in texto for i in range(6))
    assert f"Página {len(paginas)} de {len(paginas)}" in texto
