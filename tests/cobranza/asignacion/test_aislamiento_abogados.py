"""An abogado externo sees and touches only the cuentas assigned to it, everywhere.

The walk below finds every URL of the project that takes a cuenta's número (pages and
/api/v1/) from the resolver itself, so pages added later are covered without editing this
file: another lawyer asking for them gets 404 (or 403 where its role may not go at all),
never the cuenta's data.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from cobranza.asignacion.services import asignacion_cambiar
from tests.cobranza.asignacion.test_asignacion import cuenta_con_saldo
from tests.factories import CarteraFactory, TitularFactory

pytestmark = pytest.mark.django_db

NUMERO = re.compile(r"<(?:\w+:)?numero>")
PARAMETRO = re.compile(r"<(?:(?P<tipo>\w+):)?(?P<nombre>\w+)>")
RELLENO = {"int": "1", "uuid": "00000000-0000-0000-0000-000000000000"}
NUMERO_A = "ABG-77310"
TITULAR_A = ("Eustaquio", "Bermúdez", "Anaya")
NEGADO = {403, 404, 405}
METODOS_API = ("get", "post", "put", "patch", "delete")


def _rutas(patrones=None, prefijo=""):
    """(route, name) of every URL pattern, the include()s walked recursively."""
    for patron in get_resolver().url_patterns if patrones is None else patrones:
        ruta = prefijo + str(patron.pattern)
        if isinstance(patron, URLResolver):
            yield from _rutas(patron.url_patterns, ruta)
        elif isinstance(patron, URLPattern):
            yield ruta, patron.name


def _url(ruta, numero):
    """The route with the cuenta's número; any other parameter gets a harmless value."""

    def rellenar(m):
        if m.group("nombre") == "numero":
            return numero
        return RELLENO.get(m.group("tipo"), "x")

    return "/" + PARAMETRO.sub(rellenar, ruta).lstrip("^").rstrip("$")


def rutas_con_numero():
    return sorted({ruta for ruta, _ in _rutas() if NUMERO.search(ruta)})


@pytest.fixture
def escenario(crear_usuario):
    """Account A assigned to lawyer 1 only; lawyer 2 has another cuenta of its own."""
    supervisor = crear_usuario("supervisor")
    abogado_1, abogado_2 = crear_usuario("abogado_externo"), crear_usuario("abogado_externo")
    cartera = CarteraFactory()
    nombre, paterno, materno = TITULAR_A
    titular = TitularFactory(nombre=nombre, apellido_paterno=paterno, apellido_materno=materno)
    cuenta_a = cuenta_con_saldo(
        cartera, vencido="4321.00", meses=5, numero=NUMERO_A, titular=titular
    )
    cuenta_b = cuenta_con_saldo(cartera, vencido="100.00", meses=1)
    for cuenta, abogado in ((cuenta_a, abogado_1), (cuenta_b, abogado_2)):
        asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    return {"a": cuenta_a, "b": cuenta_b, "abogado_1": abogado_1, "abogado_2": abogado_2}


def _sin_datos_de_a(respuesta):
    cuerpo = respuesta.content.decode(errors="replace")
    return NUMERO_A not in cuerpo and TITULAR_A[1] not in cuerpo


def test_el_recorrido_encuentra_las_rutas_conocidas():
    rutas = rutas_con_numero()
    assert "cuentas/<str:numero>/" in rutas
    assert "api/v1/cuentas/<str:numero>/" in rutas
    assert "cuentas/<str:numero>/asignacion/" in rutas
    assert "api/v1/cuentas/<str:numero>/asignacion/" in rutas
    assert len(rutas) >= 15


def test_otro_abogado_no_alcanza_la_cuenta_por_ninguna_url(client, cliente_api, escenario):
    client.force_login(escenario["abogado_2"])
    api = cliente_api(escenario["abogado_2"])
    fugas = []
    for ruta in rutas_con_numero():
        url = _url(ruta, NUMERO_A)
        if url.startswith("/api/"):
            intentos = [(m, getattr(api, m)(url, {}, format="json")) for m in METODOS_API]
        else:
            intentos = [("get", client.get(url)), ("post", client.post(url, {}))]
        for metodo, respuesta in intentos:
            if respuesta.status_code not in NEGADO or not _sin_datos_de_a(respuesta):
                fugas.append(f"{metodo.upper()} {url} → {respuesta.status_code}")
    assert not fugas, "\n".join(fugas)


def test_el_abogado_asignado_si_la_ve(client, cliente_api, escenario):
    client.force_login(escenario["abogado_1"])
    respuesta = client.get(f"/cuentas/{NUMERO_A}/")
    assert respuesta.status_code == 200
    assert NUMERO_A in respuesta.content.decode()
    api = cliente_api(escenario["abogado_1"])
    assert api.get(f"/api/v1/cuentas/{NUMERO_A}/").json()["numero"] == NUMERO_A


@pytest.mark.parametrize(("abogado", "la_encuentra"), [("abogado_1", True), ("abogado_2", False)])
def test_la_busqueda_solo_encuentra_las_cuentas_asignadas(
    client, cliente_api, escenario, abogado, la_encuentra
):
    usuario = escenario[abogado]
    client.force_login(usuario)
    texto = " ".join(TITULAR_A)

    pagina = client.get("/cuentas/", {"q": texto}).content.decode()
    api = cliente_api(usuario).get("/api/v1/cuentas/", {"q": texto}).json()

    assert (NUMERO_A in pagina) is la_encuentra
    assert ([c["numero"] for c in api["resultados"]] == [NUMERO_A]) is la_encuentra
    if not la_encuentra:
        assert api["resultados"] == []
        por_numero = cliente_api(usuario).get("/api/v1/cuentas/", {"q": NUMERO_A}).json()
        assert por_numero["resultados"] == []


def test_al_reasignar_el_abogado_anterior_pierde_la_cuenta(client, escenario, crear_usuario):
    asignacion_cambiar(
        cuenta=escenario["a"],
        asignado_a=escenario["abogado_2"],
        asignado_por=crear_usuario("supervisor"),
        motivo="Cambio de despacho",
    )
    client.force_login(escenario["abogado_1"])
    assert client.get(f"/cuentas/{NUMERO_A}/").status_code == 404
    client.force_login(escenario["abogado_2"])
    assert client.get(f"/cuentas/{NUMERO_A}/").status_code == 200


def test_mi_cartera_del_abogado_solo_trae_las_suyas(cliente_api, escenario):
    datos = cliente_api(escenario["abogado_2"]).get("/api/v1/mi-cartera/").json()
    assert [c["numero"] for c in datos["results"]] == [escenario["b"].numero]


def _url_con_folio(ruta, folio):
    def rellenar(m):
        return folio if m.group("nombre") == "folio" else RELLENO.get(m.group("tipo"), "x")

    return "/" + PARAMETRO.sub(rellenar, ruta).lstrip("^").rstrip("$")


def test_otro_abogado_no_alcanza_los_folios_de_la_cuenta(client, cliente_api, escenario):
    """Every route with a <folio>, given the folio of a payment of cuenta A (issue 18)."""
    from cobranza.libro.services.pagos import pago_registrar

    pago = pago_registrar(cuenta=escenario["a"], monto="100.00", registrado_por=None)
    rutas = sorted({ruta for ruta, _ in _rutas() if "<folio>" in ruta or ":folio>" in ruta})
    assert any(r.startswith("api/v1/pagos/") for r in rutas)
    client.force_login(escenario["abogado_2"])
    api = cliente_api(escenario["abogado_2"])
    fugas = []
    for ruta in rutas:
        url = _url_con_folio(ruta, pago.folio)
        if url.startswith("/api/"):
            intentos = [(m, getattr(api, m)(url, {}, format="json")) for m in METODOS_API]
        else:
            intentos = [("get", client.get(url)), ("post", client.post(url, {}))]
        for metodo, respuesta in intentos:
            # A 400 for a folio of another kind (a constancia's, a document name) shows
            # nothing; any success or any datum of A is a leak.
            if respuesta.status_code < 400 or not _sin_datos_de_a(respuesta):
                fugas.append(f"{metodo.upper()} {url} → {respuesta.status_code}")
    assert not fugas, "\n".join(fugas)
