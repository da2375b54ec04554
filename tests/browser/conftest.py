"""Headless Chromium (Debian's) driven by Playwright against the live server.

A failing test leaves a screenshot in var/capturas/<test>.png.
"""

import os
from pathlib import Path

import pytest

from padron.fechas import ahora
from tests.cobranza.credito.conftest import (  # noqa: F401 (fixtures for the stories)
    cartera_credito,
    estudiante,
    personal,
    programa,
)
from tests.conftest import CHROMIUM
from tests.convenios.conftest import deudor, politica  # noqa: F401 (fixtures for the stories)

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CAPTURAS = Path(__file__).resolve().parent.parent.parent / "var" / "capturas"
ARGUMENTOS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
TELEFONO = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    # This hook sees the whole session's items, not only this folder's.
    for item in items:
        if Path(item.path).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    resultado = yield
    reporte = resultado.get_result()
    setattr(item, f"reporte_{reporte.when}", reporte)


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        navegador = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGUMENTOS)
        yield navegador
        navegador.close()


def _pagina(request, chromium, live_server, **opciones):
    contexto = chromium.new_context(
        base_url=live_server.url, locale="es-MX", timezone_id="America/Hermosillo", **opciones
    )
    contexto.set_default_timeout(15_000)
    # The page's clock starts where the suite's pinned clock is (tests/conftest.py: reloj).
    contexto.clock.install(time=ahora())
    pagina = contexto.new_page()
    yield pagina
    reporte = getattr(request.node, "reporte_call", None)
    if reporte is not None and reporte.failed:
        CAPTURAS.mkdir(parents=True, exist_ok=True)
        pagina.screenshot(path=str(CAPTURAS / f"{request.node.name}.png"), full_page=True)
    contexto.close()


@pytest.fixture
def pagina(request, chromium, live_server, transactional_db):
    """A desktop-sized page on the live server."""
    yield from _pagina(request, chromium, live_server, viewport={"width": 1280, "height": 900})


@pytest.fixture
def pagina_telefono(request, chromium, live_server, transactional_db):
    """A phone-sized page (cortadores and notificadores work on phones)."""
    yield from _pagina(
        request, chromium, live_server, viewport=TELEFONO, is_mobile=True, has_touch=True
    )


@pytest.fixture
def entrar():
    """entrar(pagina, usuario) logs in through the real form."""

    def _entrar(pagina, usuario, contrasena="clave-prueba-123"):
        pagina.goto("/entrar/")
        pagina.fill("#id_username", usuario.username)
        pagina.fill("#id_password", contrasena)
        pagina.click("button[type=submit]")
        pagina.wait_for_load_state()

    return _entrar
