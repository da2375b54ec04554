"""/api/v1/ encuestas: define and read surveys, their results, invitations for the clerk's app,
and the public answer by token (once: a second one is 409)."""

import pytest
from django.core.cache import cache

from cobranza.atencion.models import Encuesta, Invitacion, Respuesta
from cobranza.atencion.services.encuestas import invitacion_crear, respuestas_registrar
from tests.cobranza.atencion.test_encuestas_servicios import PREGUNTAS, crear_encuesta, valores
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-10")]


@pytest.fixture(autouse=True)
def limite_limpio():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def encuesta(supervisor):
    return crear_encuesta(supervisor)


def _respuestas(encuesta, **cambios):
    return [{"pregunta": pk, "valor": v} for pk, v in valores(encuesta, **cambios).items()]


def test_crear_una_encuesta(cliente_api, supervisor):
    respuesta = cliente_api(supervisor).post(
        "/api/v1/encuestas/",
        {"nombre": "Atención en línea", "publica": True, "preguntas": PREGUNTAS},
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.content
    assert [p["tipo"] for p in respuesta.json()["preguntas"]] == [
        "escala",
        "si_no",
        "opcion",
        "texto",
    ]


def test_el_error_nombra_la_pregunta(cliente_api, supervisor):
    preguntas = [PREGUNTAS[0], {"texto": "¿Medio?", "tipo": "opcion", "opciones": ["Uno"]}]
    respuesta = cliente_api(supervisor).post(
        "/api/v1/encuestas/", {"nombre": "Mal", "preguntas": preguntas}, format="json"
    )
    assert respuesta.status_code == 400
    assert list(respuesta.json()["error"]["campos"]) == ["preguntas[1].opciones"]


def test_ventanilla_no_crea_encuestas(cliente_api, crear_usuario):
    respuesta = cliente_api(crear_usuario("ventanilla")).post(
        "/api/v1/encuestas/", {"nombre": "X", "preguntas": PREGUNTAS}, format="json"
    )
    assert respuesta.status_code == 403
    assert respuesta.json()["error"]["mensaje"] == "No tiene permiso para realizar esta acción."
    assert not Encuesta.objects.exists()


def test_la_lista(cliente_api, crear_usuario, supervisor, django_assert_max_num_queries):
    for n in range(5):
        crear_encuesta(supervisor, nombre=f"Encuesta {n}")
    cliente = cliente_api(crear_usuario("gerencia"))
    with django_assert_max_num_queries(8):
        respuesta = cliente.get("/api/v1/encuestas/")
    assert respuesta.status_code == 200
    datos = respuesta.json()
    assert datos["count"] == 5
    assert len(datos["results"][0]["preguntas"]) == 4
    assert cliente_api(crear_usuario("ventanilla")).get("/api/v1/encuestas/").status_code == 403


def test_con_respuestas_no_cambian_sus_preguntas(cliente_api, supervisor, encuesta):
    respuestas_registrar(
        invitacion=invitacion_crear(encuesta=encuesta, canal="publica"), valores=valores(encuesta)
    )
    cliente = cliente_api(supervisor)
    respuesta = cliente.patch(
        f"/api/v1/encuestas/{encuesta.pk}/", {"preguntas": PREGUNTAS[:1]}, format="json"
    )
    assert respuesta.status_code == 400
    assert "ya tiene respuestas" in respuesta.json()["error"]["campos"]["preguntas"][0]
    respuesta = cliente.patch(f"/api/v1/encuestas/{encuesta.pk}/", {"activa": False}, format="json")
    assert respuesta.json()["activa"] is False


def test_resultados(cliente_api, crear_usuario, encuesta):
    for escala in ("5", "4"):
        respuestas_registrar(
            invitacion=invitacion_crear(encuesta=encuesta, canal="ventanilla"),
            valores=valores(encuesta, escala=escala),
        )
    invitacion_crear(encuesta=encuesta, canal="publica")
    respuesta = cliente_api(crear_usuario("gerencia")).get(
        f"/api/v1/encuestas/{encuesta.pk}/resultados/", {"desde": "01/12/2026"}
    )
    datos = respuesta.json()
    assert (datos["enviadas"], datos["respondidas"], datos["tasa"]) == (3, 2, "66.67")
    escala = datos["preguntas"][0]
    assert escala["promedio"] == "4.50"
    assert [c["respuestas"] for c in escala["conteos"]] == [0, 0, 0, 1, 1]
    filtrada = cliente_api(crear_usuario("gerencia")).get(
        f"/api/v1/encuestas/{encuesta.pk}/resultados/", {"canal": "publica"}
    )
    assert filtrada.json()["preguntas"][0]["promedio"] is None


def test_ventanilla_invita_desde_su_aplicacion(cliente_api, crear_usuario, encuesta):
    cuenta = CuentaFactory(numero="7001")
    respuesta = cliente_api(crear_usuario("ventanilla")).post(
        f"/api/v1/encuestas/{encuesta.pk}/invitaciones/", {"cuenta": "7001"}, format="json"
    )
    assert respuesta.status_code == 201
    invitacion = Invitacion.objects.get()
    assert (invitacion.canal, invitacion.cuenta) == ("ventanilla", cuenta)
    assert respuesta.json()["liga"].endswith(f"/publico/encuestas/{invitacion.token}/")


def test_se_responde_una_sola_vez_por_la_api(cliente_api, encuesta):
    token = invitacion_crear(encuesta=encuesta, canal="aviso").token
    publico = cliente_api()  # no login
    url = f"/api/v1/publico/encuestas/{token}/"
    assert publico.get(url).json()["respondida"] is False

    primera = publico.post(
        f"{url}respuestas/", {"respuestas": _respuestas(encuesta)}, format="json"
    )
    assert primera.status_code == 201 and primera.json()["respondida"] is True

    segunda = publico.post(
        f"{url}respuestas/", {"respuestas": _respuestas(encuesta, escala="1")}, format="json"
    )
    assert segunda.status_code == 409
    assert segunda.json()["error"]["mensaje"] == "Esta encuesta ya fue respondida."
    assert Respuesta.objects.get(pregunta__tipo="escala").valor == "5"


def test_un_valor_invalido_por_la_api(cliente_api, encuesta):
    token = invitacion_crear(encuesta=encuesta, canal="aviso").token
    respuesta = cliente_api().post(
        f"/api/v1/publico/encuestas/{token}/respuestas/",
        {"respuestas": _respuestas(encuesta, texto="<a href='x'>clic</a>")},
        format="json",
    )
    assert respuesta.status_code == 400
    texto = encuesta.preguntas.get(tipo="texto")
    assert list(respuesta.json()["error"]["campos"]) == [f"pregunta_{texto.pk}"]
    assert not Respuesta.objects.exists()


def test_un_token_desconocido_es_neutral(cliente_api, encuesta):
    respuesta = cliente_api().post(
        "/api/v1/publico/encuestas/no-existe/respuestas/", {"respuestas": []}, format="json"
    )
    assert respuesta.status_code == 404
    assert respuesta.json()["error"]["mensaje"] == "Encuesta no disponible."


def test_la_api_publica_tiene_limite(cliente_api, encuesta, monkeypatch):
    monkeypatch.setattr("cobranza.atencion.api.encuestas.LIMITE_RESPUESTAS", 2)
    publico = cliente_api()
    url = "/api/v1/publico/encuestas/no-existe/respuestas/"
    assert [publico.post(url, {}, format="json").status_code for _ in range(3)] == [404, 404, 429]
