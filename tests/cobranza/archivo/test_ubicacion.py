"""Ubicación física: the catalogs archivo → estante → caja → carpeta, moving a caja with its
contents, placing an original, and the labels with a QR code per caja and per expediente."""

from io import BytesIO

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import ImageChops
from pypdf import PdfReader

from cobranza.archivo.documentos import qr_imagen
from cobranza.archivo.selectors.expedientes import documentos_visibles
from cobranza.archivo.selectors.ubicacion import ubicacion_texto
from cobranza.archivo.services.expedientes import legajo_de
from cobranza.archivo.services.ubicacion import (
    archivo_crear,
    caja_crear,
    caja_mover,
    carpeta_crear,
    documento_ubicar,
    estante_crear,
)
from cobranza.asignacion.services import asignacion_cambiar
from cobranza.models import Caja, Documento, TipoDocumento
from tests.factories import CuentaFactory, TitularFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jefa(crear_usuario):
    return crear_usuario("supervisor", username="jefa")


@pytest.fixture
def lugar(jefa):
    """Archivo Central with estantes A and B; caja C-01 on A with carpeta 1."""
    central = archivo_crear(nombre="Archivo Central", usuario=jefa)
    a = estante_crear(archivo=central, clave="A", usuario=jefa)
    b = estante_crear(archivo=central, clave="B", usuario=jefa)
    caja = caja_crear(estante=a, clave="C-01", descripcion="Convenios 2026", usuario=jefa)
    carpeta = carpeta_crear(caja=caja, clave="1", usuario=jefa)
    return {"archivo": central, "a": a, "b": b, "caja": caja, "carpeta": carpeta}


def documento(cuenta, tipo="pagare", carpeta=None, **campos):
    return Documento.objects.create(
        legajo=legajo_de(cuenta),
        tipo=TipoDocumento.objects.get(clave=tipo),
        carpeta=carpeta,
        original=carpeta is not None,
        **campos,
    )


def test_mover_una_caja_mueve_sus_documentos(lugar, jefa):
    doc = documento(CuentaFactory(), carpeta=lugar["carpeta"])
    antes = ubicacion_texto(documentos_visibles(jefa).get(pk=doc.pk))
    assert antes == "Archivo Central · estante A · caja C-01 · carpeta 1"

    caja_mover(caja=lugar["caja"], estante=lugar["b"], usuario=jefa)

    despues = ubicacion_texto(documentos_visibles(jefa).get(pk=doc.pk))
    assert despues == "Archivo Central · estante B · caja C-01 · carpeta 1"
    assert lugar["caja"].history.first().history_user == jefa


def test_mover_a_su_mismo_estante_se_rechaza(lugar, jefa):
    with pytest.raises(ValidationError) as error:
        caja_mover(caja=lugar["caja"], estante=lugar["a"], usuario=jefa)
    assert "ya está en ese estante" in error.value.message_dict["estante"][0]


def test_las_claves_son_unicas_dentro_de_su_padre(lugar, jefa):
    with pytest.raises(ValidationError) as error:
        estante_crear(archivo=lugar["archivo"], clave="a", usuario=jefa)
    assert error.value.message_dict["clave"] == [
        "El archivo Archivo Central ya tiene un estante a."
    ]
    with pytest.raises(ValidationError) as error:
        carpeta_crear(caja=lugar["caja"], clave="1", usuario=jefa)
    assert "ya tiene una carpeta 1" in error.value.message_dict["clave"][0]
    with pytest.raises(ValidationError) as error:
        caja_crear(estante=lugar["b"], clave="c-01", usuario=jefa)
    assert "Ya existe la caja" in error.value.message_dict["clave"][0]
    # The same carpeta clave in another caja is fine.
    otra = caja_crear(estante=lugar["b"], clave="C-02", usuario=jefa)
    assert carpeta_crear(caja=otra, clave="1", usuario=jefa).caja == otra


def test_ubicar_un_original_y_no_uno_devuelto(lugar, jefa):
    cuenta = CuentaFactory()
    doc = documento(cuenta)
    documento_ubicar(documento=doc, carpeta=lugar["carpeta"], usuario=jefa)
    doc.refresh_from_db()
    assert doc.carpeta == lugar["carpeta"] and doc.original

    devuelto = documento(cuenta, tipo="convenio", estado=Documento.Estado.DEVUELTO)
    with pytest.raises(ValidationError) as error:
        documento_ubicar(documento=devuelto, carpeta=lugar["carpeta"], usuario=jefa)
    assert "devuelto al deudor" in error.value.message_dict["carpeta"][0]


# --- páginas -------------------------------------------------------------------------------------


def test_la_pagina_muestra_el_arbol_con_los_documentos_por_caja(
    client, lugar, jefa, django_assert_max_num_queries
):
    for _ in range(3):
        documento(CuentaFactory(), carpeta=lugar["carpeta"])
    otra = caja_crear(estante=lugar["b"], clave="C-02", usuario=jefa)
    carpeta_crear(caja=otra, clave="9", usuario=jefa)
    client.force_login(jefa)
    with CaptureQueriesContext(connection) as pocas:
        respuesta = client.get("/archivo/ubicaciones/")
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert 'data-caja="C-01"' in html
    assert '<span class="documentos-caja">3</span>' in html
    assert '<span class="documentos-caja">0</span>' in html

    for n in range(6):  # a bigger tree costs no more queries
        caja = caja_crear(estante=lugar["b"], clave=f"X-{n}", usuario=jefa)
        documento(CuentaFactory(), carpeta=carpeta_crear(caja=caja, clave="1", usuario=jefa))
    with django_assert_max_num_queries(len(pocas)):
        assert client.get("/archivo/ubicaciones/").status_code == 200
    assert len(pocas) <= 15


def test_agregar_con_clave_repetida_muestra_el_error_en_el_campo(client, lugar, jefa):
    client.force_login(jefa)
    respuesta = client.post(
        "/archivo/ubicaciones/estante/nuevo/",
        {"estante-archivo": lugar["archivo"].pk, "estante-clave": "A"},
    )
    assert respuesta.status_code == 400
    assert "ya tiene un estante A" in respuesta.content.decode()
    respuesta = client.post(
        "/archivo/ubicaciones/caja/nuevo/",
        {"caja-estante": lugar["b"].pk, "caja-clave": "C-09"},
    )
    assert respuesta.status_code == 302
    assert Caja.objects.get(clave="C-09").estante == lugar["b"]


def test_mover_la_caja_desde_su_pagina(client, lugar, jefa):
    client.force_login(jefa)
    assert client.get(f"/archivo/ubicaciones/caja/{lugar['caja'].pk}/").status_code == 200
    respuesta = client.post(
        f"/archivo/ubicaciones/caja/{lugar['caja'].pk}/mover/", {"estante": lugar["b"].pk}
    )
    assert respuesta.status_code == 302
    lugar["caja"].refresh_from_db()
    assert lugar["caja"].estante == lugar["b"]


def test_ventanilla_no_edita_los_catalogos(client, cliente_api, lugar, crear_usuario):
    ventanilla = crear_usuario("ventanilla")
    client.force_login(ventanilla)
    assert client.get("/archivo/ubicaciones/").status_code == 403
    assert (
        client.post("/archivo/ubicaciones/archivo/nuevo/", {"archivo-nombre": "X"}).status_code
        == 403
    )
    api = cliente_api(ventanilla)
    assert api.post("/api/v1/archivo/ubicaciones/archivos/", {"nombre": "X"}).status_code == 403
    respuesta = api.post(
        f"/api/v1/archivo/cajas/{lugar['caja'].pk}/mover/", {"estante": lugar["b"].pk}
    )
    assert respuesta.status_code == 403


def test_la_pagina_de_la_caja_lista_sus_documentos(client, lugar, jefa):
    cuenta = CuentaFactory(numero="77001")
    documento(cuenta, carpeta=lugar["carpeta"], descripcion="Pagaré 1 de 6")
    client.force_login(jefa)
    html = client.get("/archivo/cajas/C-01/").content.decode()
    assert "77001" in html and "Pagaré 1 de 6" in html and "estante A" in html


# --- etiquetas -----------------------------------------------------------------------------------


def _pdf(respuesta):
    assert respuesta.status_code == 200, respuesta.content[:300]
    assert respuesta["Content-Type"] == "application/pdf"
    return PdfReader(BytesIO(respuesta.content))


def _mismo_qr(imagen_pdf, texto):
    esperado = qr_imagen(texto).convert("L")
    leido = imagen_pdf.image.convert("L").resize(esperado.size)
    return ImageChops.difference(esperado, leido).getbbox() is None


def test_etiquetas_de_cajas_con_su_qr(client, lugar, jefa, settings):
    settings.SITIO_URL = "https://cobranza.example.mx"
    otra = caja_crear(estante=lugar["b"], clave="C-02", usuario=jefa)
    client.force_login(jefa)
    lector = _pdf(client.get(f"/archivo/etiquetas/cajas.pdf?cajas={lugar['caja'].pk},{otra.pk}"))
    texto = lector.pages[0].extract_text()
    assert "CAJA C-01" in texto and "CAJA C-02" in texto
    assert "https://cobranza.example.mx/archivo/cajas/C-01/" in texto
    imagenes = lector.pages[0].images
    assert len(imagenes) == 2
    assert _mismo_qr(imagenes[0], "https://cobranza.example.mx/archivo/cajas/C-01/")


def test_etiquetas_de_expedientes_con_el_numero_de_cuenta(client, jefa):
    titular = TitularFactory(nombre="Ramona", apellido_paterno="Quijada")
    legajos = [legajo_de(CuentaFactory(numero=f"8800{i}", titular=titular)) for i in range(11)]
    client.force_login(jefa)
    ids = ",".join(str(lg.pk) for lg in legajos)
    respuesta = client.get(f"/archivo/etiquetas/expedientes.pdf?legajos={ids}")
    lector = _pdf(respuesta)
    assert len(lector.pages) == 2  # 10 labels per sheet
    texto = lector.pages[0].extract_text()
    assert "EXPEDIENTE 88000" in texto and "Ramona Quijada" in texto
    assert f"/expedientes/{legajos[0].pk}/" in texto
    todo = texto + lector.pages[1].extract_text()
    assert all(f"EXPEDIENTE 8800{i}\n" in todo for i in range(11))
    # The QR codes drawn on each sheet (WeasyPrint shares the image resources between pages,
    # so count what each page draws, not what its resources hold).
    with pdfplumber.open(BytesIO(respuesta.content)) as pdf:
        assert [len(pagina.images) for pagina in pdf.pages] == [10, 1]


def test_un_abogado_no_imprime_etiquetas_de_expedientes_ajenos(client, crear_usuario):
    supervisor = crear_usuario("supervisor")
    abogado_1, abogado_2 = crear_usuario("abogado_externo"), crear_usuario("abogado_externo")
    suya, ajena = CuentaFactory(numero="91001"), CuentaFactory(numero="91002")
    for cuenta, abogado in ((suya, abogado_1), (ajena, abogado_2)):
        asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    la_suya, la_ajena = legajo_de(suya), legajo_de(ajena)
    client.force_login(abogado_1)

    respuesta = client.get(f"/archivo/etiquetas/expedientes.pdf?legajos={la_ajena.pk}")
    assert respuesta.status_code == 404
    mezcla = client.get(f"/archivo/etiquetas/expedientes.pdf?legajos={la_suya.pk},{la_ajena.pk}")
    assert mezcla.status_code == 404 and b"91002" not in mezcla.content
    texto = _pdf(client.get(f"/archivo/etiquetas/expedientes.pdf?legajos={la_suya.pk}"))
    assert "EXPEDIENTE 91001" in texto.pages[0].extract_text()
    assert client.get("/archivo/ubicaciones/").status_code == 403


def test_la_pagina_de_etiquetas_busca_por_cuenta(client, lugar, jefa):
    legajo = legajo_de(CuentaFactory(numero="66001"))
    client.force_login(jefa)
    html = client.get("/archivo/etiquetas/", {"cuentas": "66001"}).content.decode()
    assert f'value="{legajo.pk}"' in html and "Caja C-01" in html


# --- API -----------------------------------------------------------------------------------------


def test_api_crea_el_arbol_mueve_y_ubica(cliente_api, jefa, django_assert_max_num_queries):
    api = cliente_api(jefa)
    archivo = api.post("/api/v1/archivo/ubicaciones/archivos/", {"nombre": "Bodega"}).json()
    a = api.post(
        "/api/v1/archivo/ubicaciones/estantes/", {"archivo": archivo["id"], "clave": "1"}
    ).json()
    b = api.post(
        "/api/v1/archivo/ubicaciones/estantes/", {"archivo": archivo["id"], "clave": "2"}
    ).json()
    caja = api.post("/api/v1/archivo/ubicaciones/cajas/", {"estante": a["id"], "clave": "K1"})
    assert caja.status_code == 201
    carpeta = api.post(
        "/api/v1/archivo/ubicaciones/carpetas/", {"caja": caja.json()["id"], "clave": "F"}
    ).json()
    repetida = api.post("/api/v1/archivo/ubicaciones/cajas/", {"estante": b["id"], "clave": "K1"})
    assert repetida.status_code == 400
    assert "Ya existe la caja K1" in repetida.json()["error"]["campos"]["clave"][0]

    doc = documento(CuentaFactory())
    ubicado = api.post(
        f"/api/v1/archivo/documentos/{doc.pk}/ubicar/", {"carpeta": carpeta["id"]}, format="json"
    )
    assert ubicado.json()["ubicacion"] == "Bodega · estante 1 · caja K1 · carpeta F"
    movida = api.post(f"/api/v1/archivo/cajas/{caja.json()['id']}/mover/", {"estante": b["id"]})
    assert movida.status_code == 200

    with django_assert_max_num_queries(8):
        arbol = api.get("/api/v1/archivo/ubicaciones/").json()
    cajas = arbol[0]["estantes"][1]["cajas"]
    assert cajas[0]["clave"] == "K1" and cajas[0]["documentos"] == 1


def test_api_no_ubica_documentos_ajenos(cliente_api, crear_usuario, lugar):
    supervisor = crear_usuario("supervisor")
    abogado = crear_usuario("abogado_externo")
    cuenta = CuentaFactory()
    asignacion_cambiar(
        cuenta=CuentaFactory(), asignado_a=abogado, asignado_por=supervisor, motivo="PEC"
    )
    doc = documento(cuenta)
    respuesta = cliente_api(abogado).post(
        f"/api/v1/archivo/documentos/{doc.pk}/ubicar/", {"carpeta": lugar["carpeta"].pk}
    )
    assert respuesta.status_code in (403, 404)
