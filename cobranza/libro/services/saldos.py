"""The maintained balance (SaldoCuenta), recomputed from the ledger in SQL.

One statement serves three uses: the single account after each ledger change
(same transaction), every account at night (the date-dependent columns move
with the calendar), and the conciliation that reports rows that disagree.
The SQL is the reference definition: docs/reportes.md quotes it.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import connection, transaction

from cobranza.models import CONCEPTOS_PRINCIPAL, SaldoCuenta
from padron.dinero import redondear
from padron.fechas import hoy as hoy_local

COLUMNAS = (
    "saldo",
    "saldo_vencido",
    "saldo_a_favor",
    "vencimiento_mas_antiguo",
    "meses_vencidos",
    "antiguedad",
    "ultimo_pago_fecha",
    "ultimo_pago_monto",
)

# The "column" of a difference that is a cuenta without its saldo row.
FALTA_RENGLON = "renglon"

# (bucket, days overdue of the oldest unpaid due date: from, to)
CUBETAS = (
    ("1-30", 1, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("91-180", 91, 180),
    ("181-365", 181, 365),
)


def _sql_calculados(filtro_cuenta: str) -> str:
    principal = ", ".join(f"'{c}'" for c in CONCEPTOS_PRINCIPAL)
    cubetas = " ".join(
        "WHEN c.mas_antiguo >= %s AND c.mas_antiguo <= %s THEN '" + clave + "'"
        for clave, _, _ in CUBETAS
    )
    return f"""
        SELECT cu.id AS cuenta_id,
               COALESCE(c.saldo, 0) AS saldo,
               COALESCE(c.vencido, 0) AS saldo_vencido,
               COALESCE(p.a_favor, 0) AS saldo_a_favor,
               c.mas_antiguo AS vencimiento_mas_antiguo,
               COALESCE(c.meses, 0) AS meses_vencidos,
               CASE WHEN c.mas_antiguo IS NULL THEN '' {cubetas} ELSE '>365' END AS antiguedad,
               u.fecha AS ultimo_pago_fecha,
               u.monto AS ultimo_pago_monto
        FROM padron_cuenta cu
        LEFT JOIN (
            SELECT cuenta_id,
                   SUM(saldo) AS saldo,
                   SUM(CASE WHEN fecha_vencimiento < %s THEN saldo ELSE 0 END) AS vencido,
                   MIN(CASE WHEN fecha_vencimiento < %s THEN fecha_vencimiento END) AS mas_antiguo,
                   COUNT(DISTINCT CASE WHEN fecha_vencimiento < %s AND concepto IN ({principal})
                                       THEN periodo END) AS meses
            FROM cobranza_cargo
            WHERE saldo > 0 {filtro_cuenta.replace("cu.id", "cuenta_id")}
            GROUP BY cuenta_id
        ) c ON c.cuenta_id = cu.id
        LEFT JOIN (
            SELECT cuenta_id, SUM(remanente) AS a_favor
            FROM cobranza_pago
            WHERE remanente > 0 AND estado = 'aplicado' {filtro_cuenta.replace("cu.id", "cuenta_id")}
            GROUP BY cuenta_id
        ) p ON p.cuenta_id = cu.id
        LEFT JOIN ({_sql_ultimo_pago(filtro_cuenta.replace("cu.id", "cuenta_id"))}) u
               ON u.cuenta_id = cu.id
        WHERE 1 = 1 {filtro_cuenta}
    """


def _sql_ultimo_pago(filtro: str) -> str:
    """Each cuenta's latest applied pago, in one pass over the pagos (a correlated
    `LIMIT 1` per cuenta ran 392,811 times at 200k cuentas)."""
    if connection.vendor == "postgresql":
        return (
            "SELECT DISTINCT ON (cuenta_id) cuenta_id, fecha, monto FROM cobranza_pago "
            f"WHERE estado = 'aplicado' {filtro} ORDER BY cuenta_id, fecha DESC, id DESC"
        )
    return (
        "SELECT cuenta_id, fecha, monto FROM (SELECT cuenta_id, fecha, monto, ROW_NUMBER() "
        "OVER (PARTITION BY cuenta_id ORDER BY fecha DESC, id DESC) AS n FROM cobranza_pago "
        f"WHERE estado = 'aplicado' {filtro}) x WHERE n = 1"
    )


def _parametros(dia, filtro_params):
    limites = []
    for _, desde, hasta in CUBETAS:
        limites += [dia - timedelta(days=hasta), dia - timedelta(days=desde)]
    # order of the %s in the SQL: buckets, the three dates, filters of c, p, u and the outer query
    return limites + [dia, dia, dia] + filtro_params * 4


def _filtro(cuenta_ids):
    if cuenta_ids is None:
        return "", []
    if connection.vendor == "postgresql":
        # One array parameter: no cap on how many, and the planner knows how many there are.
        return "AND cu.id = ANY(%s)", [list(cuenta_ids)]
    marcas = ", ".join(["%s"] * len(cuenta_ids))
    return f"AND cu.id IN ({marcas})", list(cuenta_ids)


@transaction.atomic(savepoint=False)  # inside a payment: no SAVEPOINT round trips
def saldos_recalcular(*, cuenta_ids=None, dia=None) -> int:
    """Rewrite SaldoCuenta from the ledger for the given cuentas (all when None)."""
    dia = dia or hoy_local()
    maximo = connection.features.max_query_params
    if cuenta_ids is not None and maximo and len(cuenta_ids) * 5 > maximo:
        cuenta_ids = None  # SQLite caps a statement's parameters; recompute every cuenta
    filtro, params = _filtro(cuenta_ids)
    # NOT EXISTS, not NOT IN: PostgreSQL probes the index instead of reading every saldo row.
    faltantes = "AND NOT EXISTS (SELECT 1 FROM cobranza_saldocuenta s WHERE s.cuenta_id = cu.id)"
    asignaciones = ", ".join(f"{col} = n.{col}" for col in COLUMNAS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO cobranza_saldocuenta (cuenta_id, {', '.join(COLUMNAS)}, calculado_al) "
            f"SELECT cu.id, 0, 0, 0, NULL, 0, '', NULL, NULL, NULL FROM padron_cuenta cu "
            f"WHERE 1 = 1 {filtro} {faltantes}",
            params,
        )
        cursor.execute(
            f"UPDATE cobranza_saldocuenta SET {asignaciones}, calculado_al = %s "
            f"FROM ({_sql_calculados(filtro)}) n WHERE cobranza_saldocuenta.cuenta_id = n.cuenta_id",
            [dia] + _parametros(dia, params),
        )
        return cursor.rowcount


def saldo_recalcular(*, cuenta_id, dia=None) -> SaldoCuenta:
    """The one-account form, called by every ledger service inside its transaction.

    On PostgreSQL one statement: the same calculation written as an upsert that hands the row
    back (a payment's receipt and receivers read it from here, not from another SELECT).
    """
    if connection.vendor != "postgresql":
        saldos_recalcular(cuenta_ids=[cuenta_id], dia=dia)
        return SaldoCuenta.objects.get(cuenta_id=cuenta_id)
    dia = dia or hoy_local()
    filtro, params = _filtro([cuenta_id])
    columnas = (*COLUMNAS, "calculado_al")
    nuevos = ", ".join(f"{col} = EXCLUDED.{col}" for col in columnas)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO cobranza_saldocuenta (cuenta_id, {', '.join(columnas)}) "
            f"SELECT n.cuenta_id, {', '.join('n.' + col for col in COLUMNAS)}, %s "
            f"FROM ({_sql_calculados(filtro)}) n "
            f"ON CONFLICT (cuenta_id) DO UPDATE SET {nuevos} RETURNING {', '.join(columnas)}",
            [dia] + _parametros(dia, params),
        )
        fila = cursor.fetchone()
    saldo = SaldoCuenta(cuenta_id=cuenta_id, **dict(zip(columnas, fila, strict=True)))
    saldo._state.adding, saldo._state.db = False, connection.alias
    return saldo


def al_crear_cuenta(sender, instance, created, raw=False, **kwargs):
    """post_save of Cuenta: a new cuenta gets its saldo row in the same transaction."""
    if created and not raw:  # raw: loaddata brings its own rows
        saldos_recalcular(cuenta_ids=[instance.pk])


def al_crear_cuentas(sender, ids, **kwargs):
    """padron.services.cuentas_creadas: the bulk form (the padrón import skips post_save)."""
    if ids:
        saldos_recalcular(cuenta_ids=ids)


def conectar():
    """Every cuenta has its saldo row from creation, whatever creates it (padron cannot
    import cobranza, so cobranza listens)."""
    from django.db.models.signals import post_save

    from padron.models import Cuenta
    from padron.services import cuentas_creadas

    post_save.connect(al_crear_cuenta, sender=Cuenta, dispatch_uid="cobranza.saldo.cuenta")
    cuentas_creadas.connect(al_crear_cuentas, dispatch_uid="cobranza.saldo.cuentas")


def _comparable(valor):
    # SQLite hands back floats for sums; money is compared to the centavo.
    if isinstance(valor, float | int | Decimal) and not isinstance(valor, bool):
        return redondear(Decimal(str(valor)))
    return None if valor is None else str(valor)


def _sql_diferentes() -> str:
    """The cuentas whose kept row disagrees with the ledger (or is missing), with both values.

    Only the maintained columns count: a row that agrees is not touched, whatever its
    `calculado_al`, so a night without changes writes nothing."""
    distinto = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    condiciones = " OR ".join(f"s.{col} {distinto} n.{col}" for col in COLUMNAS)
    columnas = ", ".join(f"s.{col} AS s_{col}, n.{col} AS n_{col}" for col in COLUMNAS)
    return (
        f"SELECT n.cuenta_id, s.cuenta_id IS NULL AS falta, {columnas} "
        f"FROM ({_sql_calculados('')}) n "
        f"LEFT JOIN cobranza_saldocuenta s ON s.cuenta_id = n.cuenta_id "
        f"WHERE s.cuenta_id IS NULL OR {condiciones}"
    )


def _leer_diferencias(filas) -> list:
    diferencias = []
    for fila in filas:
        cuenta_id, falta, valores = fila[0], fila[1], fila[2:]
        if falta:
            diferencias.append((cuenta_id, FALTA_RENGLON, None, "falta"))
            continue
        for i, col in enumerate(COLUMNAS):
            guardado, calculado = _comparable(valores[2 * i]), _comparable(valores[2 * i + 1])
            if guardado != calculado:
                diferencias.append((cuenta_id, col, guardado, calculado))
    return diferencias


def _memoria_de_trabajo(cursor):
    # The pagos sort and the cargos aggregate spill to disk with the default 4 MB.
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        cursor.execute("SET LOCAL work_mem = '256MB'")


def saldos_diferencias(*, dia=None, limite=None):
    """Rows whose maintained balance disagrees with the ledger: [(cuenta_id, column, kept, ledger)].

    A cuenta with no saldo row at all is one difference, column FALTA_RENGLON."""
    dia = dia or hoy_local()
    sql = _sql_diferentes() + " ORDER BY n.cuenta_id"
    if limite:
        sql += f" LIMIT {int(limite)}"
    with transaction.atomic(), connection.cursor() as cursor:
        _memoria_de_trabajo(cursor)
        cursor.execute(sql, _parametros(dia, []))
        return _leer_diferencias(cursor.fetchall())


@transaction.atomic
def saldos_corregir(*, dia=None) -> tuple[list, int]:
    """Find the differences and write the ledger's values into those rows only (creating
    missing rows): (differences, cuentas written). On PostgreSQL one statement does both,
    one pass over the ledger; elsewhere the differing cuentas are recomputed after."""
    dia = dia or hoy_local()
    with connection.cursor() as cursor:
        _memoria_de_trabajo(cursor)
        if connection.vendor != "postgresql":
            cursor.execute(_sql_diferentes() + " ORDER BY n.cuenta_id", _parametros(dia, []))
            filas = cursor.fetchall()
            ids = [fila[0] for fila in filas]
            return _leer_diferencias(filas), (
                saldos_recalcular(cuenta_ids=ids, dia=dia) if ids else 0
            )
        asignaciones = ", ".join(f"{col} = d.n_{col}" for col in COLUMNAS)
        nuevos = ", ".join(f"d.n_{col}" for col in COLUMNAS)
        # A payment that commits while this runs recomputes its cuenta itself: the UPDATE
        # rechecks the row after waiting for that payment's lock and leaves it alone when it
        # no longer holds what was read, instead of writing back figures from before it.
        intacto = " AND ".join(f"s.{col} IS NOT DISTINCT FROM d.s_{col}" for col in COLUMNAS)
        cursor.execute(
            f"WITH d AS MATERIALIZED ({_sql_diferentes()}), "
            f"cambiados AS (UPDATE cobranza_saldocuenta s SET {asignaciones}, calculado_al = %s "
            f"FROM d WHERE s.cuenta_id = d.cuenta_id AND NOT d.falta AND {intacto}), "
            f"creados AS (INSERT INTO cobranza_saldocuenta (cuenta_id, {', '.join(COLUMNAS)}, "
            f"calculado_al) SELECT d.cuenta_id, {nuevos}, %s FROM d WHERE d.falta "
            f"ON CONFLICT (cuenta_id) DO NOTHING) "
            f"SELECT * FROM d ORDER BY cuenta_id",
            _parametros(dia, []) + [dia, dia],
        )
        filas = cursor.fetchall()
        return _leer_diferencias(filas), len(filas)
