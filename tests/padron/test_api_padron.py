"""/api/v1/padron/: carteras, titulares, cuentas, condiciones, depuración, importaciones."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padron.models import Cartera, Cuenta, Titular
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.conftest import curp_valida

pytestmark = pytest.mark.django_db

CURP = curp_valida("PEVJ850315HSRRLN0")


@pytest.fixture
def api_supervisor(cliente_api, supervisor):
    return cliente_api(supervisor)


@pytest.fixture
def api_ventanilla(cliente_api, ventanilla):
    return cliente_api(ventanilla)


# --- carteras --------------------------------------------------------------------------------


def test_carteras_lista_y_detalle(api_ventanilla, cartera_agua, cartera_credito):
    CuentaFactory(cartera=cartera_agua)
    datos = api_ventanilla.get("/api/v1/padron/carteras/").json()
    assert [(c["clave"], c["num_cuentas"]) for c in datos["results"]] == [
        ("creditos-hermosillo", 0),
        ("agua-caborca", 1),
    ]
    detalle = api_ventanilla.get("/api/v1/padron/carteras/agua-caborca/").json()
    assert detalle["tasa_recargo_mensual"] == "1.4700"
    assert detalle["prelacion"][0] == "gastos_ejecucion"


def test_ventanilla_no_edita_carteras(api_ventanilla, cartera_agua):
    respuesta = api_ventanilla.patch(
        "/api/v1/padron/carteras/agua-caborca/",
        {"tasa_recargo_mensual": "9", "motivo": "x"},
        format="json",
    )
    assert respuesta.status_code == 403
    assert respuesta.json()["error"]["mensaje"] == "No tiene permiso para realizar esta acción."
    assert str(Cartera.objects.get().tasa_recargo_mensual) == "1.4700"


def test_supervisor_edita_la_prelacion(api_supervisor, cartera_agua, supervisor):
    prelacion = ["principal", "recargos", "gastos_ejecucion", "multas_extraordinarios"]
    respuesta = api_supervisor.patch(
        "/api/v1/padron/carteras/agua-caborca/",
        {"prelacion": prelacion, "motivo": "Acuerdo 7"},
        format="json",
    )
    assert respuesta.status_code == 200, respuesta.json()
    assert respuesta.json()["prelacion"] == prelacion
    assert Cartera.objects.get().history.first().history_user == supervisor

    malo = api_supervisor.patch(
        "/api/v1/padron/carteras/agua-caborca/",
        {"prelacion": ["principal"] * 4, "motivo": "x"},
        format="json",
    )
    assert malo.status_code == 400
    assert malo.json()["error"]["campos"]["prelacion"][0].startswith("La prelación debe incluir")


# --- titulares --------------------------------------------------------------------------------


def test_alta_y_cambio_de_titular_con_motivo(api_supervisor, supervisor):
    respuesta = api_supervisor.post(
        "/api/v1/padron/titulares/",
        {"nombre": "Juan", "apellido_paterno": "Pérez", "curp": CURP},
        format="json",
    )
    assert respuesta.status_code == 201, respuesta.json()
    pk = respuesta.json()["id"]

    sin_motivo = api_supervisor.patch(
        f"/api/v1/padron/titulares/{pk}/", {"telefono": "6371112233"}, format="json"
    )
    assert sin_motivo.status_code == 400
    assert sin_motivo.json()["error"]["campos"] == {"motivo": ["Indique el motivo del cambio."]}

    cambio = api_supervisor.patch(
        f"/api/v1/padron/titulares/{pk}/",
        {"telefono": "6371112233", "motivo": "Llamada del titular"},
        format="json",
    )
    assert cambio.status_code == 200
    assert cambio.json()["telefono"] == "6371112233"
    ultimo = Titular.objects.get().history.first()
    assert (ultimo.history_user, ultimo.history_change_reason) == (
        supervisor,
        "Llamada del titular",
    )


def test_titular_invalido_nombra_el_campo(api_supervisor):
    respuesta = api_supervisor.post(
        "/api/v1/padron/titulares/",
        {"tipo_persona": "moral", "nombre": "Hielera SA", "rfc": "GOMA800101AB1"},
        format="json",
    )
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["codigo"] == "datos_invalidos"
    assert error["campos"] == {"rfc": ["El RFC de una persona moral debe tener 12 caracteres."]}

    curp_mala = api_supervisor.post(
        "/api/v1/padron/titulares/",
        {"nombre": "Ana", "apellido_paterno": "Ruiz", "curp": CURP[:17] + "X"},
        format="json",
    )
    assert "curp" in curp_mala.json()["error"]["campos"]


def test_abogado_externo_no_ve_titulares_ni_cuentas(cliente_api, crear_usuario):
    cuenta = CuentaFactory()
    api = cliente_api(crear_usuario("abogado_externo"))
    assert api.get(f"/api/v1/padron/titulares/{cuenta.titular_id}/").status_code == 404
    assert api.get(f"/api/v1/padron/cuentas/{cuenta.numero}/").status_code == 404


def test_condicion_especial_con_evidencia(api_supervisor):
    titular = TitularFactory()
    respuesta = api_supervisor.post(
        f"/api/v1/padron/titulares/{titular.pk}/condiciones/",
        {
            "tipo": "adulto_mayor",
            "vigente_desde": "2025-01-01",
            "evidencia": SimpleUploadedFile("inapam.jpg", b"\xff\xd8\xff", "image/jpeg"),
        },
        format="multipart",
    )
    assert respuesta.status_code == 201, respuesta.json()
    assert titular.condiciones.get().vigente_desde == date(2025, 1, 1)
    detalle = api_supervisor.get(f"/api/v1/padron/titulares/{titular.pk}/").json()
    assert detalle["condiciones"][0]["tipo"] == "adulto_mayor"


# --- cuentas ---------------------------------------------------------------------------------------


def test_alta_y_cambio_de_cuenta(api_supervisor, cartera_credito, supervisor):
    titular = TitularFactory()
    alta = api_supervisor.post(
        "/api/v1/padron/cuentas/",
        {
            "numero": "C-100",
            "titular": titular.pk,
            "cartera": "creditos-hermosillo",
            "pagare_folio": "P-100",
            "monto_otorgado": "38000.00",
            "fecha_otorgamiento": "2019-08-01",
            "plazo_meses": 60,
        },
        format="json",
    )
    assert alta.status_code == 201, alta.json()
    assert alta.json()["cartera"] == "creditos-hermosillo"

    cambio = api_supervisor.patch(
        "/api/v1/padron/cuentas/C-100/",
        {"plazo_meses": 72, "motivo": "Reestructura autorizada"},
        format="json",
    )
    assert cambio.status_code == 200
    assert cambio.json()["plazo_meses"] == 72
    assert Cuenta.objects.get().history.first().history_change_reason == "Reestructura autorizada"

    sin_pagare = api_supervisor.patch(
        "/api/v1/padron/cuentas/C-100/", {"pagare_folio": "", "motivo": "x"}, format="json"
    )
    assert sin_pagare.status_code == 400
    assert sin_pagare.json()["error"]["campos"] == {
        "pagare_folio": ["El folio del pagaré es obligatorio en un crédito."]
    }


def test_ventanilla_no_edita_cuentas(api_ventanilla):
    CuentaFactory(numero="1")
    respuesta = api_ventanilla.patch(
        "/api/v1/padron/cuentas/1/", {"ruta": "9", "motivo": "x"}, format="json"
    )
    assert respuesta.status_code == 403


# --- depuración ------------------------------------------------------------------------------------


def test_depuracion_por_api(api_supervisor, api_ventanilla, cartera_agua):
    for domicilio in ("Calle 1", "Calle 2"):
        CuentaFactory(
            titular=TitularFactory(curp=CURP, domicilio=domicilio), fecha_alta=date(2019, 1, 1)
        )
    assert api_ventanilla.get("/api/v1/padron/depuracion/duplicados/").status_code == 403

    duplicados = api_supervisor.get(
        "/api/v1/padron/depuracion/duplicados/", {"cartera": "agua-caborca"}
    ).json()
    assert duplicados["count"] == 1
    grupo = duplicados["results"][0]
    assert (grupo["criterio"], grupo["valor"], grupo["total"]) == ("curp", [CURP], 2)
    assert len(grupo["titulares"]) == 2 and grupo["titulares"][0]["cuentas"]

    inactivas = api_supervisor.get("/api/v1/padron/depuracion/sin-movimiento/", {"meses": 3}).json()
    assert inactivas["count"] == 2
    assert inactivas["results"][0]["ultimo_pago"] is None

    malo = api_supervisor.get("/api/v1/padron/depuracion/sin-movimiento/", {"meses": 0})
    assert malo.status_code == 400 and "meses" in malo.json()["error"]["campos"]
    otra = api_supervisor.get("/api/v1/padron/depuracion/duplicados/", {"cartera": "nada"})
    assert otra.json()["error"]["campos"] == {"cartera": ["No existe la cartera «nada»."]}


# --- importaciones ------------------------------------------------------------------------------


def _archivo(*filas):
    texto = "numero_cuenta,cartera,nombre,apellido_paterno,clasificacion,sector,ruta\n"
    texto += "".join(",".join(f) + "\n" for f in filas)
    return SimpleUploadedFile("api.csv", texto.encode(), "text/csv")


def test_importacion_todo_o_nada(api_supervisor, cartera_agua):
    respuesta = api_supervisor.post(
        "/api/v1/padron/importaciones/",
        {
            "archivo": _archivo(
                ["1", "agua-caborca", "Juan", "Pérez", "domestica", "1", "1"],
                ["2", "agua-caborca", "Ana", "Ruiz", "casa", "1", "1"],
            )
        },
        format="multipart",
    )
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert error["codigo"] == "importacion_rechazada"
    assert error["errores"] == [
        {
            "fila": 3,
            "columna": "clasificacion",
            "mensaje": "Valor «casa» no válido; use uno de: domestica, comercial, industrial, publica.",
        }
    ]
    assert list(error["campos"]) == ["fila 3, clasificacion"]
    assert not Cuenta.objects.exists()


def test_importacion_parcial(api_supervisor, api_ventanilla, cartera_agua):
    filas = (
        ["1", "", "Juan", "Pérez", "domestica", "1", "1"],
        ["2", "", "Ana", "", "domestica", "1", "1"],
    )
    assert (
        api_ventanilla.post(
            "/api/v1/padron/importaciones/", {"archivo": _archivo(*filas)}, format="multipart"
        ).status_code
        == 403
    )
    respuesta = api_supervisor.post(
        "/api/v1/padron/importaciones/",
        {"archivo": _archivo(*filas), "parcial": "true", "cartera": "agua-caborca"},
        format="multipart",
    )
    assert respuesta.status_code == 201, respuesta.json()
    datos = respuesta.json()
    assert (datos["cuentas_creadas"], datos["filas_rechazadas"]) == (1, [3])
    assert datos["rechazados_csv"].splitlines()[1].startswith("3,2,,Ana,,domestica,1,1,")
