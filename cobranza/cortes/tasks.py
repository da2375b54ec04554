"""The half-hourly sweep of corte orders (schedule: migration 0010_horario_cortes)."""

from celery import shared_task

from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como
from padron.fechas import hoy


@shared_task(
    name="cobranza.tasks.barrer_ordenes_corte",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.barrer_ordenes_corte", clave=lambda dia=None: dia)
def barrer_ordenes_corte(dia=None):
    """Every half hour: cancel pending corte orders that no longer apply (paid, convenio) and
    issue the missing reconexiones (`dia` 'aaaa-mm-dd', default today). Safe to repeat."""
    from datetime import date

    from cobranza.cortes.services.campo import ordenes_corte_barrer

    with actuando_como() as sistema:
        barrido = ordenes_corte_barrer(
            dia=date.fromisoformat(dia) if dia else hoy(), usuario=sistema
        )
    return {
        "dia": f"{barrido.dia:%Y-%m-%d}",
        "canceladas": barrido.canceladas,
        "reconexiones": barrido.reconexiones,
    }
