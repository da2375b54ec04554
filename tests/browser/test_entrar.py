"""User story: a ventanilla clerk logs in and lands on the front-desk home."""

from types import SimpleNamespace

from tests.browser.conftest import CAPTURAS, _pagina


def test_ventanilla_entra_y_ve_su_inicio(pagina, entrar, crear_usuario):
    usuario = crear_usuario("ventanilla", first_name="Ana", last_name="Moreno")
    entrar(pagina, usuario)
    assert pagina.url.endswith("/inicio/ventanilla/")
    assert pagina.locator("#titulo-inicio").inner_text() == "Ventanilla"
    assert "Ana Moreno" in pagina.locator("header").inner_text()


def test_contrasena_incorrecta_muestra_el_error(pagina, entrar, crear_usuario):
    entrar(pagina, crear_usuario("caja"), contrasena="equivocada")
    assert "Usuario o contraseña incorrectos" in pagina.content()


def test_el_menu_cabe_en_un_telefono(pagina_telefono, entrar, crear_usuario):
    entrar(pagina_telefono, crear_usuario("cortador"))
    ancho = pagina_telefono.evaluate("document.documentElement.scrollWidth")
    assert ancho <= 390
    assert not pagina_telefono.locator("nav.menu").is_visible()
    pagina_telefono.click("label.menu-boton")
    assert pagina_telefono.locator("nav.menu").is_visible()


def test_una_prueba_fallida_deja_captura(request, chromium, live_server):
    # Drive the page fixture's teardown as pytest would after a failed call.
    nodo = SimpleNamespace(name="captura_de_prueba", reporte_call=SimpleNamespace(failed=True))
    pasos = _pagina(SimpleNamespace(node=nodo), chromium, live_server)
    next(pasos).goto("/entrar/")
    next(pasos, None)
    captura = CAPTURAS / "captura_de_prueba.png"
    assert captura.read_bytes().startswith(b"\x89PNG")
    captura.unlink()
