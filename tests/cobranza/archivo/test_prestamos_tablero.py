"""Overdue loans: on the borrower's and the custodian's home card, not on anyone else's, and in
one reminder e-mail a day."""

from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string

from cobranza.archivo.selectors.prestamos import prestamos_vencidos_de, tablero_prestamos
from cobranza.archivo.services.prestamos import prestamo_devolver, prestamo_registrar
from cobranza.archivo.tasks import recordar_prestamos_vencidos
from cobranza.models import Prestamo
from padron.fechas import hoy
from tests.cobranza.archivo.test_prestamos_ayudas import (
    crear_escenario,
    original,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def escenario(crear_usuario):
    return crear_escenario(crear_usuario)


@pytest.fixture
def vencido(escenario):
    """Lent to abogado 1 a week ago, due three days ago."""
    prestamo = prestamo_registrar(
        documento=escenario["pagare_a"],
        prestatario=escenario["abogado_1"],
        proposito="Demanda ejecutiva",
        vence=hoy(),
        usuario=escenario["custodio"],
    )
    Prestamo.objects.filter(pk=prestamo.pk).update(vence=hoy() - timedelta(days=3))
    prestamo.refresh_from_db()
    return prestamo


def _tarjeta(usuario):
    return render_to_string("cobranza/archivo/prestamos/_tablero.html", tablero_prestamos(usuario))


def test_el_vencido_aparece_al_prestatario_y_al_custodio(escenario, vencido):
    del_abogado = tablero_prestamos(escenario["abogado_1"])
    assert del_abogado["prestamos_vencidos"] == [vencido]
    assert del_abogado["prestamos_vencidos_custodia"] == []  # he is no custodian
    assert del_abogado["cuantos_prestamos"] == {"vencidos": 1, "vencidos_custodia": 0}

    del_custodio = tablero_prestamos(escenario["custodio"])
    assert del_custodio["prestamos_vencidos"] == []
    assert del_custodio["prestamos_vencidos_custodia"] == [vencido]
    assert del_custodio["cuantos_prestamos"]["vencidos_custodia"] == 1

    tarjeta = _tarjeta(escenario["abogado_1"])
    assert "Originales que debe devolver (1)" in tarjeta
    assert (
        escenario["a"].numero in tarjeta and f"/archivo/prestamos/{vencido.pk}/vale.pdf" in tarjeta
    )
    tarjeta = _tarjeta(escenario["custodio"])
    assert "Préstamos de originales vencidos (1)" in tarjeta and "Luis Quiroga" in tarjeta


def test_no_aparece_a_otro_usuario(escenario, vencido):
    otro = tablero_prestamos(escenario["abogado_2"])
    assert otro["prestamos_vencidos"] == [] and otro["prestamos_vencidos_custodia"] == []
    assert _tarjeta(escenario["abogado_2"]).strip() == ""


def test_el_que_vence_hoy_o_ya_volvio_no_es_vencido(escenario, vencido):
    Prestamo.objects.filter(pk=vencido.pk).update(vence=hoy())
    assert not prestamos_vencidos_de(escenario["abogado_1"]).exists()
    Prestamo.objects.filter(pk=vencido.pk).update(vence=hoy() - timedelta(days=1))
    prestamo_devolver(prestamo=vencido, usuario=escenario["custodio"])
    assert tablero_prestamos(escenario["custodio"])["prestamos_vencidos_custodia"] == []


def test_seguimiento_custodia_solo_los_de_credito(escenario, vencido, crear_usuario):
    """Seguimiento sees only educational-credit cuentas: a water cuenta's loan is not its own."""
    seguimiento = crear_usuario("seguimiento")
    assert tablero_prestamos(seguimiento)["prestamos_vencidos_custodia"] == []


def test_la_pagina_de_inicio_del_abogado(client, escenario, vencido):
    from config.views import TABLEROS

    client.force_login(escenario["abogado_1"])
    respuesta = client.get("/inicio/abogado_externo/")
    assert respuesta.status_code == 200
    if tablero_prestamos in TABLEROS.get("abogado_externo", ()):  # once wired on the home page
        assert "Originales que debe devolver (1)" in respuesta.content.decode()


def test_recordatorio_una_vez_al_dia(escenario, vencido, reloj):
    segundo = original(escenario["a"], tipo="contrato_credito", descripcion="de apertura")
    prestamo_registrar(
        documento=segundo,
        prestatario=escenario["abogado_1"],
        proposito="Cotejo",
        vence=hoy(),
        usuario=escenario["custodio"],
    )
    Prestamo.objects.filter(documento=segundo).update(vence=hoy() - timedelta(days=1))

    assert recordar_prestamos_vencidos() == {"recordatorios": 1}
    assert recordar_prestamos_vencidos() == {"recordatorios": 0}

    assert len(mail.outbox) == 1  # one e-mail listing both originals
    correo = mail.outbox[0]
    assert correo.to == ["luis@example.mx"]
    assert escenario["a"].numero in correo.body and "de apertura" in correo.body
    assert (hoy() - timedelta(days=3)).strftime("%d/%m/%Y") in correo.body
    assert set(Prestamo.objects.values_list("recordado", flat=True)) == {hoy()}

    reloj.shift(timedelta(days=1))
    assert recordar_prestamos_vencidos() == {"recordatorios": 1}
    assert len(mail.outbox) == 2


def test_sin_correo_no_se_envia_pero_no_falla(escenario, vencido):
    escenario["abogado_1"].email = ""
    escenario["abogado_1"].save()

    assert recordar_prestamos_vencidos() == {"recordatorios": 0}
    assert mail.outbox == []
    vencido.refresh_from_db()
    assert vencido.recordado == hoy()
