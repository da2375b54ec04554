"""Shared fixtures: the pinned clock, users by role, API clients, and the CI guard against skips.

No test reads the machine's clock. `reloj` (autouse) moves it to HOY_PRUEBAS, or to the date
given by `--hoy` / COBRANZA_HOY, and lets it tick from there. A test whose story happens on a
given day says so with `@pytest.mark.hoy("2026-03-10")`; one that moves time asks for `reloj`
and calls `reloj.move_to(...)` or `reloj.shift(...)`. CI runs the tests marked `fecha` again on
other dates (.ci/run).

Tests marked `postgres`, `redis` or `browser` need a real service. Locally they
skip when it is missing; with CI=true a skip of any test fails the run, so CI
cannot go green without having exercised PostgreSQL, Redis and Chromium.
"""

import os
import shutil
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from rest_framework.test import APIClient

EN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HERMOSILLO = ZoneInfo("America/Hermosillo")
HOY_PRUEBAS = "2026-11-18T10:00"  # a Wednesday, día hábil, mid-month


def pytest_addoption(parser):
    parser.addoption(
        "--hoy",
        default=os.environ.get("COBRANZA_HOY") or HOY_PRUEBAS,
        help="fecha (aaaa-mm-dd o aaaa-mm-ddThh:mm, hora de Hermosillo) en que corre la suite",
    )


def momento(texto: str) -> datetime:
    """'2028-02-29' (at 10:00) or '2026-12-31T23:30', in Hermosillo time."""
    valor = datetime.fromisoformat(texto)
    if len(texto) == 10:
        valor = datetime.combine(valor.date(), time(10, 0))
    return valor.replace(tzinfo=HERMOSILLO)


def pytest_report_header(config):
    return (
        f"hoy (reloj de la suite): {momento(config.getoption('--hoy')):%d/%m/%Y %H:%M} Hermosillo"
    )


@pytest.fixture(autouse=True)
def _cache_vacia():
    """Every test starts with an empty cache: ids and the pinned date repeat from one test to
    the next (SQLite reuses ids), so a value cached by one would answer for another."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def reloj(request):
    """The clock every test runs on: pinned, then ticking; never the machine's date."""
    marca = request.node.get_closest_marker("hoy")
    destino = marca.args[0] if marca else request.config.getoption("--hoy")
    with time_machine.travel(momento(destino), tick=True) as viaje:
        yield viaje


def _falta(item, motivo):
    # Skipped here; pytest_sessionfinish turns any skip into a failure under CI.
    item.add_marker(pytest.mark.skip(reason=motivo))


def pytest_collection_modifyitems(config, items):
    redis_url = os.environ.get("REDIS_URL")
    motor = os.environ.get("DATABASE_URL", "sqlite")
    for item in items:
        if "postgres" in item.keywords and not motor.startswith(("postgres", "pgsql")):
            _falta(item, "necesita PostgreSQL (DATABASE_URL=postgres://...)")
        if "redis" in item.keywords and not redis_url:
            _falta(item, "necesita Redis (REDIS_URL=redis://...)")
        if "browser" in item.keywords and not CHROMIUM:
            _falta(item, "necesita chromium (apt-get install chromium)")


_omitidas = []


def pytest_runtest_logreport(report):
    if report.skipped:
        _omitidas.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    if EN_CI and _omitidas and session.exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if EN_CI and _omitidas:
        terminalreporter.write_line(
            f"CI=true: {len(_omitidas)} prueba(s) omitida(s); en CI no se omite ninguna:", red=True
        )
        for nodeid in _omitidas:
            terminalreporter.write_line(f"  {nodeid}", red=True)


@pytest.fixture
def crear_usuario(db):
    """crear_usuario("caja") -> a user in that role (or none with rol=None)."""
    contador = {"n": 0}

    def crear(rol=None, username=None, **campos):
        contador["n"] += 1
        nombre = username or f"{rol or 'sinrol'}{contador['n']}"
        usuario = get_user_model().objects.create_user(
            username=nombre, password="clave-prueba-123", **campos
        )
        if rol:
            usuario.groups.add(Group.objects.get(name=rol))
        return usuario

    return crear


@pytest.fixture
def cliente_api():
    """cliente_api(usuario) -> an APIClient authenticated with that user's token."""
    from rest_framework.authtoken.models import Token

    def crear(usuario=None):
        cliente = APIClient()
        if usuario is not None:
            token, _ = Token.objects.get_or_create(user=usuario)
            cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return cliente

    return crear


@pytest.fixture
def es_postgres():
    return connection.vendor == "postgresql"
