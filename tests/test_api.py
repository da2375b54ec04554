"""The API shell: authentication, role permission, error format, OpenAPI schema."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


def test_sin_credenciales_responde_401_con_el_formato_de_error(cliente_api):
    respuesta = cliente_api().get("/api/v1/yo/")
    assert respuesta.status_code == 401
    error = respuesta.json()["error"]
    assert error["codigo"] == "not_authenticated"
    assert error["mensaje"]


def test_token_por_usuario_y_contrasena(cliente_api, crear_usuario):
    usuario = crear_usuario("caja")
    respuesta = cliente_api().post(
        "/api/v1/token/", {"username": usuario.username, "password": "clave-prueba-123"}
    )
    assert respuesta.status_code == 200
    token = respuesta.json()["token"]
    cliente = cliente_api()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    datos = cliente.get("/api/v1/yo/").json()
    assert datos["roles"] == ["caja"]
    assert "cobranza.registrar_pago" in datos["permisos"]


def test_sesion_tambien_autentica(client, crear_usuario):
    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/api/v1/yo/").json()["roles"] == ["ventanilla"]


def test_un_usuario_sin_rol_no_usa_la_api(cliente_api, crear_usuario):
    respuesta = cliente_api(crear_usuario(None)).get("/api/v1/yo/")
    assert respuesta.status_code == 403
    assert respuesta.json()["error"]["mensaje"] == "No tiene permiso para realizar esta acción."


def test_esquema_openapi_3_valido(client):
    respuesta = client.get("/api/schema/")
    assert respuesta.status_code == 200
    esquema = yaml.safe_load(respuesta.content)
    assert esquema["openapi"].startswith("3.")
    assert "/api/v1/yo/" in esquema["paths"]


def test_documentacion_interactiva(client):
    respuesta = client.get("/api/docs/")
    assert respuesta.status_code == 200
    assert "swagger-ui" in respuesta.content.decode().lower()
