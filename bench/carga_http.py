"""N concurrent clients (threads, keep-alive) for a bounded time and number of requests."""

import contextlib
import random
import re
import threading
import time
from dataclasses import dataclass, field

import httpx

from .estadistica import resumen


@dataclass
class Fase:
    latencias: list = field(default_factory=list)
    errores: int = 0
    ejemplos_error: list = field(default_factory=list)
    duracion: float = 0.0

    def resumen(self):
        return resumen(self.latencias, self.errores, self.duracion)


def correr(
    url_base: str,
    peticion,
    *,
    clientes: int,
    duracion_s: float,
    max_peticiones: int,
    cabeceras: dict,
    semilla: int = 1,
    calentamiento: int = 0,
    pausa_s: float = 0.0,
) -> Fase:
    """Run `peticion(rng) -> (método, ruta, kwargs)` from `clientes` threads.

    Stops at `duracion_s` or after `max_peticiones` in total, whichever comes
    first. Any non-2xx answer or transport error counts as an error. With
    `pausa_s` each client waits a random 0.5-1.5 × pausa_s between requests
    (a clerk reading the screen), and starts after a random 0-1 × pausa_s: clerks do
    not all press Enter at the same instant, and a first wave of `clientes` requests
    together would be 5 % of a 20 s phase, the whole p95. Without it the clients
    saturate the server from the start.
    """
    fase = Fase()
    candado = threading.Lock()
    restantes = [max_peticiones]
    listos = threading.Barrier(clientes + 1)
    inicio_marca = threading.Event()
    fin = [float("inf")]

    def cliente(numero):
        try:
            _cliente(numero)
        except BaseException:
            listos.abort()  # never leave the others waiting at the barrier
            raise

    def _cliente(numero):
        rng = random.Random(semilla * 1000 + numero)
        with httpx.Client(base_url=url_base, headers=cabeceras, timeout=30) as http:
            for _ in range(calentamiento):
                metodo, ruta, kwargs = peticion(rng)
                with contextlib.suppress(httpx.HTTPError):
                    http.request(metodo, ruta, **kwargs)
            listos.wait()
            inicio_marca.wait()
            if pausa_s:
                time.sleep(pausa_s * rng.uniform(0, 1))
            while time.perf_counter() < fin[0]:
                with candado:
                    if restantes[0] <= 0:
                        return
                    restantes[0] -= 1
                metodo, ruta, kwargs = peticion(rng)
                t0 = time.perf_counter()
                try:
                    respuesta = http.request(metodo, ruta, **kwargs)
                    ok, detalle = respuesta.is_success, f"{respuesta.status_code} {ruta}"
                    if not ok:
                        detalle += f" {_motivo(respuesta)}"
                except httpx.HTTPError as exc:
                    ok, detalle = False, f"{type(exc).__name__} {ruta}"
                transcurrido = time.perf_counter() - t0
                with candado:
                    if ok:
                        fase.latencias.append(transcurrido)
                    else:
                        fase.errores += 1
                        if len(fase.ejemplos_error) < 3 and detalle not in fase.ejemplos_error:
                            fase.ejemplos_error.append(detalle)
                if pausa_s:
                    time.sleep(pausa_s * rng.uniform(0.5, 1.5))

    hilos = [threading.Thread(target=cliente, args=(n,), daemon=True) for n in range(clientes)]
    for hilo in hilos:
        hilo.start()
    listos.wait(timeout=300)  # every client connected and warmed up
    inicio = time.perf_counter()
    fin[0] = inicio + duracion_s
    inicio_marca.set()
    for hilo in hilos:
        hilo.join(timeout=duracion_s + 120)
    fase.duracion = time.perf_counter() - inicio
    return fase


def _motivo(respuesta) -> str:
    """A short reason for an error answer: the API's message, or an HTML page's title."""
    try:
        return str(respuesta.json()["error"]["mensaje"])[:120]
    except (ValueError, KeyError, TypeError):
        pass
    texto = respuesta.text
    titulo = re.search(r"<title>(.*?)</title>", texto, re.IGNORECASE | re.DOTALL)
    if titulo:
        texto = titulo.group(1)
    return " ".join(texto.split()).replace("`", "'")[:120]
