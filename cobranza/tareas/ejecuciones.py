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
"""

import json
from datetime import timedelta
from functools import wraps

from celery import current_task
from django.db import transaction

from cobranza.models import EjecucionTarea
from padron.fechas import ahora, hoy

Estado = EjecucionTarea.Estado
# A row left "corriendo" longer than this is a worker that died: a new run may take over.
ABANDONADA = timedelta(hours=2)
MAXIMO_TEXTO = 4000


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

    # ---- context manager -------------------------------------------------------------
    def __enter__(self):
        instante = ahora()
        with transaction.atomic():
            fila, creada = EjecucionTarea.objects.select_for_update().get_or_create(
                tarea=self.tarea,
                clave=str(self.clave),
                defaults={"estado": Estado.CORRIENDO, "inicio": instante, "intentos": 1},
            )
            if not creada:
                self._tomar(fila, instante)
        self.fila = fila
        return self

    def _tomar(self, fila, instante):
        if fila.estado == Estado.OK and self.una_vez:
            self.terminada_antes = True
            self.resultado_anterior = fila.resultado
            return
        if fila.estado == Estado.CORRIENDO and instante - fila.inicio < ABANDONADA:
            self.en_curso_en_otro = True
            return
        # A retry of the same run counts its attempts; a new run starts at one.
        fila.intentos = fila.intentos + 1 if fila.estado == Estado.REINTENTANDO else 1
        fila.estado, fila.inicio, fila.fin, fila.resultado = Estado.CORRIENDO, instante, None, ""
        fila.save(update_fields=["estado", "intentos", "inicio", "fin", "resultado"])

    @property
    def omitir(self) -> bool:
        """Nothing to do: the key already finished, or another worker is running it."""
        return self.terminada_antes or self.en_curso_en_otro

    def __exit__(self, tipo, error, traza):
        if self.omitir:
            return False
        if error is None:
            estado, texto = Estado.OK, _texto(self.resultado)
        else:
            estado = Estado.REINTENTANDO if _se_reintentara(self.tarea_celery) else Estado.FALLIDA
            texto = _texto(f"{tipo.__name__}: {error}")
        EjecucionTarea.objects.filter(pk=self.fila.pk).update(
            estado=estado, fin=ahora(), resultado=texto
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
