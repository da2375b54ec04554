"""N concurrent clients (threads, keep-alive) for a bounded time and number of requests.

The clients share the server's cores, so they are kept cheap: the standard library's
http.client on one kept-alive connection each, about a third of httpx's CPU per request
(the phase records what the clients spent, `cpu_clientes_s`)."""

import contextlib
import http.client
import json
import random
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from .estadistica import resumen

ERRORES_DE_TRANSPORTE = (http.client.HTTPException, OSError)


class Conexion:
    """One kept-alive HTTP/1.1 connection; reconnects once if the server closed it."""

    def __init__(self, url_base: str, cabeceras: dict, timeout: float = 30):
        partes = urlsplit(url_base)
        self._destino = (partes.hostname, partes.port or 80, timeout)
        self._cabeceras = dict(cabeceras)
        self._http = None

    def pedir(self, metodo, ruta, *, datos=None, params=None, cabeceras=None):
        """(status, body bytes) of one request; `datos` goes as a JSON body."""
        if params:
            ruta = f"{ruta}?{urlencode(params)}"
        cabeceras = {**self._cabeceras, **(cabeceras or {})}
        cuerpo = None
        if datos is not None:
            cuerpo = json.dumps(datos).encode()
            cabeceras["Content-Type"] = "application/json"
        for intento in (1, 2):
            if self._http is None:
                host, puerto, timeout = self._destino
                self._http = http.client.HTTPConnection(host, puerto, timeout=timeout)
            try:
                self._http.request(metodo, ruta, body=cuerpo, headers=cabeceras)
                respuesta = self._http.getresponse()
                return respuesta.status, respuesta.read()
            except ERRORES_DE_TRANSPORTE:
                # An idle kept-alive connection the server dropped. A repeated payment is
                # safe: it carries its Idempotency-Key, so the server answers the first one.
                self.cerrar()
                if intento == 2:
                    raise

    def cerrar(self):
        if self._http is not None:
            self._http.close()
            self._http = None


@dataclass
class Fase:
    latencias: list = field(default_factory=list)
    errores: int = 0
    ejemplos_error: list = field(default_factory=list)
    duracion: float = 0.0
    cpu_clientes_s: float = 0.0  # the load generator's own CPU over the phase

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
    """Run `peticion(rng) -> (método, ruta, kwargs of Conexion.pedir)` from `clientes` threads.

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
        conexion = Conexion(url_base, cabeceras)
        try:
            _peticiones(rng, conexion)
        finally:
            conexion.cerrar()

    def _peticiones(rng, conexion):
        for _ in range(calentamiento):
            metodo, ruta, kwargs = peticion(rng)
            with contextlib.suppress(*ERRORES_DE_TRANSPORTE):
                conexion.pedir(metodo, ruta, **kwargs)
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
                estado, cuerpo = conexion.pedir(metodo, ruta, **kwargs)
                ok, detalle = 200 <= estado < 300, f"{estado} {ruta}"
                if not ok:
                    detalle += f" {_motivo(cuerpo)}"
            except ERRORES_DE_TRANSPORTE as exc:
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
    inicio, cpu_inicio = time.perf_counter(), time.process_time()
    fin[0] = inicio + duracion_s
    inicio_marca.set()
    for hilo in hilos:
        hilo.join(timeout=duracion_s + 120)
    fase.duracion = time.perf_counter() - inicio
    fase.cpu_clientes_s = time.process_time() - cpu_inicio
    return fase


def _motivo(cuerpo: bytes) -> str:
    """A short reason for an error answer: the API's message, or an HTML page's title."""
    texto = cuerpo.decode("utf-8", "replace")
    try:
        return str(json.loads(texto)["error"]["mensaje"])[:120]
    except (ValueError, KeyError, TypeError):
        pass
    titulo = re.search(r"<title>(.*?)</title>", texto, re.IGNORECASE | re.DOTALL)
    if titulo:
        texto = titulo.group(1)
    return " ".join(texto.split()).replace("`", "'")[:120]
