"""The monthly reports at scale (200,000 accounts × 24 months), each beside a hand-written SQL
query that computes the same totals in the same run:

- a closed month (the last one), both carteras: recuperación, estadísticas, comparativo and
  the full recovery report with its comparisons, read from the monthly snapshot
  (ResumenMensual); references: the totals from the ledger and from the snapshot table;
- the live current month, both carteras (computed from the ledger);
- the credit cartera alone (its cost against its share of the cuentas);
- closing one month (writing the snapshot) beside its hand INSERT … SELECT, rolled back;
- the stored report with files, and the gerencia home.

State the bench needs: the closed months' snapshots (CierreMes/ResumenMensual) of the last
month, the one before and the same month a year before (`manage.py cerrar_meses --desde
<aaaa-mm>` closes more, for the gerencia home's 12 months). When missing they are written once
with the same service; the run says how long it took.
"""

import time
from unittest import mock

from django.db import connection

from .estadistica import percentil
from .facturacion import _sin_dejar_rastro, _x
from .mediciones import Resultado, medicion

SECCION = "reportes"
META_CERRADO_S = 2.0
META_EN_VIVO_S = 10.0
META_GUARDADO_S = 10.0
META_TABLERO_MS = 300.0
# A credit cuenta's share of the live month may cost this much more than a water cuenta's
# (it has more cargos owed: a whole loan) and still be in proportion to its cartera.
META_PROPORCION = 2.0

# The four recovery totals straight from the ledger, written apart from the project's SQL:
# a cargo's saldo at a date = its saldo today + what moved it from that date on.
_SQL_LIBRO = """
WITH m AS (
    SELECT cargo_id, fecha, monto, true AS pago FROM cobranza_aplicacion WHERE fecha >= %(inicio)s
    UNION ALL
    SELECT cargo_id, fecha, monto, false FROM cobranza_ajuste WHERE fecha >= %(inicio)s
), mov AS (
    SELECT cargo_id,
           SUM(monto) AS desde_inicio,
           SUM(monto) FILTER (WHERE fecha >= %(siguiente)s) AS desde_siguiente,
           SUM(monto) FILTER (WHERE pago AND fecha < %(siguiente)s) AS cobrado
      FROM m GROUP BY cargo_id
), por_cargo AS (
    SELECT c.fecha_vencimiento AS fv,
           c.saldo + COALESCE(mov.desde_inicio, 0) AS al_inicio,
           c.saldo + COALESCE(mov.desde_siguiente, 0) AS al_cierre,
           COALESCE(mov.cobrado, 0) AS cobrado
      FROM cobranza_cargo c
      JOIN padron_cuenta cu ON cu.id = c.cuenta_id
      LEFT JOIN mov ON mov.cargo_id = c.id
     WHERE cu.cartera_id = %(cartera)s AND c.fecha_emision < %(siguiente)s
       AND (c.saldo > 0 OR mov.cargo_id IS NOT NULL)
)
SELECT COALESCE(SUM(al_inicio) FILTER (WHERE fv < %(inicio)s), 0),
       COALESCE(SUM(cobrado) FILTER (WHERE fv < %(inicio)s), 0),
       COALESCE(SUM(cobrado) FILTER (WHERE fv >= %(inicio)s), 0),
       COALESCE(SUM(al_cierre) FILTER (WHERE fv >= %(inicio)s AND fv < %(siguiente)s), 0)
  FROM por_cargo
"""

# The same totals from the snapshot table.
_SQL_RESUMEN = """
SELECT COALESCE(SUM(vencido_inicio), 0), COALESCE(SUM(cobrado_vencido), 0),
       COALESCE(SUM(cobrado_corriente), 0), COALESCE(SUM(rezago), 0)
  FROM cobranza_resumenmensual WHERE cartera_id = %(cartera)s AND periodo = %(inicio)s
"""


def _registrar_tipos():
    # What the apps' ready() does (idempotent): the report types and the convenios section.
    from cobranza.reportes import comparativo, estadisticas, recuperacion_reporte  # noqa: F401
    from convenios.reportes.seccion import registrar

    registrar()


def _carteras():
    from padron.models import Cartera

    carteras = Cartera.objects.filter(activa=True).order_by("clave")
    return [
        c
        for c in (
            carteras.filter(tipo=Cartera.Tipo.AGUA).first(),
            carteras.filter(tipo=Cartera.Tipo.CREDITO).first(),
        )
        if c is not None
    ]


def _segundos(funcion, *args, **kwargs):
    inicio = time.perf_counter()
    resultado = funcion(*args, **kwargs)
    return time.perf_counter() - inicio, resultado


def _cuentas(cartera):
    from padron.models import Cuenta

    return Cuenta.objects.filter(cartera=cartera).count()


def _sql(sql, parametros):
    inicio = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, parametros)
        fila = cursor.fetchone()
    return time.perf_counter() - inicio, fila


def _parametros(cartera, mes):
    return {"cartera": cartera.pk, "inicio": mes.inicio, "siguiente": mes.siguiente}


def _totales(r):
    return (r.vencido_inicio, r.cobrado_vencido, r.cobrado_corriente, r.rezago)


def _acuerdo(proyecto, referencia) -> str:
    return (
        "iguales al centavo"
        if tuple(proyecto) == tuple(referencia)
        else (f"DIFIEREN: proyecto {tuple(map(str, proyecto))} · SQL {tuple(map(str, referencia))}")
    )


def asegurar_cierres(contexto, carteras, ultimo):
    """Close (once) the months the reports read: the last one, the one before and the same
    month a year before (the comparisons). The gerencia home draws whatever is closed."""
    from cobranza.reportes.cierres import cerrar_mes
    from cobranza.reportes.facturado import facturado
    from padron.fechas import sumar_meses

    inicio, escritos = time.perf_counter(), []
    for cartera in carteras:
        for periodo in (sumar_meses(ultimo, -12), sumar_meses(ultimo, -1), ultimo):
            hecho = cerrar_mes(cartera=cartera, periodo=periodo)
            if hecho.escrito:
                escritos.append(f"{cartera.clave} {periodo:%m/%Y}")
            elif hecho.cierre.facturacion_al is None:
                # Closed before the close kept the billing: the comparativo's first read
                # would store it; done here so that the measurement reads the close.
                facturado(cartera, [periodo])
                escritos.append(f"{cartera.clave} {periodo:%m/%Y} (su facturación)")
    if escritos:
        contexto.nota(
            SECCION,
            f"Esta base no tenía cerrados los meses que leen los reportes: se cerraron "
            f"{len(escritos)} ({', '.join(escritos)}) en {time.perf_counter() - inicio:,.0f} s, "
            "una sola vez (`manage.py cerrar_meses`).",
        )


@medicion()
def reporte_recuperacion(contexto):
    """A closed month, both carteras: every report read from the snapshot."""
    from cobranza.reportes import comparativo, estadisticas, facturado, recuperacion_reporte
    from cobranza.reportes.comun import mes_de, periodo_por_omision
    from cobranza.reportes.recuperacion import recuperacion_calcular

    _registrar_tipos()
    carteras = _carteras()
    if not carteras:
        return [Resultado(SECCION, "recuperación mensual", "sin carteras en la base")]
    mes = mes_de(periodo_por_omision())
    asegurar_cierres(contexto, carteras, mes.inicio)
    resultados, total, total_libro = [], 0.0, 0.0
    for cartera in carteras:
        etiqueta = f"{cartera.clave} ({_cuentas(cartera):,} cuentas), {mes.inicio:%m/%Y} cerrado"
        t_rec, r = _segundos(recuperacion_calcular, cartera_id=cartera.pk, periodo=mes.inicio)
        t_libro, libro = _sql(_SQL_LIBRO, _parametros(cartera, mes))
        t_resumen, resumen = _sql(_SQL_RESUMEN, _parametros(cartera, mes))
        t_est, _ = _segundos(estadisticas.calcular, cartera, mes.inicio)
        t_comp, _ = _segundos(comparativo.calcular, cartera, mes.inicio)
        # The comparativo's billing from the closes against the same from the cargos.
        periodos = [mes.mas(-1).inicio, mes.inicio]
        t_fact_libro, fact_libro = _segundos(facturado.del_libro, cartera, periodos)
        fact_acuerdo = (
            "iguales al centavo"
            if facturado.facturado(cartera, periodos) == fact_libro
            else "DIFIEREN del libro"
        )
        # The full report with its comparisons, as if no report were stored: the previous
        # month and the year before come from their snapshots too.
        with mock.patch.object(recuperacion_reporte, "guardados", lambda *a, **k: {}):
            t_completo, datos = _segundos(recuperacion_reporte.calcular, cartera, mes.inicio)
        total += t_rec + t_est + t_comp + t_completo
        total_libro += t_libro
        resultados += [
            Resultado(
                SECCION,
                f"recuperación `recuperacion_calcular` ({r.fuente}), {etiqueta}",
                f"{t_rec:,.2f} s; SQL del libro {t_libro:,.1f} s (razón {_x(t_rec, t_libro)}); "
                f"SQL del resumen {t_resumen:,.2f} s (razón {_x(t_rec, t_resumen)}); "
                f"{_acuerdo(_totales(r), libro)} (recuperación {r.porcentaje} %)",
                f"≤ {META_CERRADO_S:g} s",
                t_rec <= META_CERRADO_S,
            ),
            Resultado(
                SECCION,
                f"  estadísticas / comparativo / reporte completo con comparaciones "
                f"({datos['comparacion']['mes_anterior']['origen']}), {cartera.clave}",
                f"{t_est:,.2f} s / {t_comp:,.2f} s / {t_completo:,.2f} s; facturación del "
                f"comparativo desde los cierres {fact_acuerdo} (del libro {t_fact_libro:,.1f} s)",
                f"≤ {META_CERRADO_S:g} s cada uno",
                max(t_est, t_comp, t_completo) <= META_CERRADO_S,
            ),
        ]
    resultados.append(
        Resultado(
            SECCION,
            "los cuatro reportes de un mes cerrado, las dos carteras "
            f"({sum(_cuentas(c) for c in carteras):,} cuentas)",
            f"{total:,.2f} s; la recuperación del libro con SQL a mano: {total_libro:,.1f} s",
            f"≤ {META_CERRADO_S:g} s por reporte",
        )
    )
    return resultados


@medicion()
def reporte_en_vivo(contexto):
    """The current month (never closed): computed from the ledger, both carteras."""
    from cobranza.reportes.comun import mes_de
    from cobranza.reportes.recuperacion import recuperacion_calcular
    from padron.fechas import hoy

    carteras = _carteras()
    if not carteras:
        return []
    mes = mes_de(hoy())
    resultados, total, total_libro, por_cuenta = [], 0.0, 0.0, {}
    for cartera in carteras:
        t_rec, r = _segundos(recuperacion_calcular, cartera_id=cartera.pk, periodo=mes.inicio)
        por_cuenta[cartera.tipo] = (t_rec, _cuentas(cartera))
        t_libro, libro = _sql(_SQL_LIBRO, _parametros(cartera, mes))
        total, total_libro = total + t_rec, total_libro + t_libro
        resultados.append(
            Resultado(
                SECCION,
                f"recuperación del mes en curso ({r.fuente}), {cartera.clave} "
                f"({_cuentas(cartera):,} cuentas), {mes.inicio:%m/%Y}",
                f"{t_rec:,.1f} s; SQL del libro {t_libro:,.1f} s (razón {_x(t_rec, t_libro)}); "
                f"{_acuerdo(_totales(r), libro)}",
            )
        )
    resultados.append(
        Resultado(
            SECCION,
            "recuperación del mes en curso, las dos carteras",
            f"{total:,.1f} s; SQL del libro {total_libro:,.1f} s (razón {_x(total, total_libro)})",
            f"≤ {META_EN_VIVO_S:g} s",
            total <= META_EN_VIVO_S,
        )
    )
    if {"agua", "credito"} <= por_cuenta.keys():
        resultados.append(_proporcional(por_cuenta["credito"], por_cuenta["agua"]))
    return resultados


def _proporcional(credito, agua):
    """A credit cartera's live month costs what its own cuentas cost: per cuenta, about what a
    water cuenta costs (not the whole ledger's share)."""
    (t_credito, n_credito), (t_agua, n_agua) = credito, agua
    us_credito, us_agua = 1e6 * t_credito / n_credito, 1e6 * t_agua / n_agua
    razon = us_credito / us_agua if us_agua else float("inf")
    return Resultado(
        SECCION,
        "mes en curso por cuenta: crédito contra agua (proporcional a sus cuentas)",
        f"{us_credito:,.1f} contra {us_agua:,.1f} µs por cuenta "
        f"({n_credito:,} y {n_agua:,} cuentas): razón {razon:,.2f}",
        f"≤ {META_PROPORCION:g}",
        razon <= META_PROPORCION,
    )


@medicion()
def cierre_mes(contexto):
    """Writing one month's snapshot (the last closed month, rewritten and rolled back) beside
    the hand INSERT … SELECT of the same rows."""
    from cobranza.reportes.cierres import _sql_insertar, cerrar_mes, parametros_cierre
    from cobranza.reportes.comun import periodo_por_omision

    carteras = _carteras()
    if not carteras:
        return []
    periodo = periodo_por_omision()
    resultados = []
    for cartera in carteras:
        with _sin_dejar_rastro():
            t_cierre, hecho = _segundos(cerrar_mes, cartera=cartera, periodo=periodo, rehacer=True)
        with _sin_dejar_rastro(), connection.cursor() as cursor:
            # Reference: the same INSERT … SELECT into an empty copy of the table, nothing else.
            cursor.execute(
                "CREATE TEMP TABLE resumen_a_mano (LIKE cobranza_resumenmensual INCLUDING DEFAULTS INCLUDING IDENTITY)"
            )
            sql = _sql_insertar().replace(
                "INSERT INTO cobranza_resumenmensual", "INSERT INTO resumen_a_mano"
            )
            inicio = time.perf_counter()
            for ajuste in (
                "work_mem = '256MB'",
                "max_parallel_workers_per_gather = 0",
                "jit = off",
            ):
                cursor.execute(f"SET LOCAL {ajuste}")
            cursor.execute(sql, parametros_cierre(cartera.pk, periodo))
            filas_mano = cursor.rowcount
            t_mano = time.perf_counter() - inicio
        resultados.append(
            Resultado(
                SECCION,
                f"cerrar un mes (`cerrar_mes`, {periodo:%m/%Y}), {cartera.clave}: "
                f"{hecho.cierre.filas:,} filas del resumen",
                f"{t_cierre:,.1f} s; INSERT … SELECT a mano {t_mano:,.1f} s ({filas_mano:,} filas), "
                f"razón {_x(t_cierre, t_mano)}",
            )
        )
    return resultados


@medicion()
def reporte_guardado(contexto):
    """The monthly job's work for one cartera: compute, PDF, XLSX, store (replacing)."""
    from cobranza.reportes import archivos
    from cobranza.reportes.comun import periodo_por_omision
    from cobranza.reportes.guardados import reporte_generar
    from padron.auditoria import actuando_como

    _registrar_tipos()
    carteras = _carteras()
    if not carteras:
        return []
    agua, periodo = carteras[0], periodo_por_omision()
    asegurar_cierres(contexto, carteras, periodo)
    with actuando_como() as sistema:
        total, reporte = _segundos(
            reporte_generar, tipo="recuperacion", cartera=agua, periodo=periodo, usuario=sistema
        )
    pdf_s, pdf = _segundos(archivos.reporte_pdf, "recuperacion", reporte.datos)
    xlsx_s, xlsx = _segundos(archivos.reporte_xlsx, "recuperacion", reporte.datos)
    return [
        Resultado(
            SECCION,
            f"reporte guardado con PDF y XLSX (`reporte_generar`), {agua.clave}, {periodo:%m/%Y}",
            f"{total:,.1f} s (versión {reporte.version})",
            f"≤ {META_GUARDADO_S:g} s",
            total <= META_GUARDADO_S,
        ),
        Resultado(
            SECCION,
            "  de ello: PDF con gráficas / XLSX",
            f"{pdf_s:,.2f} s ({len(pdf) / 1024:,.0f} KiB) / {xlsx_s:,.2f} s "
            f"({len(xlsx) / 1024:,.0f} KiB)",
        ),
    ]


@medicion()
def tablero_gerencia(contexto):
    """The gerencia home page (`/inicio/gerencia/`) through the test client, p50/p95 of 20."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    from cobranza.reportes.comun import periodo_por_omision
    from cobranza.reportes.tablero import antiguedad_calentar, clave_antiguedad
    from padron.models import Cartera

    _registrar_tipos()
    carteras = _carteras()
    usuario = get_user_model().objects.filter(groups__name="gerencia", is_active=True).first()
    if not carteras or usuario is None:
        return [Resultado(SECCION, "tablero de gerencia", "sin carteras o sin usuario gerencia")]
    asegurar_cierres(contexto, carteras, periodo_por_omision())
    cliente = Client()
    cliente.force_login(usuario)
    url = reverse("inicio_rol", kwargs={"rol": "gerencia"})
    activas = list(Cartera.objects.filter(activa=True).order_by("clave"))

    def visita():
        inicio = time.perf_counter()
        respuesta = cliente.get(url)
        assert respuesta.status_code == 200, respuesta.status_code
        return time.perf_counter() - inicio

    cache.delete(clave_antiguedad(activas))
    sin_calentar = visita() * 1000  # sums today's aging (and draws the charts once)
    cache.delete(clave_antiguedad(activas))
    inicio = time.perf_counter()
    antiguedad_calentar()  # what beat runs every 4 minutes
    calentar = (time.perf_counter() - inicio) * 1000
    tiempos = [visita() for _ in range(20)]
    p50, p95 = percentil(tiempos, 50) * 1000, percentil(tiempos, 95) * 1000
    peor = max(tiempos) * 1000
    return [
        Resultado(
            SECCION,
            f"página de inicio de gerencia (12 meses, antigüedad de "
            f"{sum(_cuentas(c) for c in activas):,} saldos, 4 gráficas), cliente de pruebas, "
            "20 peticiones tras la tarea de beat",
            f"p50 {p50:,.0f} ms, p95 {p95:,.0f} ms, la más lenta {peor:,.0f} ms; la tarea "
            f"`tablero_calentar` (cada 4 min) {calentar:,.0f} ms; sin ella, la primera visita "
            f"cada 5 min: {sin_calentar:,.0f} ms",
            f"≤ {META_TABLERO_MS:g} ms (todas)",
            peor <= META_TABLERO_MS,
        )
    ]
