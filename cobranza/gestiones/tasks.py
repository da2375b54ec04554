"""The daily check of promesas de pago (schedule: migration 0008_horario_promesas)."""

from celery import shared_task

from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como
from padron.fechas import hoy


@shared_task(
    name="cobranza.tasks.revisar_promesas",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.revisar_promesas", clave=lambda dia=None: dia)
def revisar_promesas(dia=None):
    """Daily: settle the promesas de pago against the ledger (`dia` 'aaaa-mm-dd', default today).

    Idempotent: only vigente promesas are looked at, and a settled one stays settled.
    """
    from datetime import date

    from cobranza.gestiones.services import promesas_revisar

    with actuando_como():
        revision = promesas_revisar(dia=date.fromisoformat(dia) if dia else hoy())
    return {
        "dia": f"{revision.dia:%Y-%m-%d}",
        "cumplidas": revision.cumplidas,
        "incumplidas": revision.incumplidas,
        "vigentes": revision.vigentes,
    }
