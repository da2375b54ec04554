"""Public verification of a constancia de no adeudo: whoever holds the paper types its folio
and code, without an account, and learns whether it is authentic (the name masked)."""

import pytest

from convenios.documentos.services import constancia_emitir
from convenios.documentos.views import nombre_enmascarado
from padron.models import Titular
from padron.templatetags.formato import fecha
from tests.convenios.conftest import HOY
from tests.factories import CuentaFactory

pytestmark = pytest.mark.fecha


@pytest.fixture
def constancia(db, crear_usuario):
    cuenta = CuentaFactory(
        numero="40123",
        titular__nombre="Juan",
        titular__apellido_paterno="Pérez",
        titular__apellido_materno="López",
    )
    return constancia_emitir(cuenta=cuenta, usuario=crear_usuario("ventanilla"), dia=HOY)


def _url(constancia, codigo=None):
    codigo = constancia.codigo if codigo is None else codigo
    return f"/verificar/{constancia.folio}/?codigo={codigo}"


def test_folio_y_codigo_correctos_sin_sesion(client, constancia, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        respuesta = client.get(_url(constancia))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Constancia auténtica y vigente" in html
    assert constancia.folio in html and "40123" in html
    assert "JUAN P*** L***" in html
    assert "Pérez" not in html and "López" not in html
    assert fecha(constancia.emitida) in html  # fecha de emisión, dd/mm/aaaa
    assert 'name="robots" content="noindex' in html


def test_el_codigo_se_acepta_en_minusculas(client, constancia):
    assert client.get(_url(constancia, constancia.codigo.lower())).status_code == 200


def test_codigo_equivocado_no_encontrada(client, constancia):
    respuesta = client.get(_url(constancia, "0000000000000000"))
    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "Constancia no encontrada" in html and "Juan" not in html


def test_sin_codigo_no_encontrada(client, constancia):
    respuesta = client.get(f"/verificar/{constancia.folio}/")
    assert respuesta.status_code == 404
    assert "Constancia no encontrada" in respuesta.content.decode()


def test_folio_que_no_existe_no_encontrada(client, constancia):
    respuesta = client.get(f"/verificar/CND26-999999/?codigo={constancia.codigo}")
    assert respuesta.status_code == 404


def test_una_constancia_anulada_se_dice_anulada(client, constancia):
    constancia.anulada, constancia.motivo_anulacion = True, "Pago revertido"
    constancia.save()
    respuesta = client.get(_url(constancia))
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "ANULADA" in html and "Pago revertido" in html
    assert "auténtica y vigente" not in html


def test_el_formulario_lleva_a_la_constancia(client, constancia):
    assert client.get("/verificar/").status_code == 200
    respuesta = client.get(
        "/verificar/", {"folio": f" {constancia.folio.lower()} ", "codigo": constancia.codigo}
    )
    assert respuesta.status_code == 302
    assert respuesta["Location"] == _url(constancia)
    assert client.get(respuesta["Location"]).status_code == 200


def test_el_formulario_pide_folio_y_codigo(client, db):
    respuesta = client.get("/verificar/", {"folio": "", "codigo": ""})
    assert respuesta.status_code == 400
    html = respuesta.content.decode()
    assert "Indique el folio impreso en la constancia." in html
    assert "Indique el código de verificación impreso en la constancia." in html


def test_nombre_de_una_persona_moral():
    titular = Titular(tipo_persona="moral", nombre="Constructora del Desierto SA de CV")
    assert nombre_enmascarado(titular) == "CONSTRUCTORA D*** D*** S*** D*** C***"


def test_nombre_sin_apellido_materno():
    titular = Titular(nombre="María José", apellido_paterno="Valenzuela")
    assert nombre_enmascarado(titular) == "MARÍA JOSÉ V***"
