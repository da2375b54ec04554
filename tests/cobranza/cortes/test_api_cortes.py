"""/api/v1/cortes/...: preview, generate, read a list (orders and exclusions, paginated),
assign routes, protection rules; supervisión only."""

from datetime import date

import pytest

from cobranza.models import ListaCorte, OrdenCorte, ReglaProteccion
from tests.cobranza.cortes.ayudas import cartera_de_agua, deudora, reglas_de_convenios
from tests.factories import CarteraCreditoFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture(autouse=True)
def _reglas_de_convenios():
    reglas_de_convenios()


@pytest.fixture
def cartera(db):
    return cartera_de_agua()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def api(cliente_api, supervisor):
    return cliente_api(supervisor)


def test_vista_previa_y_generacion(api, cartera):
    deudora(cartera, meses=3, domicilio="Calle A 1")
    deudora(cartera, meses=2, clasificacion="comercial", domicilio="Calle B 2")
    publica = deudora(cartera, clasificacion="publica", monto="100.00")
    previa = api.post("/api/v1/cortes/vista-previa/", {"cartera": cartera.clave}, format="json")
    assert previa.status_code == 200
    datos = previa.json()
    assert (datos["elegibles"], datos["total_vencido"], datos["excluidas"]) == (2, "1250.00", 1)
    assert datos["exclusiones"][0]["motivo"] == "institucion_publica"
    assert datos["exclusiones"][0]["saldo_vencido"] == "300.00"

    creada = api.post("/api/v1/cortes/", {"cartera": cartera.clave}, format="json")
    assert creada.status_code == 201
    folio = creada.json()["folio"]
    assert creada.json()["total_vencido"] == "1250.00"
    assert api.get("/api/v1/cortes/").json()["results"][0]["folio"] == folio

    detalle = api.get(f"/api/v1/cortes/{folio}/").json()
    assert detalle["count"] == 2
    assert {c["estado"]: c["ordenes"] for c in detalle["conteos"]}["pendiente"] == 2
    assert detalle["exclusiones_por_motivo"][0]["cuentas"] == 1
    primera = detalle["results"][0]
    assert (primera["orden_ruta"], primera["saldo_vencido"], primera["meses_vencidos"]) == (
        1,
        "750.00",
        3,
    )
    fuera = api.get(f"/api/v1/cortes/{folio}/", {"ver": "exclusiones"}).json()["results"]
    assert [(e["cuenta"], e["etiqueta"]) for e in fuera] == [
        (publica.numero, "Institución pública")
    ]


def test_errores_nombran_el_campo(api, cartera):
    credito = CarteraCreditoFactory()
    respuesta = api.post("/api/v1/cortes/", {"cartera": credito.clave}, format="json")
    assert respuesta.status_code == 400
    assert "cartera" in respuesta.json()["error"]["campos"]
    respuesta = api.post(
        "/api/v1/cortes/vista-previa/",
        {"cartera": cartera.clave, "meses_minimos": "-1"},
        format="json",
    )
    assert respuesta.status_code == 400
    assert "meses_minimos" in respuesta.json()["error"]["campos"]
    assert ListaCorte.objects.count() == 0


def test_asignaciones(api, cartera, crear_usuario):
    cortador = crear_usuario("cortador")
    deudora(cartera, ruta="101")
    deudora(cartera, ruta="102")
    folio = api.post("/api/v1/cortes/", {"cartera": cartera.clave}, format="json").json()["folio"]
    url = f"/api/v1/cortes/{folio}/asignaciones/"
    respuesta = api.post(url, {"cortador": cortador.username, "ruta": "101"}, format="json")
    assert respuesta.json() == {"asignadas": 1, "cortador": cortador.username}
    assert OrdenCorte.objects.get(cortador=cortador).ruta == "101"
    mias = api.get(f"/api/v1/cortes/{folio}/", {"cortador": cortador.username}).json()
    assert mias["count"] == 1
    assert api.post(url, {"cortador": "nadie"}, format="json").json()["error"]["campos"] == {
        "cortador": ["No existe ese usuario."]
    }
    sin_ruta = api.post(url, {"cortador": cortador.username, "ruta": "999"}, format="json")
    assert sin_ruta.status_code == 400
    assert "ruta" in sin_ruta.json()["error"]["campos"]


def test_reglas_de_proteccion(api, cartera):
    url = "/api/v1/cortes/reglas-proteccion/"
    mala = api.post(
        url,
        {"nombre": "Sequía", "vigente_desde": "2026-03-10", "vigente_hasta": "2026-03-01"},
        format="json",
    )
    assert mala.status_code == 400
    assert mala.json()["error"]["campos"] == {
        "vigente_hasta": ["La fecha final no puede ser anterior a la inicial."]
    }
    buena = api.post(
        url,
        {
            "nombre": "Sequía",
            "vigente_desde": "2026-03-10",
            "carteras": [cartera.clave],
            "clasificaciones": ["domestica"],
        },
        format="json",
    )
    assert buena.status_code == 201
    assert buena.json()["carteras"] == [cartera.clave]
    assert api.get(url).json()["results"][0]["nombre"] == "Sequía"
    regla = ReglaProteccion.objects.get()
    cambio = api.patch(
        f"{url}{regla.pk}/", {"vigente_hasta": "2026-04-30", "motivo": "Llovió"}, format="json"
    )
    assert cambio.json()["vigente_hasta"] == "2026-04-30"
    assert regla.history.latest("history_id").history_change_reason == "Llovió"
    assert regla.vigente_desde == date(2026, 3, 10)


@pytest.mark.parametrize("rol", ["ventanilla", "cortador"])
def test_solo_supervision_usa_la_api_de_cortes(cliente_api, crear_usuario, cartera, rol):
    api = cliente_api(crear_usuario(rol))
    assert api.get("/api/v1/cortes/").status_code == 403
    assert api.post("/api/v1/cortes/", {"cartera": cartera.clave}, format="json").status_code == 403
    assert api.get("/api/v1/cortes/reglas-proteccion/").status_code == 403
    assert ListaCorte.objects.count() == 0


def test_el_detalle_no_hace_una_consulta_por_fila(
    api, cartera, crear_usuario, django_assert_max_num_queries
):
    cortador = crear_usuario("cortador")
    for ruta in ("101", "102", "103"):
        for _ in range(4):
            deudora(cartera, ruta=ruta)
            deudora(cartera, ruta=ruta, clasificacion="publica")
    folio = api.post("/api/v1/cortes/", {"cartera": cartera.clave}, format="json").json()["folio"]
    api.post(f"/api/v1/cortes/{folio}/asignaciones/", {"cortador": cortador.pk}, format="json")
    with django_assert_max_num_queries(10):
        assert api.get(f"/api/v1/cortes/{folio}/").json()["count"] == 12
    with django_assert_max_num_queries(10):
        assert api.get(f"/api/v1/cortes/{folio}/", {"ver": "exclusiones"}).json()["count"] == 12
