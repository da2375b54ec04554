"""Scheduled ledger jobs (their schedules: migration 0004_horarios, editable in the admin).

Thin and safe to repeat: recargos are idempotent per cartera and month
(CorridaRecargos), and the conciliation only rewrites balances from the ledger.
"""

import logging

from celery import shared_task

from cobranza.libro.services.conciliacion import saldos_conciliar
from cobranza.libro.services.recargos import periodo_leer, recargos_generar
from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como
from padron.fechas import hoy
from padron.models import Cartera

log = logging.getLogger(__name__)


@shared_task(
    name="cobranza.tasks.generar_recargos_mensuales",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion(
    "cobranza.tasks.generar_recargos_mensuales",
    clave=lambda periodo=None: periodo or f"{hoy():%Y-%m}",
)
def generar_recargos_mensuales(periodo=None):
    """Charge the month's recargos on every active cartera (`periodo` 'aaaa-mm', default this month)."""
    mes = periodo_leer(periodo) if periodo else hoy().replace(day=1)
    resumen = []
    with actuando_como() as sistema:
        for cartera in Cartera.objects.filter(activa=True).order_by("clave"):
            corrida = recargos_generar(cartera=cartera, periodo=mes, usuario=sistema)
            resumen.append(
                {
                    "cartera": cartera.clave,
                    "periodo": f"{mes:%Y-%m}",
                    "cuentas": corrida.cuentas,
                    "total": str(corrida.total),
                    "repetida": corrida.repetida,
                }
            )
    return resumen


@shared_task(
    name="cobranza.tasks.conciliar_saldos",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_kwargs={"max_retries": 3},
)
@registrar_ejecucion("cobranza.tasks.conciliar_saldos")
def conciliar_saldos():
    """Nightly: report balance differences, then recompute every balance for the new day."""
    with actuando_como():
        resultado = saldos_conciliar()
    for linea in resultado.lineas():
        log.info(linea)
    return {
        "dia": f"{resultado.dia:%Y-%m-%d}",
        "diferencias": len(resultado.diferencias),
        "del_libro": len(resultado.del_libro),
        "cuentas": resultado.cuentas,
        "recalculadas": resultado.corregidas,
    }
