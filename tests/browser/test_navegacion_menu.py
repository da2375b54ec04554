"""User story: a supervisor finds a page through the grouped menu, on a phone and at a desk."""


def test_en_un_telefono_el_menu_se_abre_y_sus_ligas_llevan_a_la_pagina(
    pagina_telefono, entrar, crear_usuario
):
    entrar(pagina_telefono, crear_usuario("supervisor"))
    assert pagina_telefono.evaluate("document.documentElement.scrollWidth") <= 390
    assert not pagina_telefono.locator("nav.menu").is_visible()

    pagina_telefono.click("label.menu-boton")
    legal = pagina_telefono.locator("details.grupo").filter(
        has=pagina_telefono.locator("summary", has_text="Legal")
    )
    assert legal.is_visible()
    assert not legal.get_by_role("link", name="Morosos").is_visible()
    legal.locator("summary").click()
    legal.get_by_role("link", name="Morosos").click()

    pagina_telefono.wait_for_url("**/morosos/")
    assert pagina_telefono.evaluate("document.documentElement.scrollWidth") <= 390
    pagina_telefono.click("label.menu-boton")
    actual = pagina_telefono.locator("details.grupo-actual summary")
    assert actual.inner_text().startswith("Legal")


def test_en_escritorio_el_grupo_se_abre_con_el_teclado(pagina, entrar, crear_usuario):
    pagina.set_viewport_size({"width": 1366, "height": 900})
    entrar(pagina, crear_usuario("supervisor"))
    reportes = (
        pagina.locator("details.grupo")
        .filter(has=pagina.locator("summary", has_text="Reportes"))
        .first
    )
    reportes.locator("summary").focus()
    pagina.keyboard.press("Enter")
    metas = reportes.get_by_role("link", name="Metas")
    assert metas.is_visible()
    pagina.keyboard.press("Escape")
    assert not metas.is_visible()
    assert pagina.evaluate("document.documentElement.scrollWidth") <= 1366
