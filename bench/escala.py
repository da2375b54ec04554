"""The same bench at two scales (200,000 and 1,000,000 cuentas): does each figure grow linearly?

`BENCH_ESCALA=1m make bench` measures the 1M database into its own sections of
docs/benchmarks.md (`<!-- bench:libro-1m -->` ...). Every run also keeps its figures in
var/bench/resultados-<escala>.json (merged by measurement, so a run of a few measurements
updates only those); once both scales are there, the section «Escala: 200k y 1M» compares
them row by row.
"""

import json
import re
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
ESCALAS = {"200k": 200_000, "1m": 1_000_000}
BASE, GRANDE = "200k", "1m"
# "3.24 s", "p50 85.0 ms", "1,234 MiB", "3.6 min (216 s): ..." -> the first figure with a unit.
_CIFRA = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(ms|s|min|MiB)\b")
_SEGUNDOS = {"ms": 0.001, "s": 1.0, "min": 60.0}
_NUMERO = re.compile(r"\d[\d,]*")


def escala_leer(valor: str | None) -> str:
    escala = (valor or BASE).strip().lower()
    if escala not in ESCALAS:
        opciones = ", ".join(ESCALAS)
        raise SystemExit(f"BENCH_ESCALA debe ser una de: {opciones} (se recibió {valor!r}).")
    return escala


def sufijo(escala: str) -> str:
    """The docs section of a measurement at this scale: `libro` at 200k, `libro-1m` at 1M."""
    return "" if escala == BASE else f"-{escala}"


def cifra(valor: str):
    """(number, dimension) of a result's text: seconds for times, MiB for memory; None if none."""
    encontrada = _CIFRA.search(valor or "")
    if not encontrada:
        return None
    numero, unidad = float(encontrada.group(1).replace(",", "")), encontrada.group(2)
    if unidad == "MiB":
        return numero, "MiB"
    return numero * _SEGUNDOS[unidad], "s"


def veredicto(crecimiento: float, factor: float) -> str:
    """How a figure grew when the data grew `factor` times."""
    if crecimiento <= 1.5:
        return "no crece con los datos"
    if crecimiento <= factor * 1.25:
        return "lineal (o menos)"
    return f"**más que lineal** ({crecimiento / factor:.1f}× lo lineal)"


def _clave(seccion, nombre):
    # The same measurement at both scales: "seed_demo --cuentas 200,000" ~ "--cuentas 1,000,000".
    return seccion + "|" + _NUMERO.sub("#", nombre)


def _ruta(escala, directorio=None):
    return Path(directorio or RAIZ / "var" / "bench") / f"resultados-{escala}.json"


def resultados_guardar(escala, resultados, directorio=None) -> dict:
    """Merge this run's results into the scale's file; returns everything kept for the scale."""
    ruta = _ruta(escala, directorio)
    guardados = resultados_leer(escala, directorio)
    for r in resultados:
        guardados[_clave(r.seccion, r.nombre)] = {
            "seccion": r.seccion,
            "nombre": r.nombre,
            "valor": r.valor,
        }
    ruta.parent.mkdir(parents=True, exist_ok=True)
    ruta.write_text(json.dumps(guardados, indent=1, ensure_ascii=False), encoding="utf-8")
    return guardados


def resultados_leer(escala, directorio=None) -> dict:
    try:
        return json.loads(_ruta(escala, directorio).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def comparacion(base: dict, grande: dict, factor: float) -> list[tuple]:
    """Rows (measurement, at 200k, at 1M, growth, verdict) for the measurements of both scales."""
    filas = []
    for clave, medida in base.items():
        otra = grande.get(clave)
        if otra is None:
            continue
        a, b = cifra(medida["valor"]), cifra(otra["valor"])
        if a and b and a[1] == b[1] and a[0] > 0:
            crecimiento = b[0] / a[0]
            filas.append(
                (
                    medida["nombre"],
                    medida["valor"],
                    otra["valor"],
                    f"{crecimiento:.1f}×",
                    veredicto(crecimiento, factor),
                )
            )
        else:
            filas.append((medida["nombre"], medida["valor"], otra["valor"], "—", ""))
    return filas


def seccion_escala(directorio=None) -> str | None:
    """The «Escala» section, or None while one of the two scales has not been measured."""
    from .informe import tabla

    base, grande = resultados_leer(BASE, directorio), resultados_leer(GRANDE, directorio)
    if not base or not grande:
        return None
    factor = ESCALAS[GRANDE] / ESCALAS[BASE]
    filas = comparacion(base, grande, factor)
    encabezado = ("medición", "200k cuentas", "1M cuentas", "crecimiento", "veredicto")
    return "\n".join(
        [
            "## Escala: 200k y 1M cuentas",
            "",
            f"Las mismas mediciones sobre 200,000 y 1,000,000 cuentas × 24 meses (datos "
            f"{factor:g}× mayores), cada una de su última corrida (`make bench` y "
            "`BENCH_ESCALA=1m make bench`). Crecimiento = cifra a 1M / cifra a 200k; "
            f"«lineal» es hasta {factor * 1.25:g}×, «no crece» hasta 1.5×. Las cifras de una "
            "corrida con carga alta no se comparan bien con las de una tranquila: vea la carga "
            "en cada sección.",
            "",
            tabla(filas, encabezado),
        ]
    )
