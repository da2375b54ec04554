"""What a person trying the demo meets: Spanish error pages, one log line per denial, a
favicon, `make run` with DEBUG off, and no broker files outside var/."""

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.template.loader import render_to_string

from cobranza.asignacion.services import asignacion_cambiar
from tests.cobranza.asignacion.test_asignacion import cuenta_con_saldo
from tests.factories import CarteraFactory

RAIZ = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_un_abogado_ante_una_cuenta_ajena_ve_no_encontrado_en_espanol(client, crear_usuario):
    supervisor, propio, ajeno = (
        crear_usuario("supervisor"),
        crear_usuario("abogado_externo"),
        crear_usuario("abogado_externo"),
    )
    cuenta = cuenta_con_saldo(CarteraFactory(), vencido="900.00", meses=3)
    asignacion_cambiar(cuenta=cuenta, asignado_a=propio, asignado_por=supervisor, motivo="PEC")
    client.force_login(ajeno)

    respuesta = client.get(f"/cuentas/{cuenta.numero}/")

    assert respuesta.status_code == 404
    html = respuesta.content.decode()
    assert "<h1>No encontrado</h1>" in html and "no está a su alcance" in html
    assert cuenta.numero not in html and "Traceback" not in html


@pytest.mark.django_db
def test_una_pagina_negada_dice_acceso_denegado(client, crear_usuario):
    client.force_login(crear_usuario("caja"))
    respuesta = client.get("/tareas/")
    assert respuesta.status_code == 403
    assert "<h1>Acceso denegado</h1>" in respuesta.content.decode()


def test_la_pagina_de_error_500_esta_en_espanol_y_no_necesita_contexto():
    html = render_to_string("500.html")
    assert "Ocurrió un error" in html and 'lang="es-MX"' in html


def _manejadores(nombre):
    """Every handler a record of logger `nombre` reaches, up the propagation chain."""
    registrador = logging.getLogger(nombre)
    while registrador:
        yield from registrador.handlers
        registrador = registrador.parent if registrador.propagate else None


@pytest.mark.django_db
def test_un_403_se_registra_una_vez_sin_traza(client, crear_usuario, settings):
    # With DEBUG on, Django's own console handler used to repeat every request warning.
    settings.DEBUG = True
    client.force_login(crear_usuario("caja"))
    salida = io.StringIO()
    # The project's console handlers, not pytest's capturing ones (subclasses).
    manejadores = [m for m in _manejadores("django.request") if type(m) is logging.StreamHandler]
    anteriores = [m.setStream(salida) for m in manejadores]
    try:
        client.get("/tareas/")
    finally:
        for manejador, anterior in zip(manejadores, anteriores, strict=True):
            manejador.setStream(anterior)

    texto = salida.getvalue()
    assert texto.count("Forbidden (Permission denied): /tareas/") == 1
    assert "Traceback" not in texto


@pytest.mark.django_db
def test_hay_favicon(client, crear_usuario):
    respuesta = client.get("/favicon.ico")
    assert respuesta.status_code == 301 and respuesta.url.endswith("favicon.ico")
    assert (RAIZ / "static" / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"  # ICO
    client.force_login(crear_usuario("ventanilla"))
    assert 'rel="icon"' in client.get("/", follow=True).content.decode()


def test_make_run_corre_sin_debug():
    plan = subprocess.run(
        ["make", "-n", "run"], cwd=RAIZ, capture_output=True, text=True, check=True
    ).stdout
    assert "export DEBUG=False" in plan


def test_el_broker_de_archivos_guarda_todo_bajo_var():
    entorno = {
        k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "CELERY_BROKER_URL"}
    } | {"DJANGO_SETTINGS_MODULE": "config.settings.local"}
    codigo = (
        "import django; django.setup(); from django.conf import settings; "
        "print('\\n'.join(settings.CELERY_BROKER_TRANSPORT_OPTIONS[k] for k in "
        "('data_folder_in', 'processed_folder', 'control_folder')))"
    )
    carpetas = subprocess.run(
        [sys.executable, "-c", codigo],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert len(carpetas) == 3
    for carpeta in carpetas:
        assert Path(carpeta).is_relative_to(RAIZ / "var"), carpeta
    assert not (RAIZ / "control").exists()
