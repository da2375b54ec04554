"""Login, logout and each role's landing page."""

import pytest
from django.urls import reverse

from padron.roles import ROLES

pytestmark = pytest.mark.django_db


def test_sin_sesion_se_pide_entrar(client):
    respuesta = client.get("/")
    assert respuesta.status_code == 302
    assert respuesta.url.startswith(reverse("login"))


def test_la_pagina_de_entrada_esta_en_espanol(client):
    respuesta = client.get(reverse("login"))
    assert respuesta.status_code == 200
    assert "Contraseña" in respuesta.content.decode()


@pytest.mark.parametrize("rol", [r.clave for r in ROLES])
def test_cada_rol_llega_a_su_inicio(client, crear_usuario, rol):
    usuario = crear_usuario(rol)
    respuesta = client.post(
        reverse("login"),
        {"username": usuario.username, "password": "clave-prueba-123"},
        follow=True,
    )
    assert respuesta.redirect_chain[-1][0] == reverse("inicio_rol", kwargs={"rol": rol})
    html = respuesta.content.decode()
    assert 'id="titulo-inicio"' in html
    assert next(r.nombre for r in ROLES if r.clave == rol) in html


def test_un_usuario_sin_rol_no_ve_nada(client, crear_usuario):
    client.force_login(crear_usuario(None))
    respuesta = client.get("/")
    assert respuesta.status_code == 403
    assert "Sin rol asignado" in respuesta.content.decode()


def test_no_se_entra_al_inicio_de_otro_rol(client, crear_usuario):
    client.force_login(crear_usuario("cortador"))
    assert client.get(reverse("inicio_rol", kwargs={"rol": "supervisor"})).status_code == 404


def test_salir_cierra_la_sesion(client, crear_usuario):
    client.force_login(crear_usuario("caja"))
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


def test_el_menu_muestra_usuario_y_rol(client, crear_usuario):
    client.force_login(crear_usuario("caja", first_name="Jesús", last_name="Soto"))
    html = client.get(reverse("inicio_rol", kwargs={"rol": "caja"})).content.decode()
    assert "Jesús Soto" in html and "Caja" in html
