"""The monthly reports to gerencia (schedule: migration 0011_horario_reportes), the monthly
close, and the gerencia dashboard's aging kept warm (0029_horario_tablero)."""

from celery import shared_task

from cobranza.tareas.ejecuciones import registrar_ejecucion
from padron.auditoria import actuando_como


@shared_task(
    name="cobranza.tasks.reportes_mensuales",  # the name beat's table and /tareas/ know it by
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


@shared_task(
    name="cobranza.tasks.cerrar_meses",  # the name beat's table and /tareas/ know it by
    autoretry_for=(Exception,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_kwargs={"max_retries": 5},
)
def cerrar_meses(periodo=None):
    """Days 1-3 at 02:00: close the previous month of every active cartera (`periodo`
    'aaaa-mm' for another finished month): write its snapshot once.

    Idempotent: a month already closed is skipped (cierres.cerrar_mes), so the runs of days 2
    and 3 only finish what day 1 could not, and a redelivered message writes nothing twice.
    """
    from cobranza.reportes.cierres import meses_cerrar
    from cobranza.reportes.comun import periodo_leer
    from cobranza.reportes.recuperacion import ultimo_mes_cerrable

    mes = periodo_leer(periodo) if periodo else ultimo_mes_cerrable()
    clave = f"{mes:%Y-%m}"
    with registrar_ejecucion("cobranza.tasks.cerrar_meses", clave) as ejecucion:
        if ejecucion.omitir:
            return {"periodo": clave, "repetida": True}
        hechos = meses_cerrar(desde=mes, hasta=mes)
        ejecucion.resultado = {
            "periodo": clave,
            "cerrados": sum(h.escrito for h in hechos),
            "ya_cerrados": sum(not h.escrito for h in hechos),
        }
    return {**ejecucion.resultado, "repetida": False}


@shared_task(name="cobranza.tasks.tablero_calentar")
def tablero_calentar():
    """Every 4 minutes: today's aging of the gerencia dashboard summed into the cache, which
    keeps it 5 (cobranza/reportes/tablero.py). No retries: the next run is 4 minutes away,
    and a page that finds the cache empty sums it itself."""
    from cobranza.reportes.tablero import antiguedad_calentar

    return {"carteras": antiguedad_calentar()}
