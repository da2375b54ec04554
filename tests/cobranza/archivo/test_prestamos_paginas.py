"""The custodian's loan pages, the borrower's own loans and the vale de préstamo."""

from datetime import timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader

from cobranza.archivo.services.prestamos import prestamo_registrar
from cobranza.models import Documento, Prestamo
from padron.fechas import hoy
from tests.cobranza.archivo.test_prestamos_ayudas import (
    Estado,
    crear_escenario,
    en_una_semana,
    original,
)
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def escenario(crear_usuario):
    return crear_escenario(crear_usuario)


def _texto(contenido):
    return " ".join(p.extract_text() for p in PdfReader(BytesIO(contenido)).pages)


def _datos(e, **cambios):
    return {
        "prestatario": e["abogado_1"].pk,
        "proposito": "Demanda ejecutiva",
        "vence": en_una_semana().strftime("%d/%m/%Y"),
        **cambios,
    }


def _prestamo(e, documento=None, prestatario=None):
    return prestamo_registrar(
        documento=documento or e["pagare_a"],
        prestatario=prestatario or e["abogado_1"],
        proposito="Demanda ejecutiva",
        vence=en_una_semana(),
        usuario=e["custodio"],
    )


def test_prestar_desde_el_documento(client, escenario):
    client.force_login(escenario["custodio"])
    url = f"/archivo/documentos/{escenario['pagare_a'].pk}/prestar/"
    assert client.get(url).status_code == 200

    respuesta = client.post(url, _datos(escenario))

    assert respuesta.status_code == 302 and respuesta["Location"] == "/archivo/prestamos/"
    assert Documento.objects.get(pk=escenario["pagare_a"].pk).estado == Estado.PRESTADO

    otra_vez = client.post(url, _datos(escenario))
    assert otra_vez.status_code == 400
    assert "Este original ya está prestado a Luis Quiroga" in otra_vez.content.decode()
    assert Prestamo.objects.count() == 1


def test_no_se_presta_al_abogado_un_expediente_ajeno(client, escenario):
    client.force_login(escenario["custodio"])
    respuesta = client.post(
        f"/archivo/documentos/{escenario['pagare_b'].pk}/prestar/", _datos(escenario)
    )
    assert respuesta.status_code == 400
    assert "no tiene acceso a la cuenta" in respuesta.content.decode()
    assert not Prestamo.objects.exists()


def test_lista_con_vencidos_resaltados(client, escenario, django_assert_max_num_queries):
    _prestamo(escenario)
    for _ in range(5):
        vencido = _prestamo(
            escenario, documento=original(CuentaFactory()), prestatario=escenario["custodio"]
        )
        Prestamo.objects.filter(pk=vencido.pk).update(vence=hoy() - timedelta(days=2))
    client.force_login(escenario["custodio"])

    with django_assert_max_num_queries(10):
        respuesta = client.get("/archivo/prestamos/")

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count('class="vencida"') == 5 and html.count("· vencido") == 5
    solo_vencidos = client.get("/archivo/prestamos/?estado=vencidos").content.decode()
    assert escenario["a"].numero not in solo_vencidos


def test_recibir_de_vuelta(client, escenario):
    prestamo = _prestamo(escenario)
    client.force_login(escenario["custodio"])

    respuesta = client.post(f"/archivo/prestamos/{prestamo.pk}/recibir/")

    assert respuesta.status_code == 302
    prestamo.refresh_from_db()
    assert prestamo.devuelto is not None
    assert Documento.objects.get(pk=escenario["pagare_a"].pk).estado == Estado.RECIBIDO
    devueltos = client.get("/archivo/prestamos/?estado=devueltos").content.decode()
    assert escenario["a"].numero in devueltos


def test_el_abogado_no_custodia(client, escenario):
    prestamo = _prestamo(escenario)
    client.force_login(escenario["abogado_1"])
    assert client.get("/archivo/prestamos/").status_code == 403
    assert client.post(f"/archivo/prestamos/{prestamo.pk}/recibir/").status_code == 403
    assert client.get(f"/archivo/documentos/{escenario['pagare_a'].pk}/prestar/").status_code == 403


def test_mis_prestamos_y_su_vale(client, escenario, django_assert_max_num_queries):
    prestamo = _prestamo(escenario)
    client.force_login(escenario["abogado_1"])

    with django_assert_max_num_queries(10):
        respuesta = client.get("/archivo/mis-prestamos/")
    assert escenario["a"].numero in respuesta.content.decode()

    vale = client.get(f"/archivo/prestamos/{prestamo.pk}/vale.pdf")
    assert vale.status_code == 200 and vale["Content-Type"] == "application/pdf"
    texto = _texto(vale.content)
    for dato in (
        "VALE DE PRÉSTAMO",
        escenario["a"].numero,
        "Luis Quiroga",
        "Demanda ejecutiva",
        en_una_semana().strftime("%d/%m/%Y"),
        "Rosa Archivo",
        "Recibe",
    ):
        assert dato in texto, dato


def test_el_vale_no_es_de_otro_abogado(client, escenario):
    prestamo = _prestamo(escenario)
    client.force_login(escenario["abogado_2"])
    assert client.get(f"/archivo/prestamos/{prestamo.pk}/vale.pdf").status_code == 404
    assert escenario["a"].numero not in client.get("/archivo/mis-prestamos/").content.decode()


def test_el_custodio_abre_el_vale(client, escenario):
    prestamo = _prestamo(escenario)
    client.force_login(escenario["custodio"])
    assert client.get(f"/archivo/prestamos/{prestamo.pk}/vale.pdf").status_code == 200


def test_mis_prestamos_pide_un_rol(client, crear_usuario):
    client.force_login(crear_usuario(None))
    assert client.get("/archivo/mis-prestamos/").status_code == 403
    client.logout()
    assert client.get("/archivo/mis-prestamos/").status_code == 302
