"""Scheduled ledger jobs (their schedules: migration 0004_horarios, editable in the admin).

Thin and safe to repeat: recargos are idempotent per cartera and month
(CorridaRecargos), and the conciliation only rewrites balances from the ledger.
"""

import logging

from celery import shared_task

from cobranza.ejecuciones import registrar_ejecucion
from cobranza.services.conciliacion import saldos_conciliar
from cobranza.services.recargos import periodo_leer, recargos_generar
from padron.auditoria import actuando_como
from padron.fechas import hoy
from padron.models import Cartera

log = logging.getLogger(__name__)


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 3})
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


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 3})
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


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 3})
@registrar_ejecucion("cobranza.tasks.revisar_promesas", clave=lambda dia=None: dia)
def revisar_promesas(dia=None):
    """Daily: settle the promesas de pago against the ledger (`dia` 'aaaa-mm-dd', default today).

    Idempotent: only vigente promesas are looked at, and a settled one stays settled.
    """
    from datetime import date

    from cobranza.services.promesas import promesas_revisar

    with actuando_como():
        revision = promesas_revisar(dia=date.fromisoformat(dia) if dia else hoy())
    return {
        "dia": f"{revision.dia:%Y-%m-%d}",
        "cumplidas": revision.cumplidas,
        "incumplidas": revision.incumplidas,
        "vigentes": revision.vigentes,
    }


@shared_task(autoretry_for=(Exception,), retry_backoff=60, retry_kwargs={"max_retries": 3})
@registrar_ejecucion("cobranza.tasks.barrer_ordenes_corte", clave=lambda dia=None: dia)
def barrer_ordenes_corte(dia=None):
    """Every half hour: cancel pending corte orders that no longer apply (paid, convenio) and
    issue the missing reconexiones (`dia` 'aaaa-mm-dd', default today). Safe to repeat."""
    from datetime import date

    from cobranza.services.cortes_campo import ordenes_corte_barrer

    with actuando_como() as sistema:
        barrido = ordenes_corte_barrer(
            dia=date.fromisoformat(dia) if dia else hoy(), usuario=sistema
        )
    return {
        "dia": f"{barrido.dia:%Y-%m-%d}",
        "canceladas": barrido.canceladas,
        "reconexiones": barrido.reconexiones,
    }


@shared_task(
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_kwargs={"max_retries": 5},
)
def reportes_mensuales(periodo=None):
    """Day 1 at 06:00: the previous month's reports of every active cartera (`periodo`
    'aaaa-mm' for another month), e-mailed to gerencia with the recuperación PDFs.

    Once per period: the EjecucionTarea row keyed by the period, once ok, means the e-mail
    went; running it again does nothing. A retry keeps the reports already stored.
    """
    from cobranza.reportes.comun import periodo_leer as leer_periodo
    from cobranza.reportes.comun import periodo_por_omision
    from cobranza.reportes.correo import reportes_mensuales_enviar

    mes = leer_periodo(periodo) if periodo else periodo_por_omision()
    clave = f"{mes:%Y-%m}"
    with registrar_ejecucion("cobranza.tasks.reportes_mensuales", clave, una_vez=True) as ejecucion:
        if ejecucion.omitir:
            return {"periodo": clave, "repetida": True}
        with actuando_como() as sistema:
            ejecucion.resultado = reportes_mensuales_enviar(periodo=mes, usuario=sistema)
    return {**ejecucion.resultado, "repetida": False}
