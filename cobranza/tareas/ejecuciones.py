"""What the supervisor sees of a scheduled job: one EjecucionTarea row per (tarea, clave).

    with registrar_ejecucion("cobranza.tasks.reportes_mensuales", "2026-10", una_vez=True) as e:
        if e.omitir:  # this key already ran to the end, or another worker is running it
            return e.resultado_anterior
        ...
        e.resultado = {"reportes": 4}

or, on a task function (the return value becomes the result):

    @shared_task(...)
    @registrar_ejecucion("cobranza.tasks.conciliar_saldos")  # key: today's date
    def conciliar_saldos(): ...

    @registrar_ejecucion("...", clave=lambda periodo=None: periodo or f"{hoy():%Y-%m}")

The row says corriendo while the body runs, ok with a summary when it ends, and
reintentando or fallida with the error when it raises (Celery's autoretry decides which:
the task's retries so far against its max_retries). The row is written in its own short
transactions, outside the body's, so a body that rolls back still leaves its failure seen.

A worker killed mid-run (kill -9, out of memory, a host restart) cannot write anything: its
row would say corriendo forever. So a running row holds a lease (`vence`), renewed by a
heartbeat thread every third of it while the body runs. A row still corriendo past its lease
belongs to a dead worker: the next attempt (the message Celery redelivers, acks_late, or the
next send) takes it over and runs the body again. Bodies are idempotent (what they store is
keyed by period), so redoing one leaves one complete result.
"""

import json
import threading
from datetime import timedelta
from functools import wraps

from celery import current_task
from django.conf import settings
from django.db import connection, transaction

from cobranza.models import EjecucionTarea
from padron.fechas import ahora, hoy

Estado = EjecucionTarea.Estado
MAXIMO_TEXTO = 4000


def plazo() -> timedelta:
    """How long a running row stays its worker's without a heartbeat (settings, 5 min)."""
    return timedelta(seconds=getattr(settings, "TAREAS_PLAZO_SEGUNDOS", 300))


class _Latido(threading.Thread):
    """Renews the lease of one running row until stopped (its own database connection)."""

    def __init__(self, pk):
        super().__init__(daemon=True, name=f"latido-ejecucion-{pk}")
        self.pk = pk
        self.alto = threading.Event()

    def run(self):
        try:
            while not self.alto.wait(plazo().total_seconds() / 3):
                EjecucionTarea.objects.filter(pk=self.pk, estado=Estado.CORRIENDO).update(
                    vence=ahora() + plazo()
                )
        finally:
            connection.close()

    def detener(self):
        self.alto.set()
        self.join()


def _texto(resultado) -> str:
    if resultado is None:
        return ""
    if isinstance(resultado, str):
        return resultado[:MAXIMO_TEXTO]
    return json.dumps(resultado, ensure_ascii=False, default=str)[:MAXIMO_TEXTO]


def _se_reintentara(tarea_celery) -> bool:
    """True when Celery's autoretry will run this task again after the current error."""
    tarea = tarea_celery or current_task
    if tarea is None or getattr(tarea, "request", None) is None:
        return False
    maximo = getattr(tarea, "max_retries", None)
    if getattr(tarea, "retry_kwargs", None):
        maximo = tarea.retry_kwargs.get("max_retries", maximo)
    retries = getattr(tarea.request, "retries", 0) or 0
    return bool(getattr(tarea, "autoretry_for", ())) and (maximo is None or retries < maximo)


class registrar_ejecucion:  # noqa: N801 (used like a function: `with registrar_ejecucion(...)`)
    def __init__(self, tarea: str, clave="", *, una_vez=False, tarea_celery=None):
        self.tarea = tarea
        self.clave = clave  # a str, or (decorator) a function of the task's arguments
        self.una_vez = una_vez  # True: a key that ended ok is not run again
        self.tarea_celery = tarea_celery
        self.resultado = None
        self.fila = None
        self.terminada_antes = False
        self.en_curso_en_otro = False
        self.resultado_anterior = None
        self.latido = None

    # ---- context manager -------------------------------------------------------------
    def __enter__(self):
        instante = ahora()
        with transaction.atomic():
            fila, creada = EjecucionTarea.objects.select_for_update().get_or_create(
                tarea=self.tarea,
                clave=str(self.clave),
                defaults={
                    "estado": Estado.CORRIENDO,
                    "inicio": instante,
                    "vence": instante + plazo(),
                    "intentos": 1,
                },
            )
            if not creada:
                self._tomar(fila, instante)
        self.fila = fila
        if not self.omitir:
            self.latido = _Latido(fila.pk)
            self.latido.start()
        return self

    def _tomar(self, fila, instante):
        if fila.estado == Estado.OK and self.una_vez:
            self.terminada_antes = True
            self.resultado_anterior = fila.resultado
            return
        # Rows written before the lease existed keep the old two hours.
        vence = fila.vence or fila.inicio + timedelta(hours=2)
        if fila.estado == Estado.CORRIENDO and instante < vence:
            self.en_curso_en_otro = True  # its worker is alive: it renewed the lease
            return
        # A retry of the same run counts its attempts, and so does taking over the run of a
        # dead worker (corriendo past its lease); a new run starts at one.
        continua = fila.estado in (Estado.REINTENTANDO, Estado.CORRIENDO)
        fila.intentos = fila.intentos + 1 if continua else 1
        fila.estado, fila.inicio, fila.fin, fila.resultado = Estado.CORRIENDO, instante, None, ""
        fila.vence = instante + plazo()
        fila.save(update_fields=["estado", "intentos", "inicio", "fin", "resultado", "vence"])

    @property
    def omitir(self) -> bool:
        """Nothing to do: the key already finished, or another worker is running it."""
        return self.terminada_antes or self.en_curso_en_otro

    def __exit__(self, tipo, error, traza):
        if self.omitir:
            return False
        if self.latido:
            self.latido.detener()
        if error is None:
            estado, texto = Estado.OK, _texto(self.resultado)
        else:
            estado = Estado.REINTENTANDO if _se_reintentara(self.tarea_celery) else Estado.FALLIDA
            texto = _texto(f"{tipo.__name__}: {error}")
        EjecucionTarea.objects.filter(pk=self.fila.pk).update(
            estado=estado, fin=ahora(), resultado=texto, vence=None
        )
        return False  # never swallow the error: Celery retries on it

    # ---- decorator -------------------------------------------------------------------
    def __call__(self, funcion):
        tarea, clave = self.tarea, self.clave

        @wraps(funcion)
        def envuelta(*args, **kwargs):
            llave = (clave(*args, **kwargs) if callable(clave) else clave) or f"{hoy():%Y-%m-%d}"
            with registrar_ejecucion(tarea, llave) as ejecucion:
                if ejecucion.en_curso_en_otro:
                    return None
                ejecucion.resultado = funcion(*args, **kwargs)
                return ejecucion.resultado

        return envuelta
