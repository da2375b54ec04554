"""The supervisor's cortes pages: criteria → preview → generate, the list with its orders by
route and who was left out by which rule, the assignment of a route to a cortador, the PDF
per cortador, and the protection rules with their history."""

import io
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from cobranza.cortes.services.listas import lista_corte_generar, ordenes_asignar
from cobranza.models import ListaCorte, OrdenCorte, ReglaProteccion
from padron.models import CondicionEspecial
from tests.cobranza.cortes.ayudas import (
    DIA,
    cartera_de_agua,
    condicion,
    deudora,
    reglas_de_convenios,
)

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture(autouse=True)
def _reglas_de_convenios():
    reglas_de_convenios()


@pytest.fixture
def cartera(db):
    return cartera_de_agua()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


def _generar(cartera, usuario):
    return lista_corte_generar(criterios={"cartera": cartera}, usuario=usuario, dia=DIA)


def test_criterios_vista_previa_y_generacion(client, cartera, supervisor):
    ReglaProteccion.objects.create(
        nombre="Emergencia hídrica",
        vigente_desde=date(2020, 1, 1),
        condiciones=[CondicionEspecial.Tipo.SIN_CAPACIDAD_PAGO],
    )
    protegida = deudora(cartera)
    condicion(protegida, tipo=CondicionEspecial.Tipo.SIN_CAPACIDAD_PAGO)
    entran = [deudora(cartera, meses=3), deudora(cartera, meses=2, clasificacion="comercial")]
    client.force_login(supervisor)

    html = client.get("/cortes/nueva/").content.decode()
    assert "Vista previa" in html
    datos = {
        "cartera": cartera.pk,
        "excluir": ["ya_cortada", "institucion_publica", "promesa_vigente"],
    }
    html = client.post("/cortes/nueva/", {**datos, "accion": "previa"}).content.decode()
    assert re.search(r"<b>2</b> órdenes de corte por <b>\$1,250\.00</b>", html)
    assert "1 suspensión, 1 reducción del suministro" in html
    criterios = html.split('id="por-criterio"')[1].split("</ul>")[0]
    assert re.search(r": 2 cuentas</li>", criterios)  # a count of cuentas says so
    assert "Emergencia hídrica" in html
    assert ListaCorte.objects.count() == 0  # the preview writes nothing

    respuesta = client.post("/cortes/nueva/", {**datos, "accion": "generar"}, follow=True)
    lista = ListaCorte.objects.get()
    html = respuesta.content.decode()
    assert f"Lista de corte {lista.folio} generada: 2 órdenes, 1 cuenta excluida." in html
    assert all(c.numero in html for c in entran)
    tabla_exclusiones = html.split('id="exclusiones"')[1]
    assert protegida.numero in tabla_exclusiones
    assert "Regla de protección" in tabla_exclusiones
    assert "Emergencia hídrica" in tabla_exclusiones


def test_criterio_invalido_se_muestra_en_su_campo(client, cartera, supervisor):
    client.force_login(supervisor)
    html = client.post(
        "/cortes/nueva/", {"cartera": cartera.pk, "meses_minimos": "0", "accion": "previa"}
    ).content.decode()
    assert "con-error" in html
    assert ListaCorte.objects.count() == 0


def test_asignar_ruta_a_cortador_desde_la_lista(client, cartera, supervisor, crear_usuario):
    cortador = crear_usuario("cortador", first_name="Ramón", last_name="Soto")
    deudora(cartera, ruta="101")
    deudora(cartera, ruta="102")
    lista = _generar(cartera, supervisor)
    client.force_login(supervisor)
    url = f"/cortes/{lista.folio}/"
    respuesta = client.post(url, {"ruta": "1|101", "cortador": cortador.pk}, follow=True)
    html = respuesta.content.decode()
    assert f"1 orden asignada a {cortador.get_full_name() or cortador.username}." in html
    assert OrdenCorte.objects.filter(cortador=cortador, ruta="101").count() == 1
    assert f"/cortes/{lista.folio}/cortadores/{cortador.pk}.pdf" in html
    # somebody who is not a cortador is refused with the field named
    ventanilla = crear_usuario("ventanilla")
    html = client.post(url, {"ruta": "1|102", "cortador": ventanilla.pk}).content.decode()
    assert "Elija un usuario con el rol de cortador." in html


def _texto_pdf(contenido):
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(contenido)).pages)


def test_pdf_del_cortador_en_orden_de_recorrido(client, cartera, supervisor, crear_usuario):
    cortador, otro = crear_usuario("cortador"), crear_usuario("cortador")
    tercera = deudora(cartera, ruta="101", manzana="03", domicilio="Callejón Tercero 3")
    primera = deudora(cartera, ruta="101", manzana="01", domicilio="Calle Primera 1")
    segunda = deudora(cartera, ruta="101", manzana="02", domicilio="Calle Segunda 2")
    ajena = deudora(cartera, ruta="102", domicilio="Calle Ajena 9")
    lista = _generar(cartera, supervisor)
    ordenes_asignar(lista=lista, cortador=cortador, ruta="101", asignado_por=supervisor)
    ordenes_asignar(lista=lista, cortador=otro, ruta="102", asignado_por=supervisor)

    client.force_login(supervisor)
    respuesta = client.get(f"/cortes/{lista.folio}/cortadores/{cortador.pk}.pdf")
    assert respuesta["Content-Type"] == "application/pdf"
    texto = _texto_pdf(respuesta.content)
    posiciones = [texto.index(c.numero) for c in (primera, segunda, tercera)]
    assert posiciones == sorted(posiciones)
    assert ajena.numero not in texto
    assert "Sector 1 · Ruta 101" in texto
    assert "$750.00" in texto and "Reducción" in texto
    assert "Hora" in texto and "Lectura" in texto and "Firma" in texto
    assert "Cortador" in texto and "Supervisor" in texto

    # a cortador may print its own orders, not another's
    client.force_login(cortador)
    assert client.get(f"/cortes/{lista.folio}/cortadores/{cortador.pk}.pdf").status_code == 200
    assert client.get(f"/cortes/{lista.folio}/cortadores/{otro.pk}.pdf").status_code == 403


@pytest.mark.parametrize("rol", ["ventanilla", "cortador", "caja"])
def test_solo_supervision_entra_a_las_paginas_de_cortes(
    client, cartera, supervisor, crear_usuario, rol
):
    deudora(cartera)
    lista = _generar(cartera, supervisor)
    regla = ReglaProteccion.objects.create(nombre="X", vigente_desde=DIA)
    client.force_login(crear_usuario(rol))
    for url in (
        "/cortes/",
        "/cortes/nueva/",
        f"/cortes/{lista.folio}/",
        f"/cortes/{lista.folio}/cortadores/{supervisor.pk}.pdf",
        "/cortes/reglas/",
        "/cortes/reglas/nueva/",
        f"/cortes/reglas/{regla.pk}/",
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post("/cortes/nueva/", {"cartera": cartera.pk, "accion": "generar"}).status_code
        == 403
    )
    assert ListaCorte.objects.count() == 1


def test_la_lista_no_hace_una_consulta_por_fila(
    client, cartera, supervisor, crear_usuario, django_assert_max_num_queries
):
    cortador = crear_usuario("cortador")
    for ruta in ("101", "102"):
        deudora(cartera, ruta=ruta)
        deudora(cartera, ruta=ruta, clasificacion="publica")
    lista = _generar(cartera, supervisor)
    ordenes_asignar(lista=lista, cortador=cortador, asignado_por=supervisor)
    client.force_login(supervisor)
    url = f"/cortes/{lista.folio}/"
    with CaptureQueriesContext(connection) as capturadas:
        client.get(url)
    pocas = len(capturadas)
    assert pocas <= 20

    OrdenCorte.objects.update(estado=OrdenCorte.Estado.CANCELADA)
    for ruta in ("101", "102", "103", "104"):
        for _ in range(5):
            deudora(cartera, ruta=ruta)
            deudora(cartera, ruta=ruta, clasificacion="publica")
    otra = _generar(cartera, supervisor)
    ordenes_asignar(lista=otra, cortador=cortador, asignado_por=supervisor)
    ordenes_asignar(
        lista=otra, cortador=crear_usuario("cortador"), ruta="104", asignado_por=supervisor
    )
    with django_assert_max_num_queries(pocas):
        client.get(f"/cortes/{otra.folio}/")
    with django_assert_max_num_queries(pocas):
        client.get("/cortes/")


# --- protection rules -----------------------------------------------------------------------


def test_crear_y_editar_una_regla_con_historial(client, cartera, supervisor):
    client.force_login(supervisor)
    datos = {
        "nombre": "Emergencia por sequía",
        "fundamento": "Declaratoria 01/2026",
        "carteras": [cartera.pk],
        "vigente_desde": "10/03/2026",
        "vigente_hasta": "01/03/2026",
        "municipios": "Caborca",
        "clasificaciones": ["domestica"],
        "condiciones": ["sin_capacidad_pago"],
        "activa": "on",
    }
    html = client.post("/cortes/reglas/nueva/", datos).content.decode()
    assert "La fecha final no puede ser anterior a la inicial." in html
    assert ReglaProteccion.objects.count() == 0

    respuesta = client.post(
        "/cortes/reglas/nueva/", {**datos, "vigente_hasta": "30/06/2026"}, follow=True
    )
    assert "Regla «Emergencia por sequía» guardada." in respuesta.content.decode()
    regla = ReglaProteccion.objects.get()
    assert (regla.municipios, regla.clasificaciones, list(regla.carteras.all())) == (
        ["Caborca"],
        ["domestica"],
        [cartera],
    )
    assert "Vencida" in client.get("/cortes/reglas/").content.decode()  # it ended on 30/06/2026

    url = f"/cortes/reglas/{regla.pk}/"
    html = client.post(url, {**datos, "vigente_hasta": "31/07/2026"}).content.decode()
    assert "Indique el motivo del cambio." in html
    client.post(
        url, {**datos, "vigente_hasta": "31/07/2026", "motivo": "Se amplió la declaratoria"}
    )
    regla.refresh_from_db()
    assert regla.vigente_hasta == date(2026, 7, 31)
    html = client.get(url).content.decode()
    assert "Se amplió la declaratoria" in html
    assert "2026-06-30 → 2026-07-31" in html
