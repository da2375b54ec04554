"""The educational credit's monthly job at scale: the month's capital and interest charged for
every credit cuenta of the bench database in recovery (up to BENCH_CREDITOS, 30,000 by
default), beside the hand-written INSERT … SELECT that writes the same cargos, and the second
run of the same day (it charges nothing).

The schedules are laid down with SQL first (36 months each, the first due this month), and
everything runs inside one transaction rolled back at the end: the bench database is left as
it was.
"""

import os
import time

from django.db import connection

from .facturacion import _sin_dejar_rastro, _usuario, _x
from .mediciones import Resultado, medicion

SECCION = "credito"
META_PUBLICAR_S = 30.0
PLAZO = 36


def _cartera_credito():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.id FROM padron_cartera c JOIN padron_cuenta u ON u.cartera_id = c.id "
            "WHERE c.tipo = 'credito' GROUP BY c.id ORDER BY COUNT(*) DESC LIMIT 1"
        )
        fila = cursor.fetchone()
    return fila[0] if fila else None


def _tablas(cartera_id, cuantas, usuario, primer_vencimiento) -> int:
    """One schedule per cuenta, $36,000 at 6 % over 36 months, written by PostgreSQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO cobranza_tablaamortizacion (cuenta_id, version, capital, tasa_anual, "
            "plazo_meses, metodo, primer_vencimiento, vigente, motivo, generada, generada_por_id) "
            "SELECT u.id, 1, 36000, 6, %s, 'frances', %s, true, 'bench', now(), %s "
            "FROM padron_cuenta u WHERE u.cartera_id = %s "
            "AND NOT EXISTS (SELECT 1 FROM cobranza_tablaamortizacion t WHERE t.cuenta_id = u.id) "
            "ORDER BY u.id LIMIT %s",
            [PLAZO, primer_vencimiento, usuario.pk, cartera_id, cuantas],
        )
        creadas = cursor.rowcount
        cursor.execute(
            "INSERT INTO cobranza_parcialidadcredito (tabla_id, numero, vencimiento, capital, "
            "interes, pago, saldo_insoluto) "
            "SELECT t.id, n, (t.primer_vencimiento + (n - 1) * interval '1 month')::date, "
            "1000, 180 - 5 * (n - 1), 1180 - 5 * (n - 1), 36000 - 1000 * n "
            "FROM cobranza_tablaamortizacion t CROSS JOIN generate_series(1, %s) n "
            "WHERE t.motivo = 'bench'",
            [PLAZO],
        )
        cursor.execute("ANALYZE cobranza_tablaamortizacion")
        cursor.execute("ANALYZE cobranza_parcialidadcredito")
    return creadas


def _referencia(hasta) -> tuple[float, int]:
    """Hand SQL: the same cargos, one INSERT … SELECT per concepto (no history, no balances)."""
    inicio, filas = time.perf_counter(), 0
    with _sin_dejar_rastro(), connection.cursor() as cursor:
        for concepto in ("interes", "capital"):
            cursor.execute(
                "INSERT INTO cobranza_cargo (cuenta_id, concepto, servicio, periodo, fecha_emision, "
                "fecha_vencimiento, monto, saldo, descripcion, estado, parcialidad_credito_id, creado) "
                f"SELECT t.cuenta_id, %s, 'credito', date_trunc('month', p.vencimiento)::date, "
                f"date_trunc('month', p.vencimiento)::date, p.vencimiento, p.{concepto}, "
                f"p.{concepto}, 'bench', 'vigente', p.id, now() "
                "FROM cobranza_parcialidadcredito p JOIN cobranza_tablaamortizacion t "
                "ON t.id = p.tabla_id WHERE t.vigente AND p.vencimiento < %s "
                "AND NOT EXISTS (SELECT 1 FROM cobranza_cargo c "
                "WHERE c.parcialidad_credito_id = p.id AND c.concepto = %s)",
                [concepto, hasta, concepto],
            )
            filas += cursor.rowcount
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return time.perf_counter() - inicio, filas


@medicion()
def credito_mensualidades(contexto):
    from cobranza.credito.services import mensualidades_publicar
    from padron.fechas import hoy, sumar_meses

    cartera_id = _cartera_credito()
    if cartera_id is None:
        return [Resultado(SECCION, "mensualidades del crédito", "sin cartera de crédito")]
    cuantas = int(os.environ.get("BENCH_CREDITOS", "30000"))
    dia = hoy()
    usuario = _usuario("bench_credito")
    with _sin_dejar_rastro():
        inicio = time.perf_counter()
        creadas = _tablas(cartera_id, cuantas, usuario, dia.replace(day=10))
        preparar = time.perf_counter() - inicio
        referencia, filas_ref = _referencia(sumar_meses(dia.replace(day=1), 1))
        inicio = time.perf_counter()
        cargos = mensualidades_publicar(dia=dia, usuario=usuario)
        with connection.cursor() as cursor:  # the foreign keys a COMMIT would check now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        segundos = time.perf_counter() - inicio
        inicio = time.perf_counter()
        otra_vez = mensualidades_publicar(dia=dia, usuario=usuario)
        segundos_repetir = time.perf_counter() - inicio
    contexto.nota(
        SECCION,
        f"Preparación (no medida en la meta): {creadas:,} tablas de {PLAZO} meses "
        f"({creadas * PLAZO:,} mensualidades) escritas con SQL en {preparar:,.1f} s.",
    )
    return [
        Resultado(
            SECCION,
            f"cobrar las mensualidades del mes de {creadas:,} créditos (`mensualidades_publicar`: "
            f"{cargos:,} cargos de capital e interés con historial, saldo a favor y saldos)",
            f"{segundos:,.1f} s; SQL de referencia (los mismos {filas_ref:,} INSERT … SELECT sin "
            f"historial ni saldos): {referencia:,.1f} s, razón {_x(segundos, referencia)}",
            f"≤ {META_PUBLICAR_S:g} s",
            segundos <= META_PUBLICAR_S,
        ),
        Resultado(
            SECCION,
            "correrla otra vez el mismo día (la tarea diaria es idempotente)",
            f"{otra_vez:,} cargos nuevos en {segundos_repetir:,.1f} s",
            "0 cargos",
            otra_vez == 0,
        ),
    ]
