"""Nightly jobs beside a hand-written SQL that gives the same answer, timed in the same run.

- conciliar_saldos: `saldos_conciliar()` (finds the differences and writes only those rows)
  against one hand query that counts the cuentas whose kept balance differs from the ledger.
- recargos: `recargos_generar` for next month on the largest cartera against one hand
  statement with the same writes (cargos, their history rows, the saldo updates). Both run
  inside a transaction that is rolled back, so the bench database keeps no recargo.

Each figure is the median of CORRIDAS runs; the load is noted beside it.
"""

import os
import statistics
import time
from datetime import date

from django.db import connection, transaction

from .mediciones import Resultado, medicion, tablas_limpiar

SECCION = "nocturnas"
CORRIDAS = 3
META = 1.5


class _Deshacer(Exception):
    pass


def _cronometrar(funcion):
    """Run `funcion` inside a transaction rolled back at the end: (seconds, its result)."""
    resultado = None
    inicio = time.perf_counter()
    try:
        with transaction.atomic():
            resultado = funcion()
            segundos = time.perf_counter() - inicio
            raise _Deshacer
    except _Deshacer:
        pass
    return segundos, resultado


def _medianas(proyecto, referencia):
    """Alternate project and reference CORRIDAS times; medians and the last results."""
    tiempos_p, tiempos_r = [], []
    for _ in range(CORRIDAS):
        s, res_p = _cronometrar(proyecto)
        tiempos_p.append(s)
        s, res_r = _cronometrar(referencia)
        tiempos_r.append(s)
    return statistics.median(tiempos_p), statistics.median(tiempos_r), res_p, res_r


def _carga():
    return "carga {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# ---- conciliar_saldos ------------------------------------------------------------------

SQL_CONCILIAR = """
    SELECT COUNT(*) FROM padron_cuenta cu
    LEFT JOIN cobranza_saldocuenta s ON s.cuenta_id = cu.id
    LEFT JOIN (
        SELECT cuenta_id, SUM(saldo) AS saldo,
               SUM(saldo) FILTER (WHERE fecha_vencimiento < %(dia)s) AS vencido,
               MIN(fecha_vencimiento) FILTER (WHERE fecha_vencimiento < %(dia)s) AS antiguo,
               COUNT(DISTINCT periodo) FILTER (
                   WHERE fecha_vencimiento < %(dia)s AND concepto = ANY(%(principal)s)) AS meses
        FROM cobranza_cargo WHERE saldo > 0 GROUP BY cuenta_id
    ) c ON c.cuenta_id = cu.id
    LEFT JOIN (
        SELECT cuenta_id, SUM(remanente) AS a_favor FROM cobranza_pago
        WHERE remanente > 0 AND estado = 'aplicado' GROUP BY cuenta_id
    ) p ON p.cuenta_id = cu.id
    LEFT JOIN (
        SELECT DISTINCT ON (cuenta_id) cuenta_id, fecha, monto FROM cobranza_pago
        WHERE estado = 'aplicado' ORDER BY cuenta_id, fecha DESC, id DESC
    ) u ON u.cuenta_id = cu.id
    WHERE s.cuenta_id IS NULL
       OR s.saldo <> COALESCE(c.saldo, 0)
       OR s.saldo_vencido <> COALESCE(c.vencido, 0)
       OR s.saldo_a_favor <> COALESCE(p.a_favor, 0)
       OR s.vencimiento_mas_antiguo IS DISTINCT FROM c.antiguo
       OR s.meses_vencidos <> COALESCE(c.meses, 0)
       OR s.ultimo_pago_fecha IS DISTINCT FROM u.fecha
       OR s.ultimo_pago_monto IS DISTINCT FROM u.monto
"""


@medicion()
def conciliar_saldos_sql(contexto):
    from cobranza.libro.services.conciliacion import saldos_conciliar
    from cobranza.models import CONCEPTOS_PRINCIPAL
    from padron.fechas import hoy

    dia = hoy()

    def referencia():
        with connection.cursor() as cursor:
            cursor.execute(SQL_CONCILIAR, {"dia": dia, "principal": list(CONCEPTOS_PRINCIPAL)})
            return cursor.fetchone()[0]

    def proyecto():
        resultado = saldos_conciliar(dia=dia)
        return resultado.cuentas, resultado.corregidas

    t_p, t_r, (cuentas, corregidas), cuentas_sql = _medianas(proyecto, referencia)
    razon = t_p / t_r
    return [
        Resultado(
            SECCION,
            f"conciliar saldos (`saldos_conciliar()`, corrige solo lo que difiere), mediana de "
            f"{CORRIDAS}",
            f"{t_p:,.2f} s: {cuentas:,} cuentas con diferencias, {corregidas:,} renglones escritos",
        ),
        Resultado(
            SECCION,
            "conciliar saldos: SQL a mano que cuenta las mismas diferencias",
            f"{t_r:,.2f} s: {cuentas_sql:,} cuentas",
            "referencia",
        ),
        Resultado(
            SECCION,
            f"conciliar saldos: razón proyecto / SQL ({_carga()})",
            f"{razon:.2f}",
            f"≤ {META}",
            razon <= META and cuentas == cuentas_sql,
        ),
    ]


# ---- recargos ----------------------------------------------------------------------------

SQL_RECARGOS = """
    WITH montos AS (
        SELECT c.cuenta_id,
               SUM(c.saldo) FILTER (WHERE c.concepto = ANY(%(principal)s)
                                    AND c.fecha_vencimiento < %(limite)s) AS base,
               SUM(c.saldo) FILTER (WHERE c.concepto = 'recargo') AS pendientes
        FROM cobranza_cargo c JOIN padron_cuenta cu ON cu.id = c.cuenta_id
        WHERE cu.cartera_id = %(cartera)s AND c.saldo > 0 AND c.estado = 'vigente'
          AND NOT EXISTS (SELECT 1 FROM cobranza_cargo r WHERE r.cuenta_id = c.cuenta_id
                          AND r.concepto = 'recargo' AND r.periodo = %(periodo)s)
        GROUP BY c.cuenta_id
    ), cobrar AS (
        SELECT cuenta_id, base,
               LEAST(ROUND(base * %(tasa)s / 100, 2),
                     ROUND(base * %(tope)s / 100, 2) - COALESCE(pendientes, 0)) AS monto
        FROM montos WHERE base > 0
    ), nuevos AS (
        INSERT INTO cobranza_cargo (cuenta_id, concepto, servicio, periodo, fecha_emision,
            fecha_vencimiento, monto, saldo, descripcion, estado, registrado_por_id, creado)
        SELECT cuenta_id, 'recargo', %(servicio)s, %(periodo)s, %(dia)s, %(dia)s, monto, monto,
               %(prefijo)s || '$' || to_char(base, 'FM999,999,999,999,990.00')
                   || ' de adeudo vencido',
               'vigente', NULL, now()
        FROM cobrar WHERE monto > 0
        RETURNING *
    ), historia AS (
        INSERT INTO cobranza_historicalcargo (id, concepto, servicio, periodo, fecha_emision,
            fecha_vencimiento, monto, saldo, volumen_m3, descripcion, estado, creado, cuenta_id,
            registrado_por_id, autorizado_por_id, corrida_id, parcialidad_credito_id,
            history_date, history_change_reason, history_type, history_user_id)
        SELECT id, concepto, servicio, periodo, fecha_emision, fecha_vencimiento, monto, saldo,
               volumen_m3, descripcion, estado, creado, cuenta_id, registrado_por_id,
               autorizado_por_id, corrida_id, parcialidad_credito_id,
               now(), %(motivo)s, '+', NULL
        FROM nuevos
    ), saldos AS (
        UPDATE cobranza_saldocuenta s SET saldo = s.saldo + n.monto
        FROM nuevos n WHERE s.cuenta_id = n.cuenta_id
    )
    SELECT COUNT(*), SUM(monto) FROM nuevos
"""


@medicion()
def recargos_sql(contexto):
    """Next month's recargos on the largest cartera (the seed has charged this month's)."""
    from cobranza.libro.services.recargos import recargos_generar
    from cobranza.models import CONCEPTOS_PRINCIPAL, Servicio
    from padron.fechas import hoy
    from padron.models import Cartera

    cartera = max(
        Cartera.objects.filter(cuentas__isnull=False).distinct(), key=lambda c: c.cuentas.count()
    )
    actual = hoy().replace(day=1)
    dia = date(actual.year + actual.month // 12, actual.month % 12 + 1, 1)
    tasa = cartera.tasa_recargo_mensual

    def referencia():
        with connection.cursor() as cursor:
            cursor.execute(
                SQL_RECARGOS,
                {
                    "principal": list(CONCEPTOS_PRINCIPAL),
                    "limite": date.fromordinal(dia.toordinal() - cartera.dias_gracia_recargo),
                    "cartera": cartera.pk,
                    "periodo": dia,
                    "tasa": tasa,
                    "tope": cartera.tope_recargos,
                    "servicio": Servicio.GENERAL.value,
                    "dia": dia,
                    "prefijo": f"Recargo {dia:%m/%Y}: {tasa.normalize():f}% sobre ",
                    "motivo": f"Recargos {dia:%m/%Y}",
                },
            )
            return cursor.fetchone()

    def proyecto():
        corrida = recargos_generar(cartera=cartera, periodo=dia, dia=dia)
        return corrida.cuentas, corrida.total

    t_p, t_r, (cuentas, total), (cuentas_sql, total_sql) = _medianas(proyecto, referencia)
    # Six rolled-back months of recargos: their rows are dead in the heap and the indexes.
    tablas_limpiar("cobranza_cargo", "cobranza_historicalcargo", "cobranza_saldocuenta")
    razon = t_p / t_r
    iguales = (cuentas, total) == (cuentas_sql, total_sql)
    if not iguales:
        contexto.nota(
            SECCION,
            f"Recargos: el proyecto cobra {cuentas:,} cuentas por ${total:,.2f} y el SQL "
            f"{cuentas_sql:,} por ${total_sql:,.2f}.",
        )
    return [
        Resultado(
            SECCION,
            f"recargos de {dia:%m/%Y}, {cartera.nombre} (`recargos_generar`: INSERT ... SELECT "
            f"de cargos e historial, saldos en un UPDATE), mediana de {CORRIDAS}",
            f"{t_p:,.2f} s: {cuentas:,} cuentas por ${total:,.2f}",
        ),
        Resultado(
            SECCION,
            "recargos: SQL a mano con las mismas escrituras (cargos, historial, saldos)",
            f"{t_r:,.2f} s: {cuentas_sql:,} cuentas por ${total_sql:,.2f}",
            "referencia",
        ),
        Resultado(
            SECCION,
            f"recargos: razón proyecto / SQL ({_carga()}); mismos montos: "
            f"{'sí' if iguales else 'no'}",
            f"{razon:.2f}",
            f"≤ {META}",
            razon <= META and iguales,
        ),
    ]
