"""Reads: the overdue quejas on the right home page, and the report by area and tipo."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from cobranza.atencion.selectors.quejas import quejas_vencidas_de, reporte_quejas, tablero_quejas
from cobranza.atencion.services.quejas import queja_asignar, queja_responder
from tests.cobranza.atencion.ayudas_quejas import (  # noqa: F401 (fixtures)
    fixture_areas,
    fixture_noviembre,
    fixture_personas,
    queja,
    sin_limites_previos,
)
from tests.conftest import momento

pytestmark = pytest.mark.django_db


@pytest.mark.hoy("2026-11-18")
def test_la_queja_vencida_aparece_en_el_inicio_de_la_responsable_del_area(
    reloj, personas, areas, django_assert_max_num_queries, client
):
    vencera = queja(personas["ventanilla"], area=areas["cobranza"])  # not assigned to a person
    otra_area = queja(personas["ventanilla"])
    queja_asignar(
        queja=otra_area,
        area=areas["operacion"],
        asignada_a=personas["seguimiento"],
        usuario=personas["supervisora"],
    )
    assert vencera.vence == date(2026, 12, 2)

    reloj.move_to(momento("2026-12-10"))
    with django_assert_max_num_queries(6):
        tablero = tablero_quejas(personas["jefa_cobranza"])

    assert [q.folio for q in tablero["quejas_vencidas"]] == [vencera.folio]
    assert tablero["cuantas_quejas"]["vencidas"] == 1
    tarjeta = render_to_string("cobranza/atencion/quejas/_tablero.html", tablero)
    assert f'<li class="vencida"><a href="/quejas/{vencera.folio}/">' in tarjeta
    assert "venció el 02/12/2026" in tarjeta
    assert tablero["quejas_vencidas"][0].area.nombre == "Cobranza"  # already joined
    # Not on the home page of someone else's area or of a clerk with none...
    assert [q.folio for q in quejas_vencidas_de(personas["seguimiento"])] == [otra_area.folio]
    assert not tablero_quejas(personas["ventanilla"])["quejas_vencidas"]
    # ...and the supervisor sees both.
    assert tablero_quejas(personas["supervisora"])["cuantas_quejas"]["vencidas"] == 2
    # The real home pages say the same.
    client.force_login(personas["jefa_cobranza"])
    assert vencera.folio in client.get("/inicio/ventanilla/").content.decode()
    client.force_login(personas["ventanilla"])
    assert vencera.folio not in client.get("/inicio/ventanilla/").content.decode()


@pytest.mark.hoy("2026-11-18")
def test_respondida_deja_de_estar_vencida_y_por_vencer_avisa_antes(reloj, personas, areas):
    pendiente = queja(personas["ventanilla"], area=areas["cobranza"])
    respondida = queja(personas["ventanilla"], area=areas["cobranza"])
    queja_responder(queja=respondida, respuesta="Listo.", usuario=personas["jefa_cobranza"])

    reloj.move_to(momento("2026-12-01"))  # due Wednesday 2: "por vencer"
    tablero = tablero_quejas(personas["jefa_cobranza"])
    assert [q.folio for q in tablero["quejas_por_vencer"]] == [pendiente.folio]
    assert tablero["quejas_vencidas"] == []

    reloj.move_to(momento("2026-12-03"))
    assert [q.folio for q in quejas_vencidas_de(personas["jefa_cobranza"])] == [pendiente.folio]


def _cifras(fila):
    claves = (
        "recibidas",
        "respondidas",
        "a_tiempo",
        "vencidas_sin_respuesta",
        "porcentaje_a_tiempo",
        "dias_promedio",
        "satisfaccion",
    )
    return tuple(None if fila[c] is None else str(fila[c]) for c in claves)


def test_reporte_por_area_y_tipo_a_la_unidad(noviembre, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        reporte = reporte_quejas(date(2026, 11, 1), date(2026, 11, 30))

    # recibidas, respondidas, a tiempo, vencidas sin respuesta, % a tiempo, días, satisfacción
    assert {f["nombre"]: _cifras(f) for f in reporte["por_area"]} == {
        "Cobranza": ("2", "2", "1", "0", "50.0", "10.5", "3.5"),
        "Operación": ("1", "0", "0", "1", "0.0", None, None),
        "Sin área asignada": ("1", "0", "0", "0", None, None, None),
    }
    assert [f["nombre"] for f in reporte["por_area"]][-1] == "Sin área asignada"
    assert [(f["nombre"], _cifras(f)) for f in reporte["por_tipo"]] == [
        ("Queja", ("2", "2", "1", "0", "50.0", "10.5", "3.5")),
        ("Sugerencia", ("1", "0", "0", "1", "0.0", None, None)),
        ("Felicitación", ("1", "0", "0", "0", None, None, None)),
    ]
    # 1 on time out of 3 that had to be answered (2 answered + 1 overdue).
    assert _cifras(reporte["total"]) == ("4", "2", "1", "1", "33.3", "10.5", "3.5")
    assert reporte["total"]["calificadas"] == 2


def test_reporte_de_un_periodo_sin_quejas(db):
    reporte = reporte_quejas(date(2026, 1, 1), date(2026, 1, 31))
    assert reporte["por_area"] == reporte["por_tipo"] == []
    assert reporte["total"]["recibidas"] == 0
    assert reporte["total"]["porcentaje_a_tiempo"] is None
