"""Each role's home shows its share of the registro de atención: the clerk's attentions today
and the open one; the supervisor also the whole office's."""

from datetime import timedelta

import pytest

from cobranza.atencion.services.registro import atencion_iniciar, atencion_terminar

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-11-18T09:00")]


def test_ventanilla_ve_sus_atenciones_de_hoy_y_la_abierta(client, rosa, motivo, reloj):
    terminada = atencion_iniciar(usuario=rosa, canal="telefono", motivo=motivo, persona="A")
    reloj.shift(timedelta(minutes=6))
    atencion_terminar(atencion=terminada, usuario=rosa)
    atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, persona="B")
    client.force_login(rosa)

    html = client.get("/inicio/ventanilla/").content.decode()

    assert "<b>2</b> atenciones suyas hoy, 6.0 min en promedio" in html
    assert "Tiene una atención en curso desde las 09:06" in html


def test_el_supervisor_ve_la_oficina_entera(
    client, rosa, motivo, crear_usuario, django_assert_max_num_queries
):
    atencion_iniciar(usuario=rosa, canal="ventanilla", motivo=motivo, persona="B")
    supervisor = crear_usuario("supervisor")
    client.force_login(supervisor)
    with django_assert_max_num_queries(40):
        html = client.get("/inicio/supervisor/").content.decode()
    assert "<b>0</b> atenciones suyas hoy" in html
    assert "En toda la oficina: <b>1</b> atenciones" in html
