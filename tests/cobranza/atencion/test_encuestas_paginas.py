"""Survey pages: the supervisor defines one; the person answers on the tablet or from a link,
once; the open public page resists floods and bots, and never accepts HTML."""

import pytest
from django.core.cache import cache

from cobranza.atencion.models import Encuesta, Invitacion, Respuesta
from cobranza.atencion.services.encuestas import (
    encuesta_desactivar,
    invitacion_crear,
    respuestas_registrar,
)
from tests.cobranza.atencion.test_encuestas_servicios import crear_encuesta, valores

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-10")]


@pytest.fixture(autouse=True)
def limite_limpio():
    cache.clear()  # the public rate limit counts per address in the cache
    yield
    cache.clear()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def encuesta(supervisor):
    return crear_encuesta(supervisor)


def _campos(encuesta, marca, **cambios):
    datos = {f"pregunta_{pk}": valor for pk, valor in valores(encuesta, **cambios).items()}
    return {**datos, "marca": marca, "sitio_web": ""}


def _mostrar(client, url, reloj):
    """GET the form, as the person does, and let the minimum filling time pass."""
    respuesta = client.get(url)
    assert respuesta.status_code == 200
    reloj.shift(10)
    return respuesta.context["form"]["marca"].value()


# --- defining ---------------------------------------------------------------------------------


def _fila(i, texto, tipo="escala", opciones="", obligatoria=True):
    fila = {f"preguntas-{i}-texto": texto, f"preguntas-{i}-tipo": tipo}
    fila[f"preguntas-{i}-opciones"] = opciones
    if obligatoria:
        fila[f"preguntas-{i}-obligatoria"] = "on"
    return fila


def _definicion(*filas, **campos):
    datos = {
        "nombre": "Atención telefónica",
        "en_ventanilla": "on",
        "preguntas-TOTAL_FORMS": str(len(filas) + 1),
        "preguntas-INITIAL_FORMS": "0",
        **campos,
    }
    for fila in filas:
        datos.update(fila)
    datos.update(_fila(len(filas), ""))  # a blank row is ignored
    return datos


def test_la_supervisora_crea_una_encuesta(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/encuestas/nueva/").status_code == 200
    respuesta = client.post(
        "/encuestas/nueva/",
        _definicion(
            _fila(0, "¿Cómo lo atendieron?"),
            _fila(1, "¿Por dónde nos llamó?", "opcion", "Conmutador\nCelular\n"),
            _fila(2, "Comentarios", "texto", obligatoria=False),
        ),
        follow=True,
    )
    encuesta = Encuesta.objects.get()
    assert respuesta.redirect_chain[-1][0] == f"/encuestas/{encuesta.pk}/"
    assert "Encuesta «Atención telefónica» creada." in respuesta.content.decode()
    assert list(encuesta.preguntas.values_list("tipo", "opciones", "obligatoria")) == [
        ("escala", [], True),
        ("opcion", ["Conmutador", "Celular"], True),
        ("texto", [], False),
    ]


def test_el_error_queda_en_su_renglon(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.post(
        "/encuestas/nueva/",
        _definicion(_fila(0, "¿Bien?"), _fila(1, "¿Medio?", "opcion", "Solo una")),
    )
    assert respuesta.status_code == 400
    formset = respuesta.context["formset"]
    assert formset.forms[1].errors == {
        "opciones": ["Pregunta 2: indique al menos dos opciones distintas."]
    }
    assert not Encuesta.objects.exists()


def test_agregar_renglones_no_guarda(client, supervisor):
    client.force_login(supervisor)
    datos = _definicion(_fila(0, "¿Bien?"), mas_filas="1")
    respuesta = client.post("/encuestas/nueva/", datos)
    assert respuesta.status_code == 200
    assert len(respuesta.context["formset"].forms) == 5  # 2 posted + 3 more
    assert not Encuesta.objects.exists()


def test_con_respuestas_la_edicion_no_ofrece_las_preguntas(client, supervisor, encuesta):
    respuestas_registrar(
        invitacion=invitacion_crear(encuesta=encuesta, canal="publica"), valores=valores(encuesta)
    )
    client.force_login(supervisor)
    respuesta = client.get(f"/encuestas/{encuesta.pk}/editar/")
    assert "sus preguntas no se pueden cambiar" in respuesta.content.decode()
    respuesta = client.post(
        f"/encuestas/{encuesta.pk}/editar/", {"nombre": "Caja 2027", "publica": "on"}
    )
    assert respuesta.status_code == 302
    encuesta.refresh_from_db()
    assert (encuesta.nombre, encuesta.en_ventanilla, encuesta.preguntas.count()) == (
        "Caja 2027",
        False,
        4,
    )


def test_desactivar_desde_la_lista(client, supervisor, encuesta):
    client.force_login(supervisor)
    client.post(f"/encuestas/{encuesta.pk}/activa/", {"activa": "0"})
    encuesta.refresh_from_db()
    assert not encuesta.activa


# --- who may --------------------------------------------------------------------------------


def test_quien_ve_la_lista(client, crear_usuario, encuesta):
    respuesta = client.get("/encuestas/")
    assert respuesta.status_code == 302 and respuesta["Location"].startswith("/entrar/")

    client.force_login(crear_usuario("gerencia"))
    html = client.get("/encuestas/").content.decode()
    assert "Satisfacción en caja" in html and "Nueva encuesta" not in html

    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/encuestas/").status_code == 403


def test_ventanilla_no_define_encuestas(client, crear_usuario):
    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/encuestas/nueva/").status_code == 403
    respuesta = client.post("/encuestas/nueva/", _definicion(_fila(0, "¿Bien?")))
    assert respuesta.status_code == 403
    assert not Encuesta.objects.exists()


def test_gerencia_no_define_encuestas(client, crear_usuario, encuesta):
    client.force_login(crear_usuario("gerencia"))
    assert client.get("/encuestas/nueva/").status_code == 403
    assert client.post(f"/encuestas/{encuesta.pk}/activa/", {"activa": "0"}).status_code == 403


# --- answering by invitation ----------------------------------------------------------------


def test_se_responde_una_sola_vez(client, encuesta, reloj):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    url = f"/publico/encuestas/{invitacion.token}/"
    marca = _mostrar(client, url, reloj)

    respuesta = client.post(url, _campos(encuesta, marca, texto="Muy amable"))
    assert "¡Gracias por su opinión!" in respuesta.content.decode()

    segunda = client.post(url, _campos(encuesta, marca, escala="1"))
    assert "Gracias, esta encuesta ya fue respondida" in segunda.content.decode()
    assert "Gracias, esta encuesta ya fue respondida" in client.get(url).content.decode()
    assert Respuesta.objects.get(pregunta__tipo="escala").valor == "5"
    assert Respuesta.objects.count() == 4


def test_la_pagina_publica_no_tiene_menu(client, crear_usuario, encuesta):
    client.force_login(crear_usuario("ventanilla"))  # the clerk's own screen
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    html = client.get(f"/publico/encuestas/{invitacion.token}/").content.decode()
    assert "Salir" not in html and "Buscar cuenta" not in html


def test_un_valor_invalido_se_marca_en_su_pregunta(client, encuesta, reloj):
    invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla")
    url = f"/publico/encuestas/{invitacion.token}/"
    marca = _mostrar(client, url, reloj)
    respuesta = client.post(url, _campos(encuesta, marca, escala="9", si_no=""))
    assert respuesta.status_code == 400
    errores = respuesta.context["form"].errors
    escala, si_no = encuesta.preguntas.order_by("orden")[:2]
    assert errores[f"pregunta_{escala.pk}"] == ["Elija un valor del 1 al 5."]
    assert errores[f"pregunta_{si_no.pk}"] == ["Responda esta pregunta."]
    invitacion.refresh_from_db()
    assert invitacion.respondida is None


@pytest.mark.parametrize(
    "cambio", [{"texto": "<script>alert(1)</script>"}, {"opcion": "<b>Banco</b>"}]
)
def test_no_se_acepta_html(client, encuesta, reloj, cambio):
    invitacion = invitacion_crear(encuesta=encuesta, canal="aviso")
    url = f"/publico/encuestas/{invitacion.token}/"
    marca = _mostrar(client, url, reloj)
    respuesta = client.post(url, _campos(encuesta, marca, **cambio))
    assert respuesta.status_code == 400
    assert "No se aceptan etiquetas HTML" in respuesta.content.decode()
    assert not Respuesta.objects.exists()


@pytest.mark.parametrize("token", ["no-existe-este-token", "inactiva"])
def test_una_liga_invalida_es_neutral(client, encuesta, token):
    if token == "inactiva":
        token = invitacion_crear(encuesta=encuesta, canal="aviso").token
        encuesta_desactivar(encuesta=encuesta)
    respuesta = client.get(f"/publico/encuestas/{token}/")
    assert respuesta.status_code == 404
    assert "Encuesta no disponible" in respuesta.content.decode()


# --- the open public page -------------------------------------------------------------------


def test_la_encuesta_abierta(client, encuesta, reloj):
    url = f"/publico/encuestas/abierta/{encuesta.pk}/"
    marca = _mostrar(client, url, reloj)
    client.get(url)
    assert not Invitacion.objects.exists()  # showing the page creates nothing

    respuesta = client.post(url, _campos(encuesta, marca))
    assert "¡Gracias por su opinión!" in respuesta.content.decode()
    invitacion = Invitacion.objects.get()
    assert (invitacion.canal, invitacion.respuestas.count()) == ("publica", 3)


def test_la_abierta_solo_si_es_publica(client, supervisor):
    privada = crear_encuesta(supervisor, nombre="Interna", en_ventanilla=True)
    respuesta = client.get(f"/publico/encuestas/abierta/{privada.pk}/")
    assert respuesta.status_code == 404 and "Encuesta no disponible" in respuesta.content.decode()


def test_la_trampa_llena_no_se_recibe(client, encuesta, reloj):
    url = f"/publico/encuestas/abierta/{encuesta.pk}/"
    marca = _mostrar(client, url, reloj)
    datos = {**_campos(encuesta, marca), "sitio_web": "http://spam.example"}
    respuesta = client.post(url, datos)
    assert respuesta.status_code == 400
    assert "No se pudo recibir el formulario." in respuesta.content.decode()
    assert not Invitacion.objects.exists()


def test_enviar_de_inmediato_no_se_recibe(client, encuesta):
    url = f"/publico/encuestas/abierta/{encuesta.pk}/"
    marca = client.get(url).context["form"]["marca"].value()
    respuesta = client.post(url, _campos(encuesta, marca))  # a bot posts at once
    assert respuesta.status_code == 400 and not Invitacion.objects.exists()


def test_una_avalancha_se_detiene(client, encuesta, reloj):
    url = f"/publico/encuestas/abierta/{encuesta.pk}/"
    marca = _mostrar(client, url, reloj)
    for _ in range(10):
        assert client.post(url, _campos(encuesta, marca)).status_code == 200
    respuesta = client.post(url, _campos(encuesta, marca))
    assert respuesta.status_code == 429
    assert "Recibimos demasiados envíos desde su conexión" in respuesta.content.decode()
    assert Invitacion.objects.count() == 10
