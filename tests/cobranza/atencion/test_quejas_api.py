"""/api/v1/quejas/... and the public lookup /api/v1/publico/quejas/..."""

import pytest
import yaml

from cobranza.atencion.services.quejas import queja_asignar, queja_responder
from cobranza.models import Queja
from tests.cobranza.atencion.ayudas_quejas import (  # noqa: F401 (fixtures)
    fixture_areas,
    fixture_noviembre,
    fixture_personas,
    queja,
    sin_limites_previos,
)
from tests.conftest import momento
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


def test_captura_por_telefono_devuelve_folio_y_clave(cliente_api, personas, areas):
    CuentaFactory(numero="5001")
    datos = {
        "tipo": "sugerencia",
        "origen": "telefono",
        "descripcion": "Que abran la ventanilla los sábados.",
        "area": areas["cobranza"].pk,
        "cuenta": "5001",
    }

    respuesta = cliente_api(personas["ventanilla"]).post("/api/v1/quejas/", datos, format="json")

    assert respuesta.status_code == 201
    cuerpo = respuesta.json()
    recibida = Queja.objects.get()
    assert (cuerpo["folio"], cuerpo["clave"], cuerpo["cuenta"]) == (
        recibida.folio,
        recibida.clave,
        "5001",
    )
    assert cuerpo["estado"] == "recibida"


@pytest.mark.parametrize(
    ("campos", "campo"),
    [
        ({"cuenta": "999999"}, "cuenta"),
        ({"origen": "publico"}, "origen"),
        ({"descripcion": "corta"}, "descripcion"),
    ],
)
def test_captura_invalida_nombra_el_campo(cliente_api, personas, campos, campo):
    datos = {"tipo": "queja", "origen": "ventanilla", "descripcion": "Cobro doble en octubre."}

    respuesta = cliente_api(personas["ventanilla"]).post(
        "/api/v1/quejas/", {**datos, **campos}, format="json"
    )

    assert respuesta.status_code == 400
    assert campo in respuesta.json()["error"]["campos"]
    assert not Queja.objects.exists()


@pytest.mark.hoy("2026-11-18")
def test_lista_con_filtros_sin_consultas_por_fila(
    cliente_api, reloj, personas, areas, django_assert_max_num_queries
):
    for _ in range(10):
        recibida = queja(personas["ventanilla"], cuenta=CuentaFactory())
        queja_asignar(queja=recibida, area=areas["cobranza"], usuario=personas["supervisora"])
    queja(personas["ventanilla"])
    reloj.move_to(momento("2026-12-10"))
    cliente = cliente_api(personas["supervisora"])

    with django_assert_max_num_queries(8):
        respuesta = cliente.get("/api/v1/quejas/", {"vencidas": "true", "mias": "false"})

    cuerpo = respuesta.json()
    assert cuerpo["count"] == 11
    assert all(q["vencida"] for q in cuerpo["results"])
    assert "clave" not in cuerpo["results"][0]
    del_area = cliente.get("/api/v1/quejas/", {"area": areas["cobranza"].pk}).json()
    assert del_area["count"] == 10
    assert del_area["results"][0]["asignada_a"] == personas["jefa_cobranza"].username


def test_asignar_responder_y_cerrar(cliente_api, personas, areas):
    recibida = queja(personas["ventanilla"])
    cliente = cliente_api(personas["supervisora"])
    url = f"/api/v1/quejas/{recibida.folio}/"

    asignada = cliente.post(
        url + "asignar/",
        {"area": areas["operacion"].pk, "asignada_a": personas["seguimiento"].username},
        format="json",
    )
    vacia = cliente.post(url + "responder/", {"respuesta": "  "}, format="json")
    respondida = cliente.post(url + "responder/", {"respuesta": "Se revisó."}, format="json")
    cerrada = cliente.post(url + "cerrar/", {"satisfaccion": 5}, format="json")

    assert asignada.json()["asignada_a"] == personas["seguimiento"].username
    assert vacia.status_code == 400
    assert "respuesta" in vacia.json()["error"]["campos"]
    assert respondida.json()["estado"] == "respondida"
    assert (cerrada.json()["estado"], cerrada.json()["satisfaccion"]) == ("cerrada", 5)
    assert cliente.get(url).json()["estado"] == "cerrada"


def test_asignar_a_alguien_sin_el_permiso(cliente_api, personas, areas):
    recibida = queja(personas["ventanilla"])
    respuesta = cliente_api(personas["supervisora"]).post(
        f"/api/v1/quejas/{recibida.folio}/asignar/",
        {"area": areas["operacion"].pk, "asignada_a": personas["gerencia"].username},
        format="json",
    )
    assert respuesta.status_code == 400
    assert "asignada_a" in respuesta.json()["error"]["campos"]


@pytest.mark.hoy("2026-11-18")
def test_mis_pendientes(cliente_api, reloj, personas, areas):
    vencera = queja(personas["ventanilla"], area=areas["cobranza"])
    reloj.move_to(momento("2026-12-10"))

    cuerpo = cliente_api(personas["jefa_cobranza"]).get("/api/v1/quejas/pendientes/").json()

    assert [q["folio"] for q in cuerpo["vencidas"]] == [vencera.folio]
    assert cuerpo["cuantas"]["vencidas"] == 1


def test_areas(cliente_api, personas, areas):
    cuerpo = cliente_api(personas["ventanilla"]).get("/api/v1/quejas/areas/").json()
    assert {
        "id": areas["cobranza"].pk,
        "nombre": "Cobranza",
        "responsable": personas["jefa_cobranza"].username,
    } in cuerpo


def test_reporte_para_gerencia_no_para_el_cortador(cliente_api, personas, noviembre):
    periodo = {"desde": "2026-11-01", "hasta": "30/11/2026"}

    cuerpo = cliente_api(personas["gerencia"]).get("/api/v1/quejas/reporte/", periodo).json()
    rechazo = cliente_api(personas["cortador"]).get("/api/v1/quejas/reporte/", periodo)

    assert cuerpo["total"]["recibidas"] == 4
    assert cuerpo["total"]["porcentaje_a_tiempo"] == "33.3"
    assert cuerpo["por_area"][0] == {
        "nombre": "Cobranza",
        "recibidas": 2,
        "respondidas": 2,
        "a_tiempo": 1,
        "vencidas_sin_respuesta": 0,
        "porcentaje_a_tiempo": "50.0",
        "dias_promedio": "10.5",
        "satisfaccion": "3.5",
        "calificadas": 2,
    }
    assert rechazo.status_code == 403


def test_el_cortador_y_el_anonimo_no_usan_la_api(cliente_api, personas):
    assert cliente_api(personas["cortador"]).get("/api/v1/quejas/").status_code == 403
    assert cliente_api().get("/api/v1/quejas/").status_code == 401


def test_consulta_publica_sin_datos_personales(cliente_api, personas):
    recibida = queja(personas["ventanilla"], nombre="Pedro", contacto="6621234567")
    queja_responder(queja=recibida, respuesta="Listo.", usuario=personas["ventanilla"])
    publico = cliente_api()
    credenciales = {"folio": recibida.folio, "clave": recibida.clave}

    estado = publico.post("/api/v1/publico/quejas/consulta/", credenciales, format="json")
    mala = publico.post(
        "/api/v1/publico/quejas/consulta/", {**credenciales, "clave": "AAAAAAAA"}, format="json"
    )
    inexistente = publico.post(
        "/api/v1/publico/quejas/consulta/", {**credenciales, "folio": "Q26-999999"}, format="json"
    )
    calificada = publico.post(
        "/api/v1/publico/quejas/calificar/", {**credenciales, "satisfaccion": 3}, format="json"
    )
    otra_vez = publico.post(
        "/api/v1/publico/quejas/calificar/", {**credenciales, "satisfaccion": 5}, format="json"
    )

    cuerpo = estado.json()
    assert (cuerpo["estado"], cuerpo["respuesta"], cuerpo["puede_calificar"]) == (
        "respondida",
        "Listo.",
        True,
    )
    assert not {"nombre", "contacto", "cuenta", "clave"} & set(cuerpo)
    assert mala.status_code == inexistente.status_code == 404
    assert mala.json() == inexistente.json()
    assert calificada.json()["satisfaccion"] == 3
    assert otra_vez.status_code == 400


def test_las_rutas_estan_en_el_esquema(client):
    esquema = yaml.safe_load(client.get("/api/schema/").content)
    rutas = set(esquema["paths"])
    assert {
        "/api/v1/quejas/",
        "/api/v1/quejas/{folio}/",
        "/api/v1/quejas/{folio}/asignar/",
        "/api/v1/quejas/{folio}/responder/",
        "/api/v1/quejas/{folio}/cerrar/",
        "/api/v1/quejas/reporte/",
        "/api/v1/quejas/pendientes/",
        "/api/v1/quejas/areas/",
        "/api/v1/publico/quejas/consulta/",
        "/api/v1/publico/quejas/calificar/",
    } <= rutas
    operaciones = [op["operationId"] for ruta in esquema["paths"].values() for op in ruta.values()]
    assert len(operaciones) == len(set(operaciones))
