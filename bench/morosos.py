"""The lista de morosos at scale: preview and generation over the whole of each demo cartera
with a low threshold (saldo vencido ≥ $0.01, 1 month), so the list is large. Its exports
are measured in bench/exportaciones.py.

Memory is measured in a child process (`python -m bench.morosos ...`), so each figure is
that work's own: the RSS the process gained (peak `VmHWM` minus `VmRSS` before the work,
after Django, the database connection and the libraries are loaded) and, in a second run,
Python's peak allocation (tracemalloc). An export that streams peaks the same for 10,000
rows as for the whole list.

Generating writes lists into the bench database; each measurement deletes what it created
and puts the folio counter back, so every run measures the same thing. They are not money:
nothing of the ledger is touched.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from padron.sql import memoria_para_ordenar

from .mediciones import Resultado, medicion, tablas_limpiar

SECCION = "morosos"
META_S = 5.0
META_RAZON = 0.5  # issue 19: the list in at most half what its SQL reference takes
CORRIDAS = 3
AMPLIOS = {"saldo_vencido_minimo": "0.01", "meses_vencidos_minimo": "1"}
RAIZ = Path(__file__).resolve().parent.parent


def _carteras():
    from padron.models import Cartera

    return list(Cartera.objects.filter(cuentas__isnull=False).distinct().order_by("pk"))


@contextmanager
def _y_borrar():
    """Yields a list to append folios to; deletes those lists (rows first) at the end and
    restores the folio counter."""
    from django.db import transaction

    from cobranza.models import ListaMorosos, RenglonMorosos
    from padron.fechas import hoy
    from padron.models import Folio

    serie = f"LM{hoy():%y}"
    antes = Folio.objects.filter(serie=serie).values_list("ultimo", flat=True).first()
    folios = []
    try:
        yield folios
    finally:
        with transaction.atomic():
            RenglonMorosos.objects.filter(lista__folio__in=folios).delete()
            ListaMorosos.objects.filter(folio__in=folios).delete()
            if antes is None:
                Folio.objects.filter(serie=serie).delete()
            else:
                Folio.objects.filter(serie=serie).update(ultimo=antes)
        tablas_limpiar(RenglonMorosos._meta.db_table, ListaMorosos._meta.db_table)


def _hijo(*argumentos) -> dict:
    """Run `python -m bench.morosos <argumentos>` and read the JSON it prints last."""
    salida = subprocess.run(
        [sys.executable, "-m", "bench.hijo", "bench.morosos", *argumentos],
        cwd=RAIZ,
        env=os.environ.copy(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(salida.stdout.strip().splitlines()[-1])


def _mib(kib):
    return f"{kib / 1024:,.1f} MiB"


@medicion()
def morosos_vista_previa(contexto):
    from cobranza.morosos.services import morosos_vista_previa as vista_previa

    resultados = []
    for cartera in _carteras():
        criterios = {"cartera": cartera.clave, **AMPLIOS}
        vista_previa(criterios)  # warm the cache: the measured run is the second
        inicio = time.perf_counter()
        previa = vista_previa(criterios)
        segundos = time.perf_counter() - inicio
        resultados.append(
            Resultado(
                SECCION,
                f"vista previa, {cartera.nombre}, saldo vencido ≥ $0.01 y 1 mes "
                "(`morosos_vista_previa`)",
                f"{segundos:,.2f} s: {previa['cuentas']:,} cuentas por "
                f"${previa['total_vencido']:,.2f}",
                f"≤ {META_S:g} s",
                segundos <= META_S,
            )
        )
    return resultados


def comparar_con_referencias(nombre, corridas, referencias, *, etiqueta, meta=True):
    """The Resultados of the generation's median against each SQL reference's, after checking
    they agree: the same rows and the same totals to the centavo (an AssertionError if not)."""
    mediana = statistics.median(c["segundos"] for c in corridas)
    resultados = []
    for clave, titulo in (
        ("libro", "desde el libro (cargos menos aplicaciones y ajustes)"),
        ("cargos", "desde el saldo de cada cargo (`cobranza_cargo.saldo`)"),
    ):
        medidas = referencias[clave]
        for medida in medidas:
            for campo in ("cuentas", "total_vencido"):
                assert str(medida[campo]) == str(corridas[0][campo]), (
                    f"{nombre}: la lista y su referencia SQL ({clave}) difieren en {campo}: "
                    f"{corridas[0][campo]} contra {medida[campo]}"
                )
        segundos = statistics.median(m["segundos"] for m in medidas)
        razon = mediana / segundos
        resultados += [
            Resultado(
                SECCION_DE[etiqueta],
                f"referencia SQL {titulo}, {nombre}: {ARTICULO[etiqueta]} {etiqueta} por SELECT, "
                f"mediana de {len(medidas)}",
                f"{segundos:,.2f} s: {medidas[0]['cuentas']:,} {etiqueta} por "
                f"${Decimal(medidas[0]['total_vencido']):,.2f} vencidos (coinciden al centavo)",
            ),
            Resultado(
                SECCION_DE[etiqueta],
                f"generar contra la referencia {clave}, {nombre}",
                f"{razon:,.2f} × ({mediana:,.2f} s contra {segundos:,.2f} s)",
                f"≤ {META_RAZON:g} ×" if meta else "",
                razon <= META_RAZON if meta else None,
            ),
        ]
    return resultados


SECCION_DE = {"renglones": SECCION, "órdenes": "cortes"}
ARTICULO = {"renglones": "los mismos", "órdenes": "las mismas"}


@medicion()
def morosos_generar(contexto):
    """Per cartera, three generations of the whole list in child processes (each deleted
    after), alternated with the two SQL references (the same rows from the ledger and from
    the cargos' saldos): the medians, their ratio, and the RSS the generation added. The
    list and the references must agree: same cuentas, same totals to the centavo."""
    resultados = []
    for cartera in _carteras():
        corridas, referencias = [], {"libro": [], "cargos": []}
        for _ in range(CORRIDAS):
            with _y_borrar() as folios:
                corrida = _hijo("generar", cartera.clave)
                folios.append(corrida["folio"])
            corridas.append(corrida)
            for clave, medidas in referencias.items():
                medidas.append(_referencia(cartera, clave))
        tiempos = [c["segundos"] for c in corridas]
        mediana = statistics.median(tiempos)
        cuentas = corridas[0]["cuentas"]
        resultados.append(
            Resultado(
                SECCION,
                f"generar la lista, {cartera.nombre} (`lista_morosos_generar`: un INSERT ... "
                f"SELECT), mediana de {CORRIDAS}",
                f"{mediana:,.2f} s (de {min(tiempos):,.2f} a {max(tiempos):,.2f} s): "
                f"{cuentas:,} renglones por ${Decimal(corridas[0]['total_vencido']):,.2f} "
                "vencidos",
                f"≤ {META_S:g} s",
                mediana <= META_S,
            )
        )
        resultados += comparar_con_referencias(
            cartera.nombre, corridas, referencias, etiqueta="renglones"
        )
        resultados.append(
            Resultado(
                SECCION,
                f"memoria que suma el proceso al generar, {cartera.nombre} ({cuentas:,} renglones)",
                _mib(max(c["rss_kib"] for c in corridas)),
            )
        )
    return resultados


# --- the SQL reference: the same list from the ledger ------------------------------------------

# What an analyst without our maintained balances would write: each cargo's pending amount is
# its monto minus its aplicaciones and ajustes (or, second reference, the cargo's own `saldo`
# column, as cobranza.libro.services.saldos computes SaldoCuenta); a cuenta's saldo, saldo
# vencido, oldest due date and months overdue are aggregates of those, and its last pago is
# the latest applied.
SQL_SALDOS_DEL_LIBRO = """
SELECT s.cuenta_id, s.saldo, s.saldo_vencido, s.vencimiento_mas_antiguo, s.meses_vencidos,
       u.fecha AS ultimo_pago_fecha
FROM (
  SELECT c.cuenta_id,
         SUM(c.pendiente) AS saldo,
         COALESCE(SUM(c.pendiente) FILTER (WHERE c.fecha_vencimiento < DATE '{dia}'), 0)
           AS saldo_vencido,
         MIN(c.fecha_vencimiento) FILTER (WHERE c.fecha_vencimiento < DATE '{dia}')
           AS vencimiento_mas_antiguo,
         COUNT(DISTINCT c.periodo) FILTER (
           WHERE c.fecha_vencimiento < DATE '{dia}' AND c.concepto IN ({principal})
         ) AS meses_vencidos
  FROM (
    SELECT g.cuenta_id, g.periodo, g.concepto, g.fecha_vencimiento, {pendiente} AS pendiente
    FROM cobranza_cargo g
    JOIN padron_cuenta q ON q.id = g.cuenta_id AND q.cartera_id = {cartera}
    {uniones}
  ) c
  WHERE c.pendiente > 0
  GROUP BY c.cuenta_id
) s
LEFT JOIN (
  SELECT DISTINCT ON (p.cuenta_id) p.cuenta_id, p.fecha
  FROM cobranza_pago p JOIN padron_cuenta q ON q.id = p.cuenta_id AND q.cartera_id = {cartera}
  WHERE p.estado = 'aplicado'
  ORDER BY p.cuenta_id, p.fecha DESC, p.id DESC
) u ON u.cuenta_id = s.cuenta_id
"""
DEL_LIBRO = {
    "pendiente": "g.monto - COALESCE(a.total, 0) - COALESCE(j.total, 0)",
    "uniones": """
    LEFT JOIN (SELECT x.cargo_id, SUM(x.monto) AS total
               FROM cobranza_aplicacion x JOIN cobranza_cargo y ON y.id = x.cargo_id
               JOIN padron_cuenta z ON z.id = y.cuenta_id AND z.cartera_id = {cartera}
               GROUP BY x.cargo_id) a ON a.cargo_id = g.id
    LEFT JOIN (SELECT cargo_id, SUM(monto) AS total FROM cobranza_ajuste GROUP BY cargo_id) j
           ON j.cargo_id = g.id""",
}
DE_LOS_CARGOS = {"pendiente": "g.saldo", "uniones": ""}
REFERENCIAS = {"libro": DEL_LIBRO, "cargos": DE_LOS_CARGOS}


def con_saldos_del_libro(consulta, cartera, dia, referencia="libro"):
    """The SQL of a queryset over Cuenta ⋈ SaldoCuenta with the maintained balances replaced by
    the ledger's (SQL_SALDOS_DEL_LIBRO under the same alias): the same columns, criteria and
    exclusions, every balance recomputed from cargos, aplicaciones and ajustes."""
    from cobranza.models import CONCEPTOS_PRINCIPAL

    sql, params = consulta.query.sql_with_params()
    tabla = '"cobranza_saldocuenta"'
    union = f"JOIN {tabla} ON"
    assert sql.count(union) == 1, "the query must join SaldoCuenta once"
    partes = REFERENCIAS[referencia]
    libro = SQL_SALDOS_DEL_LIBRO.format(
        dia=dia.isoformat(),
        cartera=int(cartera.pk),
        principal=", ".join(f"'{c}'" for c in CONCEPTOS_PRINCIPAL),
        pendiente=partes["pendiente"],
        uniones=partes["uniones"].format(cartera=int(cartera.pk)),
    )
    return sql.replace(union, f"JOIN ({libro}) {tabla} ON"), params


def _referencia(cartera, referencia="libro"):
    """The list's rows from the ledger (one SELECT, every row fetched, with the same work_mem
    the generation sets): seconds, rows, and the totals of saldo vencido and saldo."""
    from django.db import connection, transaction

    from cobranza.morosos import services
    from padron.fechas import hoy

    dia = hoy()
    candidatos = services.morosos_candidatos({"cartera": cartera.clave, **AMPLIOS}, dia)
    columnas = services._columnas()
    consulta = candidatos.annotate(**{f"c_{k}": e for k, e in columnas.items()}).values(
        *(f"c_{k}" for k in columnas)
    )
    sql, params = con_saldos_del_libro(consulta, cartera, dia, referencia)
    inicio = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        memoria_para_ordenar(cursor)
        cursor.execute(sql, params)
        filas = cursor.fetchall()
        nombres = [d[0] for d in cursor.description]
    segundos = time.perf_counter() - inicio
    vencido, saldo = nombres.index("c_saldo_vencido"), nombres.index("c_saldo")
    return {
        "segundos": segundos,
        "cuentas": len(filas),
        "total_vencido": str(sum((f[vencido] for f in filas), Decimal("0"))),
        "total_saldo": str(sum((f[saldo] for f in filas), Decimal("0"))),
    }


def _umbral_para(criterios, filas):
    """The saldo vencido minimum that leaves about `filas` accounts in the list."""
    from cobranza.morosos.services import morosos_candidatos

    saldos = morosos_candidatos(criterios).order_by("-saldo__saldo_vencido")
    valor = saldos.values_list("saldo__saldo_vencido", flat=True)[filas - 1 : filas]
    return str(next(iter(valor), "0.01"))


# --- the child process ----------------------------------------------------------------------


def _kib(campo):
    with open("/proc/self/status", encoding="ascii") as estado:
        for linea in estado:
            if linea.startswith(f"{campo}:"):
                return int(linea.split()[1])
    return 0


def _generar_hijo(clave, umbral=None):
    from django.contrib.auth import get_user_model

    from cobranza.morosos.services import lista_morosos_generar

    usuario = get_user_model().objects.filter(username="supervisor").first()
    if usuario is None:
        from padron.auditoria import usuario_sistema

        usuario = usuario_sistema()
    criterios = {"cartera": clave, **AMPLIOS}
    if umbral:
        criterios["saldo_vencido_minimo"] = umbral
    antes = _kib("VmRSS")
    inicio = time.perf_counter()
    lista = lista_morosos_generar(criterios=criterios, usuario=usuario)
    return {
        "folio": lista.folio,
        "cuentas": lista.cuentas,
        "total_vencido": str(lista.total_vencido),
        "total_saldo": str(lista.total_saldo),
        "segundos": time.perf_counter() - inicio,
        "rss_kib": _kib("VmHWM") - antes,
    }


def _principal(argumentos):
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from django.db import connection

    connection.ensure_connection()
    _, *resto = argumentos  # generar <cartera> [umbral]; the exports: bench/exportaciones.py
    print(json.dumps(_generar_hijo(*resto)))


if __name__ == "__main__":
    _principal(sys.argv[1:])
