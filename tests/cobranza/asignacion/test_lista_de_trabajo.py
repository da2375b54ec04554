"""The gestor's (or lawyer's) work list: its own open assignments, broken promises first,
then the debt past due weighted by its age; último contacto from the gestiones."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cobranza.asignacion.selectors import lista_de_trabajo
from cobranza.asignacion.services import asignacion_cambiar, asignacion_retirar
from cobranza.models import Asignacion, Gestion, PromesaPago
from tests.cobranza.asignacion.test_asignacion import cuenta_con_saldo, momento
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def gestor(crear_usuario):
    return crear_usuario("ventanilla")


@pytest.fixture
def cartera():
    return CarteraFactory()


def _asignar(cuenta, usuario, por):
    asignacion_cambiar(cuenta=cuenta, asignado_a=usuario, asignado_por=por, motivo="Ruta")
    return cuenta


def _promesa(cuenta, usuario, estado, prometida_el):
    gestion = Gestion.objects.create(
        cuenta=cuenta,
        tipo="llamada_realizada",
        resultado="promesa_pago",
        usuario=usuario,
        fecha=momento(prometida_el.year, prometida_el.month, prometida_el.day),
    )
    return PromesaPago.objects.create(
        gestion=gestion,
        cuenta=cuenta,
        monto=D("500.00"),
        prometida_el=prometida_el,
        fecha_compromiso=prometida_el + timedelta(days=7),
        estado=estado,
    )


def test_primero_las_promesas_rotas_luego_la_deuda_mas_grande_y_vieja(
    cartera, supervisor, gestor, crear_usuario
):
    otro = crear_usuario("ventanilla")
    rota = _asignar(cuenta_con_saldo(cartera, vencido="100.00", meses=1), gestor, supervisor)
    _promesa(rota, gestor, "cumplida", date(2026, 1, 5))
    _promesa(rota, gestor, "incumplida", date(2026, 2, 5))
    # puntaje = vencido × (12 + meses) / 12
    vieja = _asignar(cuenta_con_saldo(cartera, vencido="10000.00", meses=12), gestor, supervisor)
    grande = _asignar(cuenta_con_saldo(cartera, vencido="12000.00", meses=2), gestor, supervisor)
    repuesta = _asignar(cuenta_con_saldo(cartera, vencido="500.00", meses=1), gestor, supervisor)
    _promesa(repuesta, gestor, "incumplida", date(2026, 1, 5))
    _promesa(repuesta, gestor, "vigente", date(2026, 2, 20))  # a newer promise: not broken
    sin_saldo = _asignar(CuentaFactory(cartera=cartera), gestor, supervisor)
    _asignar(cuenta_con_saldo(cartera, vencido="99999.00", meses=40), otro, supervisor)
    retirada = _asignar(cuenta_con_saldo(cartera, vencido="88888.00"), gestor, supervisor)
    asignacion_retirar(cuenta=retirada, retirado_por=supervisor, motivo="Pasó a otro")

    lista = list(lista_de_trabajo(gestor))

    assert [c.numero for c in lista] == [
        rota.numero,
        vieja.numero,
        grande.numero,
        repuesta.numero,
        sin_saldo.numero,
    ]
    assert [c.promesa_rota for c in lista] == [1, 0, 0, 0, 0]
    assert [c.puntaje for c in lista[1:4]] == [D("20000.00"), D("14000.00"), D("541.67")]
    assert lista[0].estado_ultima_promesa == "incumplida"
    assert lista[3].estado_ultima_promesa == "vigente"
    assert (lista[4].deuda_vencida, lista[4].meses) == (D("0.00"), 0)


def test_a_igual_puntaje_va_primero_el_vencimiento_mas_antiguo(cartera, supervisor, gestor):
    nueva = cuenta_con_saldo(cartera, vencido="1200.00", meses=0, vence=date(2026, 2, 1))
    antigua = cuenta_con_saldo(cartera, vencido="1200.00", meses=0, vence=date(2025, 12, 1))
    for cuenta in (nueva, antigua):
        _asignar(cuenta, gestor, supervisor)
    assert [c.numero for c in lista_de_trabajo(gestor)] == [antigua.numero, nueva.numero]


def test_ultimo_contacto_es_la_gestion_mas_reciente_de_cualquiera(
    cartera, supervisor, gestor, crear_usuario
):
    cuenta = _asignar(cuenta_con_saldo(cartera, vencido="300.00"), gestor, supervisor)
    for usuario, dia in ((gestor, 3), (crear_usuario("ventanilla"), 9), (gestor, 6)):
        Gestion.objects.create(
            cuenta=cuenta,
            tipo="visita",
            resultado="no_localizado",
            usuario=usuario,
            fecha=momento(2026, 3, dia),
        )
    sin_gestiones = _asignar(cuenta_con_saldo(cartera, vencido="100.00"), gestor, supervisor)

    filas = {c.numero: c for c in lista_de_trabajo(gestor)}

    assert filas[cuenta.numero].ultimo_contacto == momento(2026, 3, 9)
    assert filas[sin_gestiones.numero].ultimo_contacto is None


def test_la_pagina_mi_cartera_muestra_la_lista(client, cartera, supervisor, gestor):
    rota = _asignar(cuenta_con_saldo(cartera, vencido="150.00", meses=1), gestor, supervisor)
    _promesa(rota, gestor, "incumplida", date(2026, 2, 5))
    grande = _asignar(cuenta_con_saldo(cartera, vencido="7300.45", meses=6), gestor, supervisor)
    client.force_login(gestor)

    html = client.get("/mi-cartera/").content.decode()

    assert html.index(rota.numero) < html.index(grande.numero)
    assert "$7,300.45" in html
    assert "Incumplida (12/02/2026)" in html


@pytest.mark.parametrize("rol", ["ventanilla", "seguimiento", "abogado_externo", "supervisor"])
def test_gestores_y_abogados_abren_su_cartera(client, crear_usuario, rol):
    client.force_login(crear_usuario(rol))
    assert client.get("/mi-cartera/").status_code == 200


@pytest.mark.parametrize("rol", ["caja", "gerencia", "notificador", "cortador"])
def test_quien_no_gestiona_no_tiene_cartera(client, cliente_api, crear_usuario, rol):
    usuario = crear_usuario(rol)
    client.force_login(usuario)
    assert client.get("/mi-cartera/").status_code == 403
    assert cliente_api(usuario).get("/api/v1/mi-cartera/").status_code == 403


def test_api_mi_cartera(cliente_api, cartera, supervisor, gestor):
    rota = _asignar(cuenta_con_saldo(cartera, vencido="150.00", meses=1), gestor, supervisor)
    _promesa(rota, gestor, "incumplida", date(2026, 2, 5))
    _asignar(cuenta_con_saldo(cartera, vencido="7300.40", meses=6), gestor, supervisor)

    datos = cliente_api(gestor).get("/api/v1/mi-cartera/").json()

    assert datos["count"] == 2
    primera, segunda = datos["results"]
    assert (primera["numero"], primera["promesa"], primera["promesa_rota"]) == (
        rota.numero,
        "incumplida",
        True,
    )
    assert (segunda["saldo_vencido"], segunda["meses_vencidos"], segunda["puntaje"]) == (
        "7300.40",
        6,
        "10950.60",
    )


def _consultas(hacer):
    with CaptureQueriesContext(connection) as capturadas:
        hacer()
    return len(capturadas)


def test_mi_cartera_no_hace_una_consulta_por_cuenta(
    client, cliente_api, cartera, supervisor, gestor, django_assert_max_num_queries
):
    def poblar(n):
        for i in range(n):
            cuenta = _asignar(
                cuenta_con_saldo(cartera, vencido="400.00", meses=i), gestor, supervisor
            )
            _promesa(cuenta, gestor, "incumplida", date(2026, 1, 1 + i))

    poblar(2)
    client.force_login(gestor)
    api = cliente_api(gestor)
    pagina = _consultas(lambda: client.get("/mi-cartera/"))
    endpoint = _consultas(lambda: api.get("/api/v1/mi-cartera/"))
    assert pagina <= 10 and endpoint <= 8

    poblar(15)
    assert Asignacion.objects.filter(asignado_a=gestor).count() == 17
    with django_assert_max_num_queries(pagina):
        client.get("/mi-cartera/")
    with django_assert_max_num_queries(endpoint):
        api.get("/api/v1/mi-cartera/")
