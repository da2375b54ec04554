import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reporta_base_de_datos_y_broker(client):
    respuesta = client.get("/healthz")
    assert respuesta.status_code == 200
    assert respuesta.json() == {"estado": "ok", "base_de_datos": "ok", "broker": "ok"}


def test_healthz_con_broker_caido_responde_503(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    respuesta = client.get("/healthz")
    assert respuesta.status_code == 503
    assert respuesta.json()["broker"].startswith("error")
