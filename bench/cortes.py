"""The lista de corte at scale: preview and generation over every water account of the
bench database with a low threshold (1 month), and the memory check (a small list and the
full list must peak at about the same Python memory: rows never pass through Python).

Generating writes orders, exclusions and history rows into the bench database; each
measurement deletes what it created and puts the folio counters back, so every run
measures the same thing. They are not money: nothing of the ledger is touched.
"""

import statistics
import time
import tracemalloc
from contextlib import contextmanager
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from padron.sql import memoria_para_ordenar

from .mediciones import Resultado, medicion, tablas_limpiar

SECCION = "cortes"
META_S = 5.0
CORRIDAS = 3
CARTERA_SQL = "SELECT clave FROM padron_cartera WHERE tipo = 'agua' ORDER BY id LIMIT 1"


def _criterios(**extra):
    from convenios.cortes import registrar_reglas_de_corte

    registrar_reglas_de_corte()  # what ConveniosConfig.ready() does (idempotent)
    with connection.cursor() as cursor:
        cursor.execute(CARTERA_SQL)
        fila = cursor.fetchone()
    return {"cartera": fila[0], "meses_minimos": 1, **extra} if fila else None


def _supervisor():
    from padron.auditoria import usuario_sistema

    usuario = get_user_model().objects.filter(username="supervisor").first()
    return usuario or usuario_sistema()


def _folios(series):
    from padron.models import Folio

    return {
        s: Folio.objects.filter(serie=s).values_list("ultimo", flat=True).first() for s in series
    }


@contextmanager
def _y_borrar():
    """Yields a list to append the generated ListaCorte to; deletes them (orders, exclusions,
    history) at the end and restores the folio counters. Plain DELETEs: the ORM's would send
    a signal per order and django-simple-history would write a "-" row for each."""
    from cobranza.models import ExclusionCorte, ListaCorte, OrdenCorte
    from padron.fechas import hoy
    from padron.models import Folio

    series = [f"LC{hoy():%y}", f"OC{hoy():%y}"]
    antes = _folios(series)
    listas = []
    try:
        yield listas
    finally:
        ids = [lista.pk for lista in listas]
        tablas = (
            (OrdenCorte.history.model._meta.db_table, "lista_id"),
            (ExclusionCorte._meta.db_table, "lista_id"),
            (OrdenCorte._meta.db_table, "lista_id"),
            (ListaCorte._meta.db_table, "id"),
        )
        with transaction.atomic(), connection.cursor() as cursor:
            for tabla, columna in tablas:
                cursor.execute(f"DELETE FROM {tabla} WHERE {columna} = ANY(%s)", [ids])
            for serie, ultimo in antes.items():
                if ultimo is None:
                    Folio.objects.filter(serie=serie).delete()
                else:
                    Folio.objects.filter(serie=serie).update(ultimo=ultimo)
        # The deleted rows would stay as dead index entries that the next run's look for
        # pending orders (and its reference's) visits one by one: each run starts clean.
        tablas_limpiar(*(tabla for tabla, _ in tablas))


def _generar(criterios, listas, *, trazar=False):
    from cobranza.cortes.services.listas import lista_corte_generar

    if trazar:
        tracemalloc.start()
    inicio = time.perf_counter()
    try:
        lista = lista_corte_generar(criterios=criterios, usuario=_supervisor())
    finally:
        segundos = time.perf_counter() - inicio
        pico = tracemalloc.get_traced_memory()[1] if trazar else None
        if trazar:
            tracemalloc.stop()
    listas.append(lista)
    return lista, segundos, pico


def _sin_datos():
    return [Resultado(SECCION, "lista de corte", "sin cartera de agua en la base", f"≤ {META_S} s")]


@medicion()
def cortes_vista_previa(contexto):
    from cobranza.cortes.services.listas import corte_vista_previa

    criterios = _criterios()
    if criterios is None:
        return _sin_datos()
    corte_vista_previa(criterios)  # warm the cache: the measured run is the second
    inicio = time.perf_counter()
    previa = corte_vista_previa(criterios)
    segundos = time.perf_counter() - inicio
    return [
        Resultado(
            SECCION,
            "vista previa, todas las cuentas de agua, meses vencidos ≥ 1 (`corte_vista_previa`)",
            f"{segundos:,.2f} s: {previa['elegibles']:,} órdenes por "
            f"${previa['total_vencido']:,.2f}, {previa['excluidas']:,} excluidas",
            f"≤ {META_S:g} s",
            segundos <= META_S,
        )
    ]


def _referencia(criterios, referencia):
    """The list recomputed from the ledger: the orders (in walking order, numbered, with their
    place in the route) and the exclusions with their motivo and rule, one SELECT whose
    rows are all fetched. The criteria and exclusions are the service's own SQL; every
    balance is computed by hand (bench.morosos.SQL_SALDOS_DEL_LIBRO). Run it while the
    generated list is not there: its pending orders would leave every cuenta out."""
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    from cobranza.cortes.services import listas
    from padron.fechas import hoy

    from .morosos import con_saldos_del_libro  # here: bench.morosos imports this module

    dia = hoy()
    c = listas.corte_criterios(criterios)
    reglas = list(listas.reglas_en_vigor(c.cartera, dia))
    candidatas = listas._candidatas(c, dia, reglas)
    caminata = [F("manzana").asc(), F("domicilio").asc(), F("numero").asc()]
    # One pass over the ledger: the candidates with their exclusion; numbering within the
    # non-excluded ('') partition is the orders' folio and place in the route.
    fuera = F("excluida_por")
    filas_sql = candidatas.annotate(
        n=Window(RowNumber(), partition_by=[fuera], order_by=[F("sector"), F("ruta"), *caminata]),
        en_ruta=Window(
            RowNumber(), partition_by=[fuera, F("sector"), F("ruta")], order_by=caminata
        ),
        vencido=F("saldo__saldo_vencido"),
        meses=F("saldo__meses_vencidos"),
    ).values(
        "pk",
        "excluida_por",
        "excluida_regla",
        "n",
        "en_ruta",
        "accion_corte",
        "por_que",
        "vencido",
        "meses",
    )
    inicio = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        memoria_para_ordenar(cursor)  # as the generation does
        cursor.execute(*con_saldos_del_libro(filas_sql, c.cartera, dia, referencia))
        todas = cursor.fetchall()
        nombres = [d[0] for d in cursor.description]
    motivo, vencido = nombres.index("excluida_por"), nombres.index("vencido")
    filas = [f for f in todas if not f[motivo]]
    fuera = [f for f in todas if f[motivo]]
    segundos = time.perf_counter() - inicio
    return {
        "segundos": segundos,
        "cuentas": len(filas),
        "total_vencido": str(sum((f[vencido] for f in filas), Decimal("0"))),
        "excluidas": len(fuera),
        "motivos": sorted({f[motivo] for f in fuera}),
    }


@medicion()
def cortes_generar(contexto):
    """Three generations of the full list (each deleted after), alternated with the two SQL
    references (the same orders and exclusions from the ledger and from the cargos'
    saldos): the medians against the goal and their ratio. They must agree to the centavo."""
    from .morosos import comparar_con_referencias

    criterios = _criterios()
    if criterios is None:
        return _sin_datos()
    corridas, referencias = [], {"libro": [], "cargos": []}
    for _ in range(CORRIDAS):
        with _y_borrar() as listas:
            lista, segundos, _ = _generar(criterios, listas)
        corridas.append(
            {
                "segundos": segundos,
                "cuentas": lista.ordenes,
                "total_vencido": str(lista.total_vencido),
                "excluidas": lista.excluidas,
            }
        )
        for clave, medidas in referencias.items():
            medidas.append(_referencia(criterios, clave))
    for medidas in referencias.values():
        for medida in medidas:
            assert medida["excluidas"] == lista.excluidas, (
                f"exclusiones: {lista.excluidas} en la lista, {medida['excluidas']} en la "
                "referencia SQL"
            )
    tiempos = [c["segundos"] for c in corridas]
    mediana = statistics.median(tiempos)
    return [
        Resultado(
            SECCION,
            "generar la lista (`lista_corte_generar`: exclusiones, órdenes con folio y orden "
            f"de ruta, historial), mediana de {CORRIDAS}",
            f"{mediana:,.2f} s (de {min(tiempos):,.2f} a {max(tiempos):,.2f} s): "
            f"{lista.ordenes:,} órdenes por ${lista.total_vencido:,.2f}, "
            f"{lista.excluidas:,} exclusiones",
            f"≤ {META_S:g} s",
            mediana <= META_S,
        ),
        *comparar_con_referencias(
            "todas las cuentas de agua", corridas, referencias, etiqueta="órdenes"
        ),
    ]


@medicion()
def cortes_memoria(contexto):
    """Python's peak memory while generating a list of one route, of one sector, and of
    every water account: flat means the full list peaks like the route's."""
    criterios = _criterios()
    if criterios is None:
        return _sin_datos()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sector, ruta FROM padron_cuenta WHERE sector <> '' AND ruta <> '' "
            "GROUP BY sector, ruta ORDER BY COUNT(*) DESC, sector, ruta LIMIT 1"
        )
        sector, ruta = cursor.fetchone()
    tamanos = (
        (f"ruta {sector}/{ruta}", {"sector": sector, "ruta": ruta}),
        (f"sector {sector}", {"sector": sector}),
        ("todas las cuentas de agua", {}),
    )
    corridas = []
    for nombre, extra in tamanos:
        with _y_borrar() as listas:
            lista, _, pico = _generar({**criterios, **extra}, listas, trazar=True)
        corridas.append((nombre, lista.ordenes, pico))
    pico_chico = corridas[0][2]
    resultados = [
        Resultado(
            SECCION,
            f"memoria máxima de Python al generar: {nombre} ({ordenes:,} órdenes)",
            f"{pico / 1024:,.0f} KiB",
        )
        for nombre, ordenes, pico in corridas[:-1]
    ]
    nombre, ordenes, pico = corridas[-1]
    plana = pico <= max(2 * pico_chico, pico_chico + 1024 * 1024)
    resultados.append(
        Resultado(
            SECCION,
            f"memoria máxima de Python al generar: {nombre} ({ordenes:,} órdenes, "
            f"{ordenes / max(corridas[0][1], 1):,.0f} × la ruta)",
            f"{pico / 1024:,.0f} KiB",
            "plana (≤ 2 × la de una ruta)",
            plana,
        )
    )
    return resultados
