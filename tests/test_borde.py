"""Hostile input at the edge: control characters and over-long keys get a 400, never a 500."""

import pytest

from tests.factories import CuentaFactory

MENSAJE = "La petición contiene caracteres de control no permitidos."


@pytest.fixture
def supervisor_api(cliente_api, crear_usuario):
    return cliente_api(crear_usuario("supervisor"))


def _rechazada(respuesta):
    assert respuesta.status_code == 400
    assert respuesta.json()["error"]["mensaje"] == MENSAJE


def test_nul_en_la_ruta_de_la_api(supervisor_api):
    _rechazada(supervisor_api.get("/api/v1/cuentas/x%00y/"))


def test_nul_en_un_parametro_de_la_api(supervisor_api):
    _rechazada(supervisor_api.get("/api/v1/metas/?cartera=a%00"))


def test_nul_en_un_campo_json(supervisor_api, crear_usuario):
    destinatario = crear_usuario("caja")
    respuesta = supervisor_api.post(
        "/api/v1/recados/",
        {"para": destinatario.username, "de": "Ana\x00", "mensaje": "Llamar"},
        format="json",
    )
    _rechazada(respuesta)


def test_escape_en_una_clave_json_anidada(supervisor_api):
    respuesta = supervisor_api.post("/api/v1/recados/", {"datos": [{"a\x1b": "x"}]}, format="json")
    _rechazada(respuesta)


def test_nul_en_la_busqueda_de_la_pagina(client, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    respuesta = client.get("/cuentas/?q=a%00")
    assert respuesta.status_code == 400
    assert "Petición no válida" in respuesta.content.decode()
    assert MENSAJE in respuesta.content.decode()


def test_nul_en_un_formulario(client, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    respuesta = client.post("/recados/", {"de": "Ana\x00", "mensaje": "Llamar"})
    assert respuesta.status_code == 400


def test_saltos_de_linea_y_tabuladores_si_pasan(supervisor_api, crear_usuario):
    destinatario = crear_usuario("caja")
    respuesta = supervisor_api.post(
        "/api/v1/recados/",
        {"para": destinatario.username, "de": "Ana", "mensaje": "Llamar\r\nmañana\ta las 9"},
        format="json",
    )
    assert respuesta.status_code == 201


def test_json_mal_formado_sigue_con_el_error_de_la_api(supervisor_api):
    respuesta = supervisor_api.post(
        "/api/v1/recados/", b"{no es json", content_type="application/json"
    )
    assert respuesta.status_code == 400
    assert respuesta.json()["error"]["codigo"] == "parse_error"


def test_clave_de_idempotencia_demasiado_larga(cliente_api, crear_usuario):
    cuenta = CuentaFactory()
    respuesta = cliente_api(crear_usuario("caja")).post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/",
        {"monto": "100.00"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="k" * 81,
    )
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["campos"] == {
        "Idempotency-Key": ["La clave de idempotencia no puede pasar de 80 caracteres."]
    }


def test_en_produccion_el_esquema_pide_sesion(client, settings):
    from importlib import reload

    from config import urls

    settings.SPECTACULAR_SETTINGS = {
        **settings.SPECTACULAR_SETTINGS,
        "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    }
    try:
        settings.ROOT_URLCONF = reload(urls)
        assert client.get("/api/schema/").status_code == 401
        assert client.get("/api/docs/")["Location"].startswith("/entrar/")
    finally:
        settings.ROOT_URLCONF = "config.urls"
        reload(urls)


def test_multipart_roto_es_400(supervisor_api):
    respuesta = supervisor_api.generic(
        "POST",
        "/api/v1/recados/",
        b"--x\r\nContent-Disposition: form-data\r\n\r\nsin fin",
        content_type="multipart/form-data; boundary=",
    )
    assert respuesta.status_code == 400


def test_json_anidado_sin_fin_es_400(supervisor_api):
    cuerpo = "[" * 100_000 + "]" * 100_000
    respuesta = supervisor_api.generic(
        "POST", "/api/v1/recados/", cuerpo, content_type="application/json"
    )
    assert respuesta.status_code == 400


@pytest.mark.parametrize(
    ("campo", "largo", "extra"),
    [
        ("referencia", 60, {"forma_pago": "transferencia"}),
        ("banco", 60, {"forma_pago": "cheque", "numero_cheque": "123"}),
        ("autorizacion", 20, {"forma_pago": "tarjeta", "tipo_tarjeta": "debito"}),
    ],
)
def test_un_texto_mas_largo_que_su_columna_es_400_y_no_paga(
    cliente_api, crear_usuario, campo, largo, extra
):
    """The serializer knows each column's length, so PostgreSQL never sees the long text."""
    cuenta = CuentaFactory()
    respuesta = cliente_api(crear_usuario("caja")).post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/",
        {"monto": "100.00", **extra, campo: "x" * (largo + 1)},
        format="json",
    )
    assert respuesta.status_code == 400
    assert campo in respuesta.json()["error"]["campos"]
    assert not cuenta.pagos.exists()
