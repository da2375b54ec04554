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


def test_un_token_desconocido_o_de_un_usuario_dado_de_baja_responde_401(cliente_api, crear_usuario):
    from rest_framework.authtoken.models import Token

    usuario = crear_usuario("caja")
    token = Token.objects.create(user=usuario)
    cliente = cliente_api()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert cliente.get("/api/v1/yo/").json()["usuario"] == usuario.username

    usuario.is_active = False
    usuario.save()
    inactivo = cliente.get("/api/v1/yo/")
    cliente.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    desconocido = cliente.get("/api/v1/yo/")

    assert (inactivo.status_code, desconocido.status_code) == (401, 401)
    assert inactivo.json()["error"]["mensaje"] == "Usuario inactivo o dado de baja."
    assert desconocido.json()["error"]["mensaje"] == "Token inválido."


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
