"""PEC pages: the supervisor opens expedientes and advances them, the notificador records a
diligence on the phone page, the documents print with their folio, the calendar is edited."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from cobranza.demo.pec import pec_demo_crear
from cobranza.models import DiaInhabil, Diligencia, Expediente
from tests.factories import CarteraFactory, cuenta_con_adeudo

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture
def cartera():
    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    return cartera


def test_supervisor_abre_expedientes_y_los_ve(client, cartera, crear_usuario):
    cuentas = [cuenta_con_adeudo("5000.00", cartera=cartera) for _ in range(3)]
    client.force_login(crear_usuario("supervisor"))
    respuesta = client.post("/pec/abrir/", {"cuentas": [c.pk for c in cuentas]}, follow=True)
    assert "3 expedientes abiertos" in respuesta.content.decode()
    assert Expediente.objects.count() == 3
    html = client.get("/pec/", {"etapa": "invitacion"}).content.decode()
    assert all(c.numero in html for c in cuentas)


def test_la_lista_de_expedientes_no_hace_una_consulta_por_fila(
    client, cartera, crear_usuario, django_assert_max_num_queries
):
    supervisor = crear_usuario("supervisor")
    client.force_login(supervisor)
    client.post(
        "/pec/abrir/",
        {"cuentas": [cuenta_con_adeudo("5000.00", cartera=cartera).pk for _ in range(3)]},
    )
    with CaptureQueriesContext(connection) as capturadas:
        client.get("/pec/")
    pocas = len(capturadas)  # now: the next request clears the connection's log
    assert pocas <= 12
    client.post(
        "/pec/abrir/",
        {"cuentas": [cuenta_con_adeudo("5000.00", cartera=cartera).pk for _ in range(12)]},
    )
    with django_assert_max_num_queries(pocas):
        client.get("/pec/")


def test_notificador_registra_en_el_telefono(client, cartera, crear_usuario):
    supervisor, notificador = crear_usuario("supervisor"), crear_usuario("notificador")
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    client.force_login(supervisor)
    client.post("/pec/abrir/", {"cuentas": [cuenta.pk]})
    diligencia = Diligencia.objects.get()

    client.force_login(notificador)
    assert diligencia.folio in client.get("/notificador/").content.decode()
    url = f"/notificador/{diligencia.folio}/"
    fuera_de_hora = {"resultado": "personal", "notificada": "2026-11-10T20:30"}
    respuesta = client.post(url, fuera_de_hora)
    assert "fuera del horario hábil" in respuesta.content.decode()
    datos = {
        "resultado": "tercero",
        "notificada": "2026-11-11T09:15",
        "hubo_citatorio": "on",
        "citatorio": "2026-11-10T13:00",
        "recibio_nombre": "Ana Soto",
        "recibio_relacion": "Hija",
        "latitud": "30.715812",
        "longitud": "-112.158001",
    }
    respuesta = client.post(url, datos, follow=True)
    assert "registrada" in respuesta.content.decode()
    diligencia.refresh_from_db()
    assert (diligencia.resultado, diligencia.notificador) == ("tercero", notificador)
    assert str(diligencia.latitud) == "30.715812"
    assert diligencia.folio not in client.get("/notificador/").content.decode()
    # the acta prints what was recorded
    acta = client.get(f"/pec/diligencias/{diligencia.folio}/acta.pdf")
    texto = "".join(p.extract_text() for p in PdfReader(io.BytesIO(acta.content)).pages)
    assert diligencia.folio in texto and "Ana Soto" in texto and "Hija" in texto


def test_documentos_de_la_etapa_con_folio(client, cartera, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    client.post("/pec/abrir/", {"cuentas": [cuenta_con_adeudo("5000.00", cartera=cartera).pk]})
    diligencia = Diligencia.objects.get()
    for documento in ("documento", "citatorio"):
        respuesta = client.get(f"/pec/diligencias/{diligencia.folio}/{documento}.pdf")
        assert respuesta["Content-Type"] == "application/pdf"
        texto = "".join(p.extract_text() for p in PdfReader(io.BytesIO(respuesta.content)).pages)
        assert diligencia.folio in texto
        if documento == "documento":
            assert "adeudo vencido de la cuenta" in texto and "$5,000.00" in texto
        else:
            assert "se le cita" in texto


def test_permisos(client, cartera, crear_usuario):
    client.force_login(crear_usuario("ventanilla"))
    assert client.get("/pec/").status_code == 403
    assert (
        client.post(
            "/pec/abrir/", {"cuentas": [cuenta_con_adeudo("5000.00", cartera=cartera).pk]}
        ).status_code
        == 403
    )
    assert client.get("/notificador/").status_code == 403
    client.force_login(crear_usuario("notificador"))
    assert client.get("/pec/").status_code == 403
    assert client.get("/pec/calendario/").status_code == 403


def test_calendario_de_dias_inhabiles(client, cartera, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    client.post("/pec/calendario/", {"fecha": "20/11/2026", "descripcion": "Suspensión"})
    assert DiaInhabil.objects.filter(fecha=date(2026, 11, 20)).exists()
    respuesta = client.post("/pec/calendario/", {"fecha": "20/11/2026", "descripcion": "Otra"})
    assert "ya está en el calendario" in respuesta.content.decode()
