"""Percentiles and latency summaries (pure Python, no numpy)."""

import math


def percentil(valores, p: float) -> float:
    """The p-th percentile (0-100) with linear interpolation between ranks (numpy's default)."""
    if not valores:
        raise ValueError("percentil de una lista vacía")
    if not 0 <= p <= 100:
        raise ValueError("p debe estar entre 0 y 100")
    ordenados = sorted(valores)
    posicion = (len(ordenados) - 1) * p / 100
    abajo, arriba = math.floor(posicion), math.ceil(posicion)
    if abajo == arriba:
        return float(ordenados[abajo])
    fraccion = posicion - abajo
    return ordenados[abajo] + (ordenados[arriba] - ordenados[abajo]) * fraccion


def resumen(latencias_s, errores: int, duracion_s: float) -> dict:
    """p50/p95/p99 in ms, requests per second and errors of one load phase."""
    n = len(latencias_s)
    if not n:
        return {
            "n": 0,
            "errores": errores,
            "p50_ms": None,
            "p95_ms": None,
            "p99_ms": None,
            "rps": 0,
        }
    return {
        "n": n,
        "errores": errores,
        "p50_ms": percentil(latencias_s, 50) * 1000,
        "p95_ms": percentil(latencias_s, 95) * 1000,
        "p99_ms": percentil(latencias_s, 99) * 1000,
        "rps": n / duracion_s if duracion_s > 0 else 0,
    }
