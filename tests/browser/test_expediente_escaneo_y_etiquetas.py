"""User story: the custodian receives the titular's INE at the desk, attaches its scan to the
expediente documental, files the original in its carpeta and prints the QR labels of the
expediente and of its caja."""

from io import BytesIO

from pypdf import PdfReader

from cobranza.archivo.services.ubicacion import (
    archivo_crear,
    caja_crear,
    carpeta_crear,
    estante_crear,
)
from cobranza.models import Documento
from tests.factories import CuentaFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _texto_pdf(respuesta) -> str:
    assert respuesta.status == 200 and respuesta.headers["content-type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(respuesta.body())).pages)


def test_adjunta_el_escaneo_ubica_el_original_e_imprime_las_etiquetas(
    pagina, entrar, crear_usuario, tmp_path, settings
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    custodio = crear_usuario("supervisor")
    cuenta = CuentaFactory(numero="90210")
    estante = estante_crear(
        archivo=archivo_crear(nombre="Archivo central", usuario=custodio),
        clave="A",
        usuario=custodio,
    )
    caja = caja_crear(estante=estante, clave="C-07", usuario=custodio)
    carpeta_crear(caja=caja, clave="2026-11", usuario=custodio)
    escaneo = tmp_path / "ine-titular.pdf"
    escaneo.write_bytes(PDF)

    entrar(pagina, custodio)
    pagina.goto(f"/cuentas/{cuenta.numero}/expediente/")
    pagina.select_option("#form-documento #id_tipo", label="Identificación oficial (INE)")
    pagina.fill("#form-documento #id_descripcion", "INE del titular, vigente")
    pagina.set_input_files("#form-documento #id_archivo", str(escaneo))
    pagina.click("#form-documento button[type=submit]")

    documento = Documento.objects.get()
    fila = pagina.locator(f"#documento-{documento.pk}")
    assert "Escaneado" in fila.inner_text()
    enlace = fila.locator("a:has-text('ine-titular.pdf')").get_attribute("href")
    assert pagina.request.get(enlace).body() == PDF  # served through the permission check

    fila.locator("select[name=carpeta]").select_option(label="Caja C-07 · carpeta 2026-11")
    fila.locator("button:has-text('Ubicar')").click()
    ubicado = pagina.locator(f"#documento-{documento.pk}").inner_text()
    assert "Archivo central · estante A · caja C-07 · carpeta 2026-11" in ubicado

    etiqueta = pagina.locator(f"#etiqueta-{documento.legajo_id}").get_attribute("href")
    assert "90210" in _texto_pdf(pagina.request.get(etiqueta))
    assert "C-07" in _texto_pdf(pagina.request.get(f"/archivo/etiquetas/cajas.pdf?cajas={caja.pk}"))
