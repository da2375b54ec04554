"""The monthly reports at scale (200,000 accounts × 24 months): the recuperación mensual of
the water cartera and of the credit cartera for the last closed month, the stored report
with its files, and the gerencia dashboard.

The report compares the month with the previous one and with the same month a year before;
those come from their stored reports when there are (the steady state: the monthly job
stores every month), from the ledger otherwise. Both are measured: "con meses guardados"
(the target) and "en frío" (every comparison recomputed from the ledger, for reference).

Writes to the bench database only stored reports (ReporteGuardado), which is what the
system itself keeps: the months the comparisons and the dashboard need, stored once, and
the last month's report regenerated on every run (its version goes up).
"""

import time
from unittest import mock

from .mediciones import Resultado, medicion

SECCION = "reportes"
META_S = 10.0
META_TABLERO_S = 2.0


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


def _guardar_meses(carteras, periodos, sistema):
    """Store (figures only) the months not stored yet; returns how many and how long."""
    from cobranza.reportes.tablero import recuperacion_rellenar

    inicio = time.perf_counter()
    calculados = recuperacion_rellenar(carteras=carteras, periodos=periodos, usuario=sistema)
    return calculados, time.perf_counter() - inicio


def _cuentas(cartera):
    from padron.models import Cuenta

    return Cuenta.objects.filter(cartera=cartera).count()


@medicion()
def reporte_recuperacion(contexto):
    from cobranza.reportes import recuperacion_reporte
    from cobranza.reportes.comun import mes_de, periodo_por_omision
    from padron.auditoria import actuando_como

    _registrar_tipos()
    carteras = _carteras()
    if not carteras:
        return [Resultado(SECCION, "recuperación mensual", "sin carteras en la base")]
    mes = mes_de(periodo_por_omision())
    comparados = [mes.mas(-1).inicio, mes.mas(-12).inicio]
    with actuando_como() as sistema:
        guardados, preparar_s = _guardar_meses(carteras, comparados, sistema)
    if guardados:
        contexto.nota(
            SECCION,
            f"Primera corrida en esta base: se guardaron {guardados} reportes de los meses de "
            f"comparación en {preparar_s:,.0f} s (una sola vez; después se leen guardados).",
        )

    resultados, total = [], 0.0
    for cartera in carteras:
        segundos, datos = _segundos(recuperacion_reporte.calcular, cartera, mes.inicio)
        total += segundos
        cifras = datos["cifras"]
        resultados.append(
            Resultado(
                SECCION,
                f"recuperación mensual `calcular`, {cartera.clave} ({_cuentas(cartera):,} "
                f"cuentas), {mes.inicio:%m/%Y}, con meses guardados",
                f"{segundos:,.1f} s (recuperación {cifras['porcentaje']} %)",
            )
        )
    resultados.append(
        Resultado(
            SECCION,
            "recuperación mensual de las dos carteras (200,000 cuentas), con meses guardados",
            f"{total:,.1f} s",
            f"≤ {META_S:g} s",
            total <= META_S,
        )
    )
    # Reference: as if nothing were stored (the comparisons recomputed from the ledger).
    frio = 0.0
    with mock.patch.object(recuperacion_reporte, "guardados", lambda *a, **k: {}):
        for cartera in carteras:
            segundos, _ = _segundos(recuperacion_reporte.calcular, cartera, mes.inicio)
            frio += segundos
    resultados.append(
        Resultado(
            SECCION,
            "recuperación mensual de las dos carteras en frío (mes anterior y del año "
            "anterior calculados del libro)",
            f"{frio:,.1f} s",
            "referencia",
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
            f"≤ {META_S:g} s",
            total <= META_S,
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
    """The gerencia home: 12 months of stored reports, one aggregate, four SVG charts."""
    from cobranza.reportes import graficas
    from cobranza.reportes.comun import periodo_por_omision
    from cobranza.reportes.tablero import MESES_DEL_TABLERO, graficas_del_tablero, tablero_cargar
    from padron.auditoria import actuando_como
    from padron.fechas import sumar_meses

    _registrar_tipos()
    carteras = _carteras()
    if not carteras:
        return []
    ultimo = periodo_por_omision()
    periodos = [sumar_meses(ultimo, -i) for i in range(MESES_DEL_TABLERO)]
    with actuando_como() as sistema:
        guardados, preparar_s = _guardar_meses(carteras, periodos, sistema)
    if guardados:
        contexto.nota(
            SECCION,
            f"Antes de medir el tablero se guardaron {guardados} meses faltantes en "
            f"{preparar_s:,.0f} s (lo que hace `reporte_recuperacion --meses 12 --guardar`; "
            "la página nunca calcula un mes).",
        )

    def abrir():
        tablero = tablero_cargar()
        return [
            graficas.svg(figura, titulo)
            for titulo, figura in graficas_del_tablero(tablero).values()
        ]

    tiempos = [_segundos(abrir)[0] for _ in range(3)]
    mediana = sorted(tiempos)[1]
    return [
        Resultado(
            SECCION,
            "tablero de gerencia (12 meses guardados, antigüedad de 200,000 saldos, 4 gráficas "
            "SVG), mediana de 3",
            f"{mediana:,.2f} s",
            f"≤ {META_TABLERO_S:g} s",
            mediana <= META_TABLERO_S,
        )
    ]
