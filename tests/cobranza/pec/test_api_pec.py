"""/api/v1/pec/: open, advance, notify from the phone app, documents, permissions."""

import pytest

from cobranza.demo.pec import pec_demo_crear
from cobranza.models import Diligencia, Expediente
from tests.factories import CarteraFactory, cuenta_con_adeudo

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def cartera():
    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    return cartera


def test_abrir_avanzar_y_notificar_por_api(
    cartera,
    crear_usuario,
    cliente_api,
):
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    supervisor = cliente_api(crear_usuario("supervisor"))
    respuesta = supervisor.post(
        "/api/v1/pec/expedientes/", {"cuentas": [cuenta.numero]}, format="json"
    )
    assert respuesta.status_code == 201
    (folio,) = respuesta.json()["abiertos"]
    detalle = supervisor.get(f"/api/v1/pec/expedientes/{folio}/").json()
    assert detalle["etapa"] == "invitacion" and detalle["adeudo_inicial"] == "5000.00"
    diligencia = detalle["diligencias"][0]["folio"]

    respuesta = supervisor.post(f"/api/v1/pec/expedientes/{folio}/avanzar/")
    assert respuesta.status_code == 400
    assert "aún no se notifica" in respuesta.json()["error"]["campos"]["etapa"][0]

    notificador = cliente_api(crear_usuario("notificador"))
    assert [d["folio"] for d in notificador.get("/api/v1/pec/diligencias/").json()] == [diligencia]
    respuesta = notificador.post(
        f"/api/v1/pec/diligencias/{diligencia}/notificacion/",
        {"resultado": "personal", "notificada": "2026-11-14T10:00:00-07:00"},
        format="json",
    )
    assert respuesta.status_code == 400
    assert "no es día hábil" in respuesta.json()["error"]["campos"]["notificada"][0]
    respuesta = notificador.post(
        f"/api/v1/pec/diligencias/{diligencia}/notificacion/",
        {"resultado": "personal", "notificada": "2026-11-10T10:00:00-07:00"},
        format="json",
    )
    assert respuesta.status_code == 200 and respuesta.json()["vence"] == "2026-11-25"
    assert Diligencia.objects.get(folio=diligencia).notificador.username.startswith("notificador")


def test_permisos_de_la_api(cartera, crear_usuario, cliente_api):
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    ventanilla = cliente_api(crear_usuario("ventanilla"))
    assert ventanilla.get("/api/v1/pec/expedientes/").status_code == 403
    respuesta = ventanilla.post(
        "/api/v1/pec/expedientes/", {"cuentas": [cuenta.numero]}, format="json"
    )
    assert respuesta.status_code == 403 and not Expediente.objects.exists()
    supervisor = cliente_api(crear_usuario("supervisor"))
    respuesta = supervisor.post(
        "/api/v1/pec/expedientes/", {"cuentas": ["NO-EXISTE"]}, format="json"
    )
    assert respuesta.status_code == 400 and "NO-EXISTE" in respuesta.json()["error"]["mensaje"]
    assert cliente_api(crear_usuario("caja")).get("/api/v1/pec/diligencias/").status_code == 403


def test_dias_inhabiles(cartera, crear_usuario, cliente_api):
    supervisor = cliente_api(crear_usuario("supervisor"))
    respuesta = supervisor.post(
        "/api/v1/pec/dias-inhabiles/", {"fecha": "2026-12-12", "descripcion": "Día de la Virgen"}
    )
    assert respuesta.status_code == 201
    fechas = [d["fecha"] for d in supervisor.get("/api/v1/pec/dias-inhabiles/?anio=2026").json()]
    assert "2026-12-12" in fechas and "2026-11-16" in fechas
    repetido = supervisor.post(
        "/api/v1/pec/dias-inhabiles/", {"fecha": "2026-12-12", "descripcion": "Otra vez"}
    )
    assert repetido.status_code == 400 and "fecha" in repetido.json()["error"]["campos"]
