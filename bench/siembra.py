"""The 200,000 × 24 seed, timed in its own process (so its peak RSS is its own)."""

import json
import resource
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent


def _registro(nombre_base):
    # The seed is measured once per database; later runs report that measurement.
    return RAIZ / "var" / "bench" / f"siembra-{nombre_base}.json"


def siembra_guardar(nombre_base, datos):
    ruta = _registro(nombre_base)
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(datos, indent=2), encoding="utf-8")


def siembra_anterior(nombre_base):
    try:
        return json.loads(_registro(nombre_base).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def manage(*argumentos, entorno=None):
    subprocess.run(
        [sys.executable, str(RAIZ / "manage.py"), *argumentos], cwd=RAIZ, env=entorno, check=True
    )


def sembrar_si_vacia(*, cuentas: int, meses: int, seed: int, entorno: dict) -> dict:
    """Seed when the database has no accounts; otherwise only (re)create the demo users."""
    from padron.models import Cuenta

    existentes = Cuenta.objects.count()
    if existentes:
        manage("seed_demo", "--solo-usuarios", entorno=entorno)
        return {"sembrado": False, "cuentas": existentes}
    fecha = datetime.now().strftime("%d/%m/%Y %H:%M")
    inicio = time.perf_counter()
    manage(
        "seed_demo",
        "--cuentas",
        str(cuentas),
        "--meses",
        str(meses),
        "--seed",
        str(seed),
        entorno=entorno,
    )
    segundos = time.perf_counter() - inicio
    # Largest RSS among the finished children: the seed (migrate before it is smaller).
    rss_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "sembrado": True,
        "cuentas": cuentas,
        "meses": meses,
        "segundos": segundos,
        "rss_mib": rss_mib,
        "fecha": fecha,
    }
