"""Production wiring: the compose file and `check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import yaml

RAIZ = Path(__file__).resolve().parent.parent


def _compose():
    return yaml.safe_load((RAIZ / "docker-compose.yml").read_text())


def test_compose_define_los_seis_servicios():
    servicios = _compose()["services"]
    assert set(servicios) == {"db", "redis", "web", "worker", "worker-reportes", "beat"}
    assert servicios["db"]["image"] == "postgres:16"
    assert servicios["redis"]["image"] == "redis:7"
    assert "gunicorn" in servicios["web"]["command"]
    assert "worker" in servicios["worker"]["command"]
    assert "beat" in servicios["beat"]["command"]
    for nombre in ("db", "redis", "web"):
        assert "healthcheck" in servicios[nombre], nombre


def test_web_workers_y_beat_leen_las_mismas_variables():
    servicios = _compose()["services"]
    nombres = ("web", "worker", "worker-reportes", "beat")
    entornos = [servicios[n]["environment"] for n in nombres]
    assert all(entorno == entornos[0] for entorno in entornos)
    entorno = entornos[0]
    for variable in (
        "DATABASE_URL",
        "DATABASE_REPLICA_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "EMAIL_URL",
    ):
        assert variable in entorno
    # The hosts default to the compose services; a second machine sets DB_HOST / REDIS_HOST.
    assert entorno["DATABASE_URL"].startswith("postgres://")
    assert "@${DB_HOST:-db}:5432/" in entorno["DATABASE_URL"]
    assert entorno["REDIS_URL"] == "redis://${REDIS_HOST:-redis}:6379/0"
    assert entorno["DATABASE_REPLICA_URL"] == "${DATABASE_REPLICA_URL:-}"  # empty: no replica
    assert entorno["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    for nombre in nombres:
        assert set(servicios[nombre]["depends_on"]) == {"db", "redis"}


def test_cada_worker_consume_su_cola():
    servicios = _compose()["services"]
    general, reportes = servicios["worker"]["command"], servicios["worker-reportes"]["command"]
    assert general[general.index("-Q") + 1] == "celery"
    assert reportes[reportes.index("-Q") + 1] == "reportes"


def test_las_variables_del_compose_son_las_que_lee_settings():
    base = (RAIZ / "config" / "settings" / "base.py").read_text()
    for variable in _compose()["services"]["web"]["environment"]:
        if variable != "DJANGO_SETTINGS_MODULE":
            assert f'"{variable}"' in base, variable


def test_check_deploy_no_reporta_nada():
    entorno = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 64 + "-produccion-verdadera-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "cobranza.example.mx",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    entorno.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    salida = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=RAIZ,
        env=entorno,
        capture_output=True,
        text=True,
    )
    assert salida.returncode == 0, salida.stdout + salida.stderr
    assert "no issues" in salida.stdout
