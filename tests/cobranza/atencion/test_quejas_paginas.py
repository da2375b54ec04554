"""The clerks' pages: the list, the capture, the detail's flow, the report and its XLSX."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from cobranza.atencion.services.quejas import queja_asignar
from cobranza.models import Queja
from tests.cobranza.atencion.ayudas_quejas import (  # noqa: F401 (fixtures)
    fixture_areas,
    fixture_noviembre,
    fixture_personas,
    queja,
    sin_limites_previos,
)
from tests.conftest import momento
from tests.factories import CarteraCreditoFactory, CuentaFactory

pytestmark = pytest.mark.django_db


def test_el_cortador_no_entra_y_el_anonimo_va_a_entrar(client, personas):
    client.force_login(personas["cortador"])
    assert client.get("/quejas/").status_code == 403
    assert client.get("/quejas/reporte/").status_code == 403
    client.logout()
    respuesta = client.get("/quejas/")
    assert respuesta.status_code == 302
    assert respuesta["Location"].startswith("/entrar/?next=/quejas/")


def test_gerencia_ve_el_reporte_pero_no_las_quejas(client, personas):
    client.force_login(personas["gerencia"])
    assert client.get("/quejas/reporte/").status_code == 200
    assert client.get("/quejas/").status_code == 403


@pytest.mark.hoy("2026-11-18")
def test_lista_resalta_las_vencidas_sin_consultas_por_fila(
    client, reloj, personas, areas, django_assert_max_num_queries
):
    for n in range(12):
        recibida = queja(personas["ventanilla"], cuenta=CuentaFactory())
        if n % 2:
            queja_asignar(queja=recibida, area=areas["cobranza"], usuario=personas["supervisora"])
    reloj.move_to(momento("2026-12-10"))
    nueva = queja(personas["ventanilla"])  # received today: not overdue
    client.force_login(personas["supervisora"])

    with django_assert_max_num_queries(12):
        respuesta = client.get("/quejas/")

    html = respuesta.content.decode()
    assert html.count('<tr class="vencida">') == 12
    assert f'<tr>\n<td><a href="/quejas/{nueva.folio}/">' in html
    filtrada = client.get("/quejas/", {"vencidas": "on", "area": areas["cobranza"].pk})
    assert len(filtrada.context["pagina"].object_list) == 6


def test_la_queja_de_una_cuenta_ajena_no_se_ve(client, personas):
    de_agua = queja(personas["ventanilla"], cuenta=CuentaFactory())
    de_credito = queja(
        personas["ventanilla"], cuenta=CuentaFactory(cartera=CarteraCreditoFactory())
    )
    sin_cuenta = queja()
    client.force_login(personas["seguimiento"])  # sees only the crédito educativo cartera

    folios = [q.folio for q in client.get("/quejas/").context["pagina"]]

    assert sorted(folios) == sorted([de_credito.folio, sin_cuenta.folio])
    assert client.get(f"/quejas/{de_agua.folio}/").status_code == 404


def test_ventanilla_recibe_una_queja_por_telefono_con_cuenta(client, personas, areas):
    CuentaFactory(numero="5001")
    client.force_login(personas["ventanilla"])
    datos = {
        "tipo": "queja",
        "origen": "telefono",
        "area": areas["cobranza"].pk,
        "nombre": "Pedro Ortiz",
        "contacto": "6621234567",
        "cuenta": "5001",
        "descripcion": "No le llegó el recibo de noviembre.",
    }

    respuesta = client.post("/quejas/nueva/", datos, follow=True)

    recibida = Queja.objects.get()
    assert (recibida.cuenta.numero, recibida.origen, recibida.area) == (
        "5001",
        "telefono",
        areas["cobranza"],
    )
    html = respuesta.content.decode()
    assert f"folio {recibida.folio} y clave de consulta {recibida.clave}" in html


def test_cuenta_inexistente_es_error_del_campo(client, personas):
    client.force_login(personas["ventanilla"])
    datos = {"tipo": "queja", "origen": "ventanilla", "cuenta": "999999"}
    datos["descripcion"] = "Cobro indebido en el recibo."

    respuesta = client.post("/quejas/nueva/", datos)

    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["cuenta"] == [
        "No existe esa cuenta o no está a su alcance."
    ]
    assert not Queja.objects.exists()


def test_del_detalle_se_asigna_responde_y_cierra(client, personas, areas):
    recibida = queja(personas["ventanilla"])
    client.force_login(personas["supervisora"])
    base = f"/quejas/{recibida.folio}/"

    client.post(base + "asignar/", {"area": areas["cobranza"].pk})
    vacia = client.post(base + "responder/", {"respuesta": ""})
    client.post(base + "responder/", {"respuesta": "Se corrigió el recibo."})
    final = client.post(base + "cerrar/", {"satisfaccion": "4"}, follow=True)

    assert vacia.status_code == 400
    assert vacia.context["responder"].errors["respuesta"] == ["Escriba la respuesta."]
    recibida.refresh_from_db()
    assert (recibida.estado, recibida.asignada_a, recibida.satisfaccion) == (
        Queja.Estado.CERRADA,
        personas["jefa_cobranza"],
        4,
    )
    html = final.content.decode()
    assert "Queja cerrada." in html
    assert "Asignada a Cobranza (Rosa Leyva)" in html  # the history
    assert 'id="form-responder"' not in html


def test_error_del_servicio_vuelve_al_detalle(client, personas):
    recibida = queja(personas["ventanilla"])
    client.force_login(personas["supervisora"])

    respuesta = client.post(f"/quejas/{recibida.folio}/cerrar/", {})

    assert respuesta.status_code == 400
    assert "Responda la queja antes de cerrarla." in respuesta.content.decode()


def test_reporte_en_pagina_y_en_xlsx(client, personas, noviembre):
    client.force_login(personas["gerencia"])
    periodo = {"desde": "01/11/2026", "hasta": "30/11/2026"}

    pagina = client.get("/quejas/reporte/", periodo)
    archivo = client.get("/quejas/reporte/", {**periodo, "formato": "xlsx"})

    assert pagina.context["datos"]["total"]["recibidas"] == 4
    assert archivo["Content-Disposition"] == 'attachment; filename="quejas-20261101-20261130.xlsx"'
    libro = load_workbook(BytesIO(archivo.content))
    filas = {fila[0]: fila for fila in libro["Por área"].iter_rows(values_only=True)}
    assert filas["Área"][1:6] == (
        "Recibidas",
        "Respondidas",
        "Respondidas a tiempo",
        "Vencidas sin respuesta",
        "% a tiempo",
    )
    assert filas["Cobranza"][1:8] == (2, 2, 1, 0, 50, 10.5, 3.5)
    assert filas["Total"][5] == pytest.approx(33.3)
    por_tipo = {fila[0]: fila for fila in libro["Por tipo"].iter_rows(values_only=True)}
    assert por_tipo["Sugerencia"][4] == 1  # vencidas sin respuesta


def test_reporte_con_fechas_al_reves(client, personas):
    client.force_login(personas["supervisora"])
    respuesta = client.get("/quejas/reporte/", {"desde": "30/11/2026", "hasta": "01/11/2026"})
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["hasta"] == ["La fecha final es anterior a la inicial."]
