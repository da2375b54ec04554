"""gunicorn on loopback, for the HTTP measurements."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from .carga_http import ERRORES_DE_TRANSPORTE, Conexion

RAIZ = Path(__file__).resolve().parent.parent


def puerto_libre() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int, hilos: int, entorno: dict, espera_s: float = 240):
    """Start gunicorn on 127.0.0.1:<free port>; yield its base URL; stop it."""
    puerto = puerto_libre()
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    proceso = subprocess.Popen(
        [
            str(gunicorn_bin),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{puerto}",
            "--workers",
            str(workers),
            "--threads",
            str(hilos),
            "--worker-class",
            "gthread",
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=RAIZ,
        env={**os.environ, **entorno},
    )
    url = f"http://127.0.0.1:{puerto}"
    try:
        limite = time.monotonic() + espera_s
        while True:
            if proceso.poll() is not None:
                raise RuntimeError(f"gunicorn terminó al arrancar (código {proceso.returncode}).")
            sonda = Conexion(url, {}, timeout=2)
            try:
                sonda.pedir("GET", "/healthz")
                break
            except ERRORES_DE_TRANSPORTE:
                if time.monotonic() > limite:
                    raise RuntimeError("gunicorn no respondió a tiempo.") from None
                time.sleep(0.3)
            finally:
                sonda.cerrar()
        yield url
    finally:
        proceso.terminate()
        try:
            proceso.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proceso.kill()
            proceso.wait()
