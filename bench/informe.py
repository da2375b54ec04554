"""docs/benchmarks.md: each measured section lives between its own markers.

    <!-- bench:libro -->
    ...rewritten by `make bench`...
    <!-- /bench:libro -->

Everything outside the markers (other sections, notes written by hand) is kept.
"""

import os
import platform
import re
from datetime import datetime
from pathlib import Path

ENCABEZADO = (
    "# Benchmarks\n\n"
    "Cifras de `make bench` (requiere `DATABASE_URL` a PostgreSQL). Cada sección entre "
    "marcas `<!-- bench:... -->` la reescribe el propio bench; el resto del archivo se conserva.\n"
)


def seccion_reescribir(texto: str, nombre: str, contenido: str) -> str:
    """`texto` with the section `nombre` replaced by `contenido` (appended if missing)."""
    inicio, fin = f"<!-- bench:{nombre} -->", f"<!-- /bench:{nombre} -->"
    bloque = f"{inicio}\n{contenido.strip()}\n{fin}"
    # A marker counts only on a line of its own: the prose may name one in backquotes.
    patron = re.compile(
        "^" + re.escape(inicio) + r"$.*?^" + re.escape(fin) + "$", re.DOTALL | re.MULTILINE
    )
    if patron.search(texto):
        return patron.sub(lambda _: bloque, texto, count=1)
    if not texto.strip():
        texto = ENCABEZADO
    return texto.rstrip("\n") + "\n\n" + bloque + "\n"


def archivo_actualizar(ruta: Path, secciones: dict) -> None:
    texto = ruta.read_text(encoding="utf-8") if ruta.exists() else ENCABEZADO
    for nombre, contenido in secciones.items():
        texto = seccion_reescribir(texto, nombre, contenido)
    ruta.write_text(texto, encoding="utf-8")


def tabla(filas, encabezados) -> str:
    lineas = ["| " + " | ".join(encabezados) + " |", "|" + "---|" * len(encabezados)]
    lineas += ["| " + " | ".join(str(c) for c in fila) + " |" for fila in filas]
    return "\n".join(lineas)


def memoria_total_gib() -> float:
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for linea in meminfo:
                if linea.startswith("MemTotal:"):
                    return int(linea.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def maquina(version_postgres: str) -> str:
    procesador = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for linea in cpuinfo:
                if linea.startswith("model name"):
                    procesador = linea.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{datetime.now():%d/%m/%Y %H:%M}; {os.cpu_count()} núcleos ({procesador}), "
        f"{memoria_total_gib():.1f} GiB de RAM, {version_postgres}, "
        f"Python {platform.python_version()}"
    )
