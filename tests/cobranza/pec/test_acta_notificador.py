"""The page and the API agree on which diligences a notificador may print (issue 18): only
those assigned to it; one assigned to nobody or to another notificador is not found."""

import pytest

from cobranza.demo.pec import pec_demo_crear
from cobranza.models import Diligencia
from tests.factories import CarteraFactory, cuenta_con_adeudo

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def diligencia(client, crear_usuario):
    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    client.force_login(crear_usuario("supervisor"))
    client.post("/pec/abrir/", {"cuentas": [cuenta.pk]})
    client.logout()
    return Diligencia.objects.get()


def _estados(client, cliente_api, usuario, folio):
    client.force_login(usuario)
    pagina = client.get(f"/pec/diligencias/{folio}/acta.pdf").status_code
    api = cliente_api(usuario).get(f"/api/v1/pec/diligencias/{folio}/acta.pdf").status_code
    return pagina, api


def test_sin_asignar_o_de_otro_no_se_encuentra_en_la_pagina_ni_en_la_api(
    client, cliente_api, crear_usuario, diligencia
):
    notificador, otro = crear_usuario("notificador"), crear_usuario("notificador")
    assert diligencia.notificador is None
    assert _estados(client, cliente_api, notificador, diligencia.folio) == (404, 404)

    Diligencia.objects.filter(pk=diligencia.pk).update(notificador=otro)
    assert _estados(client, cliente_api, notificador, diligencia.folio) == (404, 404)


def test_la_suya_si_y_el_supervisor_todas(client, cliente_api, crear_usuario, diligencia):
    notificador = crear_usuario("notificador")
    Diligencia.objects.filter(pk=diligencia.pk).update(notificador=notificador)

    assert _estados(client, cliente_api, notificador, diligencia.folio) == (200, 200)
    supervisor = crear_usuario("supervisor")
    assert _estados(client, cliente_api, supervisor, diligencia.folio) == (200, 200)


def test_quien_no_trabaja_el_pec_recibe_403_en_ambos(
    client, cliente_api, crear_usuario, diligencia
):
    assert _estados(client, cliente_api, crear_usuario("caja"), diligencia.folio) == (403, 403)
