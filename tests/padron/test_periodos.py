"""Months are chosen from a Spanish list, whatever language the browser speaks."""

import pytest

from padron.periodos import opciones_periodo


@pytest.mark.hoy("2026-11-18")
def test_los_meses_van_del_mas_reciente_hacia_atras_en_espanol():
    opciones = opciones_periodo()
    assert opciones[0] == ("2026-11", "noviembre de 2026")
    assert opciones[1] == ("2026-10", "octubre de 2026")
    assert ("2025-12", "diciembre de 2025") in opciones
    assert len(opciones) == 49  # this month and four years back


@pytest.mark.hoy("2026-11-18")
def test_las_metas_se_fijan_por_adelantado_y_un_valor_viejo_sigue_en_la_lista():
    assert opciones_periodo(adelante=2)[0] == ("2027-01", "enero de 2027")
    assert opciones_periodo("2019-03")[0] == ("2019-03", "marzo de 2019")
    assert opciones_periodo("basura")[0] == ("2026-11", "noviembre de 2026")
    assert opciones_periodo("2026-13")[0] == ("2026-11", "noviembre de 2026")


@pytest.mark.hoy("2026-11-18")
def test_la_pagina_de_reportes_no_usa_el_control_de_mes_del_navegador(client, crear_usuario):
    client.force_login(crear_usuario("gerencia"))
    html = client.get("/reportes/").content.decode()
    assert 'type="month"' not in html
    assert '<option value="2026-10" selected>octubre de 2026</option>' in html
