"""The public pages: anyone files a queja without logging in and follows it with folio and
clave; bots get refused (rate limit, honeypot, too fast, HTML) and nothing says whether a folio
or a cuenta exists."""

import pytest

from cobranza.atencion import publico
from cobranza.atencion.services.quejas import queja_responder
from cobranza.atencion.views import quejas as vistas
from cobranza.models import Queja
from tests.cobranza.atencion.ayudas_quejas import (  # noqa: F401 (fixtures)
    fixture_personas,
    marca,
    post_publico,
    queja,
    sin_limites_previos,
)
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db
NUEVA, CONSULTA, CALIFICAR = (
    "/publico/quejas/nueva/",
    "/publico/quejas/consulta/",
    "/publico/quejas/calificar/",
)


def test_sin_entrar_presenta_una_queja_y_recibe_folio_y_clave(client):
    formulario = client.get(NUEVA)
    assert formulario.status_code == 200
    assert "cuenta" not in formulario.context["form"].fields

    respuesta = client.post(NUEVA, post_publico(), follow=True)

    recibida = Queja.objects.get()
    assert (recibida.origen, recibida.capturada_por, recibida.nombre) == (
        "publico",
        None,
        "Juana Pérez",
    )
    html = respuesta.content.decode()
    assert f'<dd class="cifra" id="folio">{recibida.folio}</dd>' in html
    assert f'<dd class="cifra" id="clave">{recibida.clave}</dd>' in html
    assert "Guarde estos datos" in html
    # Shown once: a reload does not show (nor file) it again.
    assert client.get("/publico/quejas/recibida/")["Location"] == NUEVA
    assert Queja.objects.count() == 1


def test_el_honeypot_lleno_se_rechaza_sin_guardar(client):
    respuesta = client.post(NUEVA, post_publico(sitio_web="http://oferta.example"))

    assert respuesta.status_code == 400
    assert "No se pudo recibir el formulario." in respuesta.content.decode()
    assert not Queja.objects.exists()


def test_enviado_demasiado_rapido_se_rechaza(client):
    respuesta = client.post(NUEVA, post_publico(marca=marca(segundos_atras=0)))

    assert respuesta.status_code == 400
    assert "Se envió demasiado rápido" in respuesta.content.decode()
    assert not Queja.objects.exists()


def test_una_marca_falsificada_se_rechaza(client):
    respuesta = client.post(NUEVA, post_publico(marca="1700000000"))
    assert respuesta.status_code == 400
    assert not Queja.objects.exists()


def test_no_acepta_html_y_dice_en_que_campo(client):
    datos = post_publico(descripcion="<script>alert('hola')</script> cobro doble", nombre="Juana")

    respuesta = client.post(NUEVA, datos)

    assert respuesta.status_code == 400
    errores = respuesta.context["form"].errors
    assert errores["descripcion"] == ["No se aceptan etiquetas HTML; escriba solo texto."]
    assert "nombre" not in errores
    assert "&lt;script&gt;" in respuesta.content.decode()  # shown back escaped, never run
    assert not Queja.objects.exists()


@pytest.mark.parametrize(
    ("campos", "campo"),
    [
        ({"tipo": "reclamo"}, "tipo"),
        ({"descripcion": "mal"}, "descripcion"),
        ({"descripcion": "x" * 4001}, "descripcion"),
        ({"contacto": "llámenme"}, "contacto"),
        ({"contacto": "juana@"}, "contacto"),
        ({"nombre": "J" * 201}, "nombre"),
    ],
)
def test_valida_cada_campo(client, campos, campo):
    respuesta = client.post(NUEVA, post_publico(**campos))
    assert respuesta.status_code == 400
    assert campo in respuesta.context["form"].errors
    assert not Queja.objects.exists()


def test_una_avalancha_recibe_429(client, monkeypatch):
    monkeypatch.setattr(publico, "LIMITE_PUBLICO", 3)

    estados = [client.post(NUEVA, post_publico()).status_code for _ in range(5)]

    assert estados == [302, 302, 302, 429, 429]
    assert Queja.objects.count() == 3
    ultima = client.post(NUEVA, post_publico())
    assert "demasiadas solicitudes" in ultima.content.decode()
    # Another address is not affected.
    assert client.post(NUEVA, post_publico(), REMOTE_ADDR="10.0.0.9").status_code == 302


def test_folio_con_clave_equivocada_dice_lo_mismo_que_un_folio_inexistente(client):
    existente = queja()

    clave_mala = client.post(CONSULTA, {"folio": existente.folio, "clave": "AAAAAAAA"})
    no_existe = client.post(CONSULTA, {"folio": "Q26-999999", "clave": existente.clave})

    assert clave_mala.status_code == no_existe.status_code
    mensajes = [r.context["form"].non_field_errors() for r in (clave_mala, no_existe)]
    assert mensajes[0] == mensajes[1] == ["No encontramos un folio con esa clave."]
    assert existente.descripcion not in clave_mala.content.decode()


def test_consulta_muestra_estado_sin_datos_de_la_cuenta(client, personas):
    recibida = queja(personas["ventanilla"], cuenta=CuentaFactory(numero="5001"), nombre="Pedro")

    # Folio and clave as a person types them: lower case, spaces around.
    respuesta = client.post(
        CONSULTA, {"folio": f" {recibida.folio.lower()} ", "clave": recibida.clave.lower()}
    )

    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert '<dd id="estado">Recibida</dd>' in html
    assert "5001" not in html and "Pedro" not in html
    assert respuesta.context["calificar"] is None  # nothing to rate yet


def test_con_respuesta_se_califica_una_sola_vez(client, personas):
    recibida = queja()
    queja_responder(
        queja=recibida, respuesta="Se ajustó su recibo.", usuario=personas["ventanilla"]
    )
    credenciales = {"folio": recibida.folio, "clave": recibida.clave}

    consulta = client.post(CONSULTA, credenciales)
    primera = client.post(CALIFICAR, {**credenciales, "satisfaccion": "4"})
    segunda = client.post(CALIFICAR, {**credenciales, "satisfaccion": "1"})

    assert "Se ajustó su recibo." in consulta.content.decode()
    assert consulta.context["calificar"] is not None
    assert "Gracias por calificar la respuesta." in primera.content.decode()
    assert primera.context["calificar"] is None
    assert segunda.status_code == 400
    assert "ya fue calificada" in segunda.content.decode()
    recibida.refresh_from_db()
    assert recibida.satisfaccion == 4


def test_calificar_con_clave_equivocada_no_califica(client, personas):
    recibida = queja()
    queja_responder(queja=recibida, respuesta="Listo.", usuario=personas["ventanilla"])

    respuesta = client.post(
        CALIFICAR, {"folio": recibida.folio, "clave": "ZZZZZZZZ", "satisfaccion": "1"}
    )

    assert "No encontramos un folio con esa clave." in respuesta.content.decode()
    recibida.refresh_from_db()
    assert recibida.satisfaccion is None


def test_la_consulta_tambien_tiene_limite(client, monkeypatch):
    monkeypatch.setattr(vistas, "LIMITE_CONSULTAS", 2)
    intento = {"folio": "Q26-000001", "clave": "AAAAAAAA"}

    estados = [client.post(CONSULTA, intento).status_code for _ in range(3)]

    assert estados == [404, 404, 429]
