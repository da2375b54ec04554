"""A complete list exported in the background: the file holds every row and the totals to the
centavo, is written once and served again, a failed one is retried, progress is visible, and
only who may see the list may ask for it or download it."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from cobranza.exportaciones import listas
from cobranza.exportaciones.services import exportacion_generar, exportacion_solicitar
from cobranza.models import Exportacion
from cobranza.morosos.exports import ExportadorXLSX
from cobranza.morosos.services import lista_morosos_generar
from tests.cobranza.morosos.test_morosos import moroso
from tests.factories import CarteraFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
AMPLIOS = {"saldo_vencido_minimo": "0.01", "meses_vencidos_minimo": "1"}


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Ana", last_name="Robles")


@pytest.fixture
def lista(supervisor):
    """A list longer than one PDF page: 32 accounts."""
    cartera = CarteraFactory()
    for i in range(32):
        moroso(cartera, meses=1, monto=f"{100 + i}.{i:02d}", numero=f"0600{i:05d}")
    return lista_morosos_generar(
        criterios={"cartera": cartera.clave, **AMPLIOS}, usuario=supervisor
    )


def _pedir(client, lista, formato, capturar):
    with capturar(execute=True):
        respuesta = client.post(
            "/exportaciones/", {"tipo": "morosos", "folio": lista.folio, "formato": formato}
        )
    assert respuesta.status_code == 302
    pk = int(respuesta["Location"].rstrip("/").rsplit("/", 1)[-1])
    return Exportacion.objects.get(pk=pk)


def _descargar(client, exportacion):
    respuesta = client.get(f"/exportaciones/{exportacion.pk}/descargar/")
    assert respuesta.status_code == 200
    return respuesta, b"".join(respuesta.streaming_content)


def _numeros(lista):
    return list(lista.renglones.order_by("orden").values_list("numero", flat=True))


def test_el_xlsx_completo_con_los_totales_al_centavo(
    client, lista, supervisor, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    exportacion = _pedir(client, lista, "xlsx", django_capture_on_commit_callbacks)
    assert exportacion.estado == "lista" and exportacion.renglones == exportacion.total == 32

    pagina = client.get(f"/exportaciones/{exportacion.pk}/")
    assert b'value="100"' in pagina.content and b'id="descargar"' in pagina.content
    respuesta, contenido = _descargar(client, exportacion)
    assert f"morosos-{lista.folio}.xlsx" in respuesta["Content-Disposition"]
    filas = list(load_workbook(io.BytesIO(contenido)).active.iter_rows(values_only=True))
    inicio = next(i for i, f in enumerate(filas) if f[0] == "#") + 1
    datos, total = filas[inicio:-1], filas[-1]
    assert [f[1] for f in datos] == _numeros(lista)
    assert total[1] == "TOTAL"
    assert D(str(total[9])) == lista.total_vencido
    assert sum(D(str(f[9])).quantize(D("0.01")) for f in datos) == lista.total_vencido


def test_el_pdf_completo_numerado_y_con_el_total(
    client, lista, supervisor, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    exportacion = _pedir(client, lista, "pdf", django_capture_on_commit_callbacks)
    _, contenido = _descargar(client, exportacion)
    paginas = PdfReader(io.BytesIO(contenido)).pages
    assert len(paginas) >= 2
    textos = [p.extract_text() for p in paginas]
    texto = "\n".join(textos)
    assert all(numero in texto for numero in _numeros(lista))
    assert textos[-1].rstrip().endswith(f"Página {len(paginas)} de {len(paginas)}")
    assert all(f"Lista de morosos {lista.folio}" in t for t in textos)  # letterhead, every page
    assert f"${lista.total_vencido:,.2f}" in textos[-1]


def test_se_sirve_de_nuevo_sin_volver_a_generarlo(
    client, lista, supervisor, crear_usuario, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    primera = _pedir(client, lista, "csv", django_capture_on_commit_callbacks)
    otro = crear_usuario("supervisor")
    client.force_login(otro)
    with django_capture_on_commit_callbacks(execute=True) as enviados:
        segunda = _pedir(client, lista, "csv", django_capture_on_commit_callbacks)
    assert enviados == [] and segunda.pk == primera.pk
    assert segunda.archivo.name == primera.archivo.name and segunda.intentos == 1
    _, contenido = _descargar(client, segunda)
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert [f[1] for f in filas[1:]] == [f'="{n}"' for n in _numeros(lista)]
    assert sum(D(f[9]) for f in filas[1:]) == lista.total_vencido


def test_una_fallida_lo_dice_en_espanol_y_se_reintenta(
    client, lista, supervisor, monkeypatch, django_capture_on_commit_callbacks
):
    def falla(self, destino, avance=None):
        raise OSError("disco lleno")

    monkeypatch.setattr(ExportadorXLSX, "escribir", falla)
    client.force_login(supervisor)
    exportacion = _pedir(client, lista, "xlsx", django_capture_on_commit_callbacks)
    assert exportacion.estado == "fallida" and "Vuelva a pedirlo" in exportacion.error
    pagina = client.get(f"/exportaciones/{exportacion.pk}/").content.decode()
    assert "Intentar de nuevo" in pagina and 'id="descargar"' not in pagina
    assert client.get(f"/exportaciones/{exportacion.pk}/descargar/").status_code == 404

    monkeypatch.undo()
    otra = _pedir(client, lista, "xlsx", django_capture_on_commit_callbacks)
    assert otra.pk == exportacion.pk and otra.estado == "lista" and otra.intentos == 2


def test_el_avance_se_ve_mientras_escribe(client, lista, supervisor, monkeypatch):
    """The progress is written every few thousand rows (here every 10) and the page's JSON
    shows it while the job runs."""
    monkeypatch.setattr("cobranza.morosos.exports.AVISAR_CADA", 10)
    exportacion, _ = exportacion_solicitar(
        tipo="morosos", folio=lista.folio, formato="csv", usuario=supervisor
    )
    client.force_login(supervisor)
    vistos = []
    original = listas.TIPOS["morosos"]

    def tabla(lista_):
        t = original.tabla(lista_)
        filas = t.filas

        def contando():
            for n, fila in enumerate(filas(), 1):
                if n % 10 == 1:
                    estado = client.get(f"/exportaciones/{exportacion.pk}/estado/").json()
                    vistos.append((estado["estado"], estado["renglones"], estado["total"]))
                yield fila

        t.filas = contando
        return t

    monkeypatch.setitem(
        listas.TIPOS, "morosos", listas.TipoLista(**{**original.__dict__, "tabla": tabla})
    )
    exportacion_generar(exportacion.pk)
    assert vistos == [
        ("en_proceso", 0, 32),
        ("en_proceso", 10, 32),
        ("en_proceso", 20, 32),
        ("en_proceso", 30, 32),
    ]
    exportacion.refresh_from_db()
    assert (exportacion.estado, exportacion.renglones, exportacion.porcentaje) == ("lista", 32, 100)
    assert exportacion_generar(exportacion.pk) is None  # done: a second delivery does nothing


def test_la_pagina_sin_javascript_se_recarga_sola(client, lista, supervisor):
    exportacion, _ = exportacion_solicitar(
        tipo="morosos", folio=lista.folio, formato="pdf", usuario=supervisor
    )
    Exportacion.objects.filter(pk=exportacion.pk).update(estado="en_proceso", renglones=8, total=32)
    client.force_login(supervisor)
    pagina = client.get(f"/exportaciones/{exportacion.pk}/").content.decode()
    assert '<progress id="avance" max="100" value="25">' in pagina
    assert '<meta http-equiv="refresh"' in pagina and '8</span> de <span id="total">32' in pagina


@pytest.mark.parametrize("rol", ["ventanilla", "abogado_externo", "cortador"])
def test_quien_no_ve_la_lista_no_la_pide_ni_la_descarga(
    client, lista, supervisor, crear_usuario, cliente_api, rol, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)
    exportacion = _pedir(client, lista, "csv", django_capture_on_commit_callbacks)
    intruso = crear_usuario(rol)
    client.force_login(intruso)
    datos = {"tipo": "morosos", "folio": lista.folio, "formato": "csv"}
    assert client.post("/exportaciones/", datos).status_code == 403
    for ruta in ("", "estado/", "descargar/"):
        assert client.get(f"/exportaciones/{exportacion.pk}/{ruta}").status_code == 403
    api = cliente_api(intruso)
    assert api.post("/api/v1/exportaciones/", datos, format="json").status_code == 403
    assert api.get(f"/api/v1/exportaciones/{exportacion.pk}/archivo/").status_code == 403


def test_la_api_pide_sigue_y_descarga(
    lista, supervisor, cliente_api, django_capture_on_commit_callbacks
):
    api = cliente_api(supervisor)
    with django_capture_on_commit_callbacks(execute=True):
        respuesta = api.post(
            "/api/v1/exportaciones/",
            {"tipo": "morosos", "folio": lista.folio, "formato": "xlsx"},
            format="json",
        )
    assert respuesta.status_code == 202
    estado = api.get(f"/api/v1/exportaciones/{respuesta.json()['id']}/").json()
    assert estado["estado"] == "lista" and estado["renglones"] == 32
    archivo = api.get(estado["descarga"], HTTP_ACCEPT="application/json")
    assert archivo.status_code == 200
    hoja = load_workbook(io.BytesIO(b"".join(archivo.streaming_content))).active
    assert hoja.max_row >= 32
    otra = api.post(
        "/api/v1/exportaciones/",
        {"tipo": "morosos", "folio": lista.folio, "formato": "xlsx"},
        format="json",
    )
    assert otra.status_code == 200 and otra.json()["id"] == estado["id"]


def test_la_api_explica_la_entrada_mala(supervisor, cliente_api):
    api = cliente_api(supervisor)
    malo = api.post(
        "/api/v1/exportaciones/", {"tipo": "morosos", "folio": "LM26-9", "formato": "doc"}
    )
    assert malo.status_code == 400
    assert "formato" in malo.json()["error"]["campos"]
    falta = api.post(
        "/api/v1/exportaciones/", {"tipo": "morosos", "folio": "LM26-999999", "formato": "csv"}
    )
    assert falta.status_code == 400
    assert "No existe la lista de morosos LM26-999999" in str(falta.json())


def test_la_lista_de_corte_completa_por_ruta_con_su_total(supervisor, client):
    from cobranza.cortes.services.listas import lista_corte_generar
    from tests.cobranza.cortes.ayudas import DIA, cartera_de_agua, deudora, reglas_de_convenios

    reglas_de_convenios()
    cartera = cartera_de_agua()
    for i in range(5):
        deudora(cartera, meses=3 + i, monto=f"2{i}0.15", ruta=f"10{i % 2}", manzana=f"{i:02d}")
    lista = lista_corte_generar(criterios={"cartera": cartera}, usuario=supervisor, dia=DIA)
    exportacion, encolar = exportacion_solicitar(
        tipo="corte", folio=lista.folio, formato="csv", usuario=supervisor
    )
    assert encolar
    exportacion_generar(exportacion.pk)
    exportacion.refresh_from_db()
    assert exportacion.estado == "lista" and exportacion.renglones == 5

    client.force_login(supervisor)
    assert b"Descargar lista completa" in client.get(f"/cortes/{lista.folio}/").content
    _, contenido = _descargar(client, exportacion)
    filas = list(csv.reader(io.StringIO(contenido.decode("utf-8-sig"))))
    assert filas[0][:3] == ["#", "Orden", "Cuenta"]
    ordenes = lista.ordenes_corte.order_by("sector", "ruta", "orden_ruta", "pk")
    assert [f[1] for f in filas[1:]] == [f'="{o}"' for o in ordenes.values_list("folio", flat=True)]
    assert sum(D(f[9]) for f in filas[1:]) == lista.total_vencido
