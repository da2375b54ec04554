"""The menu grouped by task: a handful of groups instead of twenty loose links, each role sees
only what it may use, and the section of the page being viewed is marked."""

import re

import pytest
from django.test import RequestFactory
from django.urls import resolve, reverse

from config.navegacion import menu

pytestmark = pytest.mark.django_db


def _menu(usuario, ruta):
    peticion = RequestFactory().get(ruta)
    peticion.user = usuario
    peticion.resolver_match = resolve(ruta)
    return menu(peticion)["menu"]


def _grupos(items):
    return {i["texto"]: [e["texto"] for e in i["entradas"]] for i in items if "entradas" in i}


def test_el_supervisor_ve_grupos_y_no_veinte_ligas_sueltas(client, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    html = client.get(reverse("inicio_rol", args=["supervisor"])).content.decode()
    nav = html[html.index('<nav class="menu"') : html.index("</nav>")]
    grupos = re.findall(r"<summary>([^<]+)</summary>", nav)
    sueltas = re.findall(r'<a class="suelto[^"]*" href="[^"]+"[^>]*>([^<]+)</a>', nav)
    assert {"Atención", "Cobranza", "Legal", "Cortes", "Facturación y libro", "Reportes"} <= set(
        grupos
    )
    assert {"Archivo", "Crédito educativo", "Configuración"} <= set(grupos)
    assert 9 <= len(grupos) <= 11
    assert len(grupos) + len(sueltas) <= 13
    assert sueltas[0] == "Inicio"


def test_los_grupos_tienen_sus_paginas(crear_usuario):
    grupos = _grupos(_menu(crear_usuario("supervisor"), "/"))
    assert grupos["Legal"] == ["Morosos", "PEC"]
    assert "Buscar cuenta" in grupos["Atención"] and "Promesas" in grupos["Atención"]
    assert "Políticas" in grupos["Configuración"] and "Padrón" in grupos["Configuración"]
    assert "Tareas programadas" in grupos["Reportes"]


def test_caja_no_ve_legal_ni_configuracion(crear_usuario):
    items = _menu(crear_usuario("caja"), "/")
    textos = {i["texto"] for i in items}
    assert "Legal" not in textos and "Configuración" not in textos
    assert "Morosos" not in str(items) and "PEC" not in str(items)


def test_un_grupo_de_una_sola_pagina_es_una_liga(crear_usuario):
    items = _menu(crear_usuario("cortador"), "/")
    ruta = next(i for i in items if i["texto"] == "Mi ruta de corte")
    assert ruta["href"] == reverse("cobranza:cortador_ruta") and "entradas" not in ruta


def test_la_pagina_actual_queda_marcada(client, crear_usuario):
    client.force_login(crear_usuario("supervisor"))
    html = client.get(reverse("cobranza:morosos")).content.decode()
    assert f'<a href="{reverse("cobranza:morosos")}" aria-current="page">Morosos</a>' in html
    legal = html[: html.index(">Morosos<")].rsplit("<details", 1)[1]
    assert 'class="grupo grupo-actual"' in legal
    assert html.count("grupo-actual") == 1


def test_una_pagina_mas_honda_marca_su_seccion(crear_usuario):
    # /morosos/<folio>/ is no menu entry: it belongs to "Morosos" by its URL.
    peticion = RequestFactory().get("/morosos/LM26-1/")
    peticion.user = crear_usuario("supervisor")
    peticion.resolver_match = None
    items = menu(peticion)["menu"]
    legal = next(i for i in items if i["texto"] == "Legal")
    assert legal["actual"]
    assert [e["actual"] for e in legal["entradas"]] == ["true", ""]
    assert sum(1 for i in items if i["actual"]) == 1


def test_el_inicio_se_marca_en_el_inicio(crear_usuario):
    items = _menu(crear_usuario("ventanilla"), reverse("inicio_rol", args=["ventanilla"]))
    assert items[0] == {"texto": "Inicio", "href": reverse("inicio"), "actual": "page"}


def test_el_menu_sigue_a_los_permisos_aunque_se_calcule_una_vez(
    crear_usuario, django_assert_num_queries
):
    """What a set of permissions sees is computed once per process: a permission given to
    the user shows its entry on the next request, and the menu itself costs no query after
    the one that reads the user's groups and permissions."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    cajero = crear_usuario("caja")

    def entradas(usuario):
        items = _menu(usuario, "/")
        return {e["texto"] for i in items for e in i.get("entradas", [i])}

    antes = entradas(get_user_model().objects.get(pk=cajero.pk))
    assert "Políticas" not in antes
    cajero.user_permissions.add(Permission.objects.get(codename="editar_politicas"))
    fresco = get_user_model().objects.get(pk=cajero.pk)
    with django_assert_num_queries(1):  # groups and permissions, read once
        despues = entradas(fresco)
        assert entradas(fresco) == despues
    assert despues - antes == {"Políticas", "Campañas", "Plantillas"}
