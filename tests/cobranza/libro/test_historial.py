"""Who did it: the history rows name the acting user for a page, an API call and a task."""

from datetime import date

import pytest
from django.urls import reverse

from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Ajuste, Cargo, Concepto, Pago, ReversionPago
from cobranza.tasks import generar_recargos_mensuales
from padron.fechas import hoy
from tests.cobranza.libro.ayudas import cargo
from tests.factories import CuentaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Lucía", last_name="Moreno")


@pytest.fixture
def consumo():
    cuenta = CuentaFactory()
    return cargo(cuenta, Concepto.CONSUMO_AGUA, "400.00", date(2025, 1, 20), date(2025, 1, 1))


def test_pagina_de_ajuste_registra_al_supervisor_y_el_motivo(client, supervisor, consumo):
    client.force_login(supervisor)

    respuesta = client.post(
        reverse("cobranza:cargo_ajustar", args=[consumo.pk]),
        {"tipo": "bonificacion", "monto": "100.00", "motivo": "Medidor descompuesto"},
    )

    assert respuesta.status_code == 302
    ajuste = Ajuste.objects.get()
    registro = ajuste.history.get()
    assert (registro.history_user, registro.history_change_reason) == (
        supervisor,
        "Medidor descompuesto",
    )
    ultimo = Cargo.history.filter(id=consumo.pk).order_by("-history_id").first()
    assert ultimo.saldo == 300
    assert ultimo.history_user == supervisor
    assert ultimo.history_change_reason == "Bonificación: Medidor descompuesto"


def test_api_con_token_registra_al_usuario_del_token(cliente_api, supervisor, crear_usuario):
    cuenta = CuentaFactory()
    cargo(cuenta, Concepto.CONSUMO_AGUA, "400.00", date(2025, 1, 20), date(2025, 1, 1))
    pago = pago_registrar(
        cuenta=cuenta, monto="100.00", registrado_por=crear_usuario("caja"), fecha=date(2025, 2, 1)
    )

    respuesta = cliente_api(supervisor).post(
        f"/api/v1/pagos/{pago.folio}/revertir/", {"motivo": "Cheque sin fondos"}, format="json"
    )

    assert respuesta.status_code == 201, respuesta.content
    registro = ReversionPago.objects.get().history.get()
    assert registro.history_user == supervisor
    pago_historia = Pago.history.filter(id=pago.pk).order_by("-history_id").first()
    assert (pago_historia.estado, pago_historia.history_user) == ("revertido", supervisor)
    assert pago_historia.history_change_reason == "Reversión: Cheque sin fondos"


def test_tarea_de_recargos_queda_a_nombre_de_sistema():
    cuenta = CuentaFactory()
    cargo(cuenta, Concepto.CONSUMO_AGUA, "100.00", date(2025, 1, 20), date(2025, 1, 1))

    generar_recargos_mensuales.delay().get()

    recargo = Cargo.objects.get(concepto=Concepto.RECARGO)
    registro = recargo.history.get()
    assert registro.history_user.username == "sistema"
    assert registro.history_type == "+"
    assert registro.history_change_reason == f"Recargos {hoy():%m/%Y}"
    assert recargo.registrado_por.username == "sistema"
