"""Results of a survey: exact counts and averages per question, by period and channel, the
results page with its charts, and the XLSX of the raw answers (golden figures by hand)."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from cobranza.atencion.selectors.encuestas import resultados, tablero_encuestas
from cobranza.atencion.services.encuestas import invitacion_crear, respuestas_registrar
from tests.cobranza.atencion.test_encuestas_servicios import crear_encuesta, valores
from tests.conftest import momento

pytestmark = [pytest.mark.django_db, pytest.mark.hoy("2026-12-10")]

D = Decimal
DICIEMBRE = {"desde": date(2026, 12, 1), "hasta": date(2026, 12, 10)}
# (answered on, canal, escala, sí/no, opción, comentario)
RESPUESTAS = [
    ("2026-11-20", "ventanilla", "1", "no", "Caja", ""),  # before the period
    ("2026-12-01", "ventanilla", "5", "si", "Banco", "Muy bien"),
    ("2026-12-02", "ventanilla", "4", "no", "Caja", ""),
    ("2026-12-03", "aviso", "4", "si", "Banco", "Rápido"),
    ("2026-12-05", "publica", "2", "si", "Tienda", "=1+1"),
    ("2026-12-06", "ventanilla", "4", "si", "Banco", ""),
]


@pytest.fixture
def encuesta(crear_usuario, reloj):
    encuesta = crear_encuesta(crear_usuario("supervisor"))
    for dia, canal, escala, si_no, opcion, texto in RESPUESTAS:
        reloj.move_to(momento(dia))
        invitacion = invitacion_crear(encuesta=encuesta, canal=canal)
        respuestas_registrar(
            invitacion=invitacion,
            valores=valores(encuesta, escala=escala, si_no=si_no, opcion=opcion, texto=texto),
        )
    reloj.move_to(momento("2026-12-04"))
    invitacion_crear(encuesta=encuesta, canal="aviso")  # sent, never answered
    reloj.move_to(momento("2026-12-10"))
    return encuesta


def _conteos(resultado):
    return [n for _, _, n in resultado.conteos]


def test_cifras_del_periodo(encuesta):
    datos = resultados(encuesta, **DICIEMBRE)
    escala, si_no, opcion, texto = datos.preguntas

    assert _conteos(escala) == [0, 1, 0, 3, 1]
    assert escala.promedio == D("3.80")  # (2 + 4·3 + 5) / 5
    assert _conteos(si_no) == [4, 1]
    assert [(e, n) for _, e, n in opcion.conteos] == [("Caja", 1), ("Banco", 3), ("Tienda", 1)]
    assert opcion.porcentaje(3) == D("60.00")
    assert texto.respuestas == 3
    assert [t for _, t in texto.comentarios] == ["=1+1", "Rápido", "Muy bien"]
    assert (datos.enviadas, datos.respondidas, datos.tasa) == (6, 5, D("83.33"))
    assert [(c["canal"], c["enviadas"], c["respondidas"], c["tasa"]) for c in datos.por_canal] == [
        ("ventanilla", 3, 3, D("100.00")),
        ("aviso", 2, 1, D("50.00")),
        ("publica", 1, 1, D("100.00")),
    ]


def test_cifras_de_un_canal(encuesta):
    datos = resultados(encuesta, **DICIEMBRE, canal="ventanilla")
    escala, si_no, _, texto = datos.preguntas

    assert _conteos(escala) == [0, 0, 0, 2, 1]
    assert escala.promedio == D("4.33")  # 13 / 3
    assert _conteos(si_no) == [2, 1]
    assert [t for _, t in texto.comentarios] == ["Muy bien"]
    assert (datos.enviadas, datos.respondidas) == (3, 3)


def test_sin_respuestas_no_hay_promedio(encuesta):
    datos = resultados(encuesta, date(2027, 1, 1), date(2027, 1, 31))
    assert datos.preguntas[0].promedio is None and datos.tasa is None


def test_tablero_del_mes(encuesta):
    tablero = tablero_encuestas()
    assert (tablero["desde"], tablero["hasta"]) == (date(2026, 12, 1), date(2026, 12, 10))
    assert tablero["respondidas"] == 5
    assert tablero["encuestas"] == [{"encuesta": encuesta, "respondidas": 5, "promedio": D("3.80")}]
    noviembre = tablero_encuestas(date(2026, 11, 1), date(2026, 11, 30))
    assert noviembre["encuestas"][0]["promedio"] == D("1.00")


def test_la_pagina_de_resultados(client, crear_usuario, encuesta, django_assert_max_num_queries):
    client.force_login(crear_usuario("gerencia"))
    with django_assert_max_num_queries(14):
        respuesta = client.get(
            f"/encuestas/{encuesta.pk}/", {"desde": "01/12/2026", "hasta": "10/12/2026"}
        )
    html = respuesta.content.decode()
    assert respuesta.status_code == 200
    assert html.count('<svg class="grafica"') == 3  # escala, sí/no, opción; texto is a list
    assert '<strong class="promedio">3.80</strong>' in html
    assert "83.33 %" in html and "Rápido" in html


def test_la_pagina_filtra_por_canal(client, crear_usuario, encuesta):
    client.force_login(crear_usuario("supervisor"))
    respuesta = client.get(f"/encuestas/{encuesta.pk}/?desde=01/12/2026&canal=ventanilla")
    assert '<strong class="promedio">4.33</strong>' in respuesta.content.decode()


def test_fechas_invalidas(client, crear_usuario, encuesta):
    client.force_login(crear_usuario("supervisor"))
    respuesta = client.get(f"/encuestas/{encuesta.pk}/?desde=31/13/2026")
    assert respuesta.status_code == 400
    assert "Fecha no válida; use dd/mm/aaaa." in respuesta.content.decode()


def test_xlsx_de_las_respuestas(client, crear_usuario, encuesta):
    client.force_login(crear_usuario("gerencia"))
    respuesta = client.get(
        f"/encuestas/{encuesta.pk}/respuestas.xlsx?desde=01/12/2026&hasta=10/12/2026"
    )
    assert respuesta["Content-Type"].startswith("application/vnd.openxmlformats")
    hoja = load_workbook(BytesIO(respuesta.content)).active
    filas = list(hoja.iter_rows(values_only=True))

    assert filas[0] == (
        "Folio",
        "Respondida",
        "Canal",
        "Cuenta",
        "¿Cómo lo atendimos?",
        "¿Resolvimos su asunto?",
        "¿Cómo prefiere pagar?",
        "Comentarios",
    )
    assert len(filas) == 6  # header + the 5 answered in the period
    assert [f[2] for f in filas[1:]] == [
        "Ventanilla",
        "Ventanilla",
        "Aviso",
        "Página pública",
        "Ventanilla",
    ]
    assert filas[1][4:] == (5, "Sí", "Banco", "Muy bien")
    assert filas[1][1].strftime("%d/%m/%Y") == "01/12/2026"
    assert filas[4][7] == "=1+1"  # kept as text, not run as a formula
    assert hoja.cell(row=5, column=8).data_type == "s"
