"""/api/v1/archivo/prestamos/: lend, list, receive back and the borrower's own loans."""

from datetime import timedelta

import pytest

from cobranza.models import Prestamo
from padron.fechas import hoy
from tests.cobranza.archivo.test_prestamos_ayudas import (
    crear_escenario,
    en_una_semana,
    original,
)
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def escenario(crear_usuario):
    return crear_escenario(crear_usuario)


def _post(api, e, documento=None, **cambios):
    return api.post(
        "/api/v1/archivo/prestamos/",
        {
            "documento": (documento or e["pagare_a"]).pk,
            "prestatario": e["abogado_1"].username,
            "proposito": "Demanda ejecutiva",
            "vence": en_una_semana().isoformat(),
            **cambios,
        },
        format="json",
    )


def test_prestar_una_sola_vez(cliente_api, escenario):
    api = cliente_api(escenario["custodio"])

    respuesta = _post(api, escenario)

    assert respuesta.status_code == 201, respuesta.json()
    cuerpo = respuesta.json()
    assert cuerpo["cuenta"] == escenario["a"].numero and cuerpo["prestatario"] == "abogado_externo3"
    assert cuerpo["vale"] == f"/archivo/prestamos/{cuerpo['id']}/vale.pdf"
    assert cuerpo["vencido"] is False

    otra_vez = _post(api, escenario)
    assert otra_vez.status_code == 400
    assert "Este original ya está prestado a Luis Quiroga" in otra_vez.json()["error"]["mensaje"]


def test_no_al_abogado_ajeno_ni_con_fecha_pasada(cliente_api, escenario):
    api = cliente_api(escenario["custodio"])
    ajeno = _post(api, escenario, documento=escenario["pagare_b"])
    assert ajeno.status_code == 400 and "prestatario" in ajeno.json()["error"]["campos"]
    pasada = _post(api, escenario, vence=(hoy() - timedelta(days=1)).isoformat())
    assert pasada.json()["error"]["campos"]["vence"] == [
        "La fecha de devolución no puede ser anterior a hoy."
    ]


def test_lista_y_devolver(cliente_api, escenario, django_assert_max_num_queries):
    api = cliente_api(escenario["custodio"])
    for _ in range(4):
        _post(
            api,
            escenario,
            documento=original(CuentaFactory()),
            prestatario=escenario["custodio"].username,
        )
    pk = _post(api, escenario).json()["id"]
    Prestamo.objects.filter(pk=pk).update(vence=hoy() - timedelta(days=1))

    with django_assert_max_num_queries(8):
        lista = api.get("/api/v1/archivo/prestamos/").json()
    assert lista["count"] == 5
    vencidos = api.get("/api/v1/archivo/prestamos/", {"estado": "vencidos"}).json()["results"]
    assert [p["id"] for p in vencidos] == [pk] and vencidos[0]["vencido"] is True

    devuelto = api.post(f"/api/v1/archivo/prestamos/{pk}/devolver/")
    assert devuelto.status_code == 200 and devuelto.json()["devuelto"] is not None
    otra_vez = api.post(f"/api/v1/archivo/prestamos/{pk}/devolver/")
    assert otra_vez.status_code == 400


def test_mis_prestamos_del_abogado(cliente_api, escenario):
    _post(cliente_api(escenario["custodio"]), escenario)
    api = cliente_api(escenario["abogado_1"])

    assert api.get("/api/v1/archivo/prestamos/").status_code == 403
    mios = api.get("/api/v1/archivo/mis-prestamos/").json()
    assert [p["cuenta"] for p in mios["results"]] == [escenario["a"].numero]
    ajenos = cliente_api(escenario["abogado_2"]).get("/api/v1/archivo/mis-prestamos/").json()
    assert ajenos["count"] == 0


def test_documento_de_otra_cuenta_no_visible(cliente_api, escenario, crear_usuario):
    """Seguimiento custodies only educational-credit cuentas: a water cuenta's pagaré is 404."""
    api = cliente_api(crear_usuario("seguimiento"))
    assert _post(api, escenario).status_code == 404
