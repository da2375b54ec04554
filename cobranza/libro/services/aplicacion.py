"""How money meets debt: the cartera's prelación, then the oldest cargo first."""

from decimal import Decimal

from django.db import connection
from simple_history.utils import bulk_update_with_history

import padron.sql
from cobranza.models import GRUPO_DE_CONCEPTO, Aplicacion, Cargo, Concepto, Pago
from padron import historial
from padron.dinero import CERO
from padron.sql import bloqueo_de_filas, filas

# SQL conditions over the cargo row `c`, by name: (sql, params). A payment pays their cargos
# before anything else. convenios registers one at start-up (a live convenio's cargos come
# first); every owed cargo read for a payment carries each as an attribute of that name.
preferencias_de_pago: dict[str, tuple[str, list]] = {}


def _orden_de_prelacion(cartera) -> tuple[str, list]:
    """The ORDER BY in which a payment pays, over `pendientes` (below), and its parameters."""
    primero = " OR ".join(f"c.{nombre}" for nombre in preferencias_de_pago) or "FALSE"
    params, rangos = [], []
    for i, grupo in enumerate(cartera.prelacion):
        conceptos = [c for c, g in GRUPO_DE_CONCEPTO.items() if g == grupo]
        rangos.append(f"WHEN c.concepto IN ({', '.join(['%s'] * len(conceptos))}) THEN {i}")
        params += conceptos
    orden = [f"CASE WHEN {primero} THEN 0 ELSE 1 END", f"CASE {' '.join(rangos)} END"]
    orden.append("c.fecha_vencimiento")
    if cartera.interes_antes_que_capital:
        orden.append("CASE WHEN c.concepto = %s THEN 0 ELSE 1 END")
        params.append(Concepto.INTERES.value)
    return ", ".join([*orden, "c.id"]), params


def cargos_pendientes_en_prelacion(cuenta, *, hasta=None) -> list[Cargo]:
    """The cuenta's owed cargos, locked, in the order a payment pays them; with `hasta` (an
    amount) only those it reaches: the ones whose earlier cargos owe less than it.

    Cargos a preference names first (a live convenio's); then groups in the cartera's order
    (default: gastos de ejecución, recargos, multas y extraordinarios, principal); inside a
    group the oldest due date first; in a cartera that says so (educational credit), the
    interest of a due date before its capital: "las cantidades pagadas a cuenta de deudas con
    intereses no se imputarán al capital mientras hubiere intereses vencidos y no pagados"
    (Código Civil Federal art. 2094, applied to mercantile debts through art. 2 of the Código
    de Comercio).

    Sorted by the database, so a payment locks and reads only the cargos it pays. Written by
    hand: every payment runs it, and the ORM took 5 ms of Python to compile it. Each
    preference is evaluated once per cargo, in `pendientes`.
    """
    orden, params_orden = _orden_de_prelacion(cuenta.cartera)
    preferencias = "".join(
        f", ({sql}) AS {nombre}" for nombre, (sql, _) in preferencias_de_pago.items()
    )
    params = [p for _, ps in preferencias_de_pago.values() for p in ps]
    params += [cuenta.pk, Cargo.Estado.VIGENTE.value, *params_orden]
    alcanza = ""
    if hasta is not None:
        # Numbers on both sides: SQLite compares a text parameter above any number.
        alcanza = "WHERE o.adeudado_antes < CAST(%s AS NUMERIC) "
        params.append(hasta)
    tabla = Cargo._meta.db_table
    con = (
        f"WITH pendientes AS MATERIALIZED (SELECT c.id, c.saldo, c.concepto, c.fecha_vencimiento"
        f"{preferencias} FROM {tabla} c "
        "WHERE c.cuenta_id = %s AND c.saldo > 0 AND c.estado = %s), "
        "en_orden AS (SELECT c.*, ROW_NUMBER() OVER w AS lugar, "
        "ROUND(SUM(c.saldo) OVER w - c.saldo, 2) AS adeudado_antes FROM pendientes c "
        f"WINDOW w AS (ORDER BY {orden})) "
    )
    return filas(
        Cargo,
        f"FROM {tabla} c JOIN en_orden o ON o.id = c.id {alcanza}"
        f"ORDER BY o.lugar{bloqueo_de_filas(de='c')}",
        params,
        alias="c",
        con=con,
        extras=[(f"o.{nombre}", nombre) for nombre in preferencias_de_pago],
    )


def repartir(disponible: Decimal, cargos) -> list[tuple[Cargo, Decimal]]:
    """What `disponible` pays of each of `cargos`, in order: (cargo, monto), nothing written."""
    partes = []
    for cargo in cargos:
        if disponible <= CERO:
            break
        if cargo.saldo <= CERO:
            continue
        monto = min(disponible, cargo.saldo)
        disponible -= monto
        partes.append((cargo, monto))
    return partes


def partes_escribir(pago: Pago, partes, fecha) -> list[Aplicacion]:
    """Lower each cargo's saldo by its part and record the aplicaciones.

    Three statements whatever the number of cargos (one UPDATE of the saldos, one INSERT of
    their history rows, one INSERT of the aplicaciones); on PostgreSQL the three are one,
    the history rows copied from what the UPDATE returns. The history rows are the "~" rows
    a save() would write, with the request's user.
    """
    if not partes:
        return []
    for cargo, monto in partes:
        cargo.saldo -= monto
    if not padron.sql.un_solo_enunciado():
        bulk_update_with_history([cargo for cargo, _ in partes], Cargo, ["saldo"])
        return Aplicacion.objects.bulk_create(
            [
                Aplicacion(pago=pago, cargo=cargo, monto=monto, fecha=fecha)
                for cargo, monto in partes
            ]
        )
    return _partes_en_un_enunciado(pago, partes, fecha)


def _partes_en_un_enunciado(pago, partes, fecha) -> list[Aplicacion]:
    historia, params_historia = historial.insercion(
        Cargo, tipo="~", usuario=historial.usuario_de_la_peticion()
    )
    filas = ", ".join(["(%s::bigint, %s::numeric, %s::int)"] * len(partes))
    valores = [v for n, (cargo, monto) in enumerate(partes) for v in (cargo.pk, monto, n)]
    sql = (
        f"WITH partes (cargo_id, monto, n) AS (VALUES {filas}), "
        "bajados AS (UPDATE cobranza_cargo c SET saldo = c.saldo - p.monto FROM partes p "
        "WHERE c.id = p.cargo_id RETURNING c.*), "
        f"historia AS ({historia} FROM bajados) "
        "INSERT INTO cobranza_aplicacion (pago_id, cargo_id, monto, fecha) "
        "SELECT %s, cargo_id, monto, %s FROM partes ORDER BY n RETURNING cargo_id, id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*valores, *params_historia, pago.pk, fecha])
        ids = dict(cursor.fetchall())  # a payment pays each cargo once
    aplicaciones = []
    for cargo, monto in partes:
        aplicacion = Aplicacion(id=ids[cargo.pk], pago=pago, cargo=cargo, monto=monto, fecha=fecha)
        aplicacion._state.adding, aplicacion._state.db = False, connection.alias
        aplicaciones.append(aplicacion)
    return aplicaciones


def aplicar_pago(pago: Pago, cargos, fecha) -> list[Aplicacion]:
    """Apply what is left of `pago` to `cargos` in order; the rest stays as saldo a favor."""
    partes = repartir(pago.remanente, cargos)
    aplicaciones = partes_escribir(pago, partes, fecha)
    if partes:
        pago.remanente -= sum((monto for _, monto in partes), CERO)
        pago.save(update_fields=["remanente"])
    return aplicaciones


def saldo_a_favor_aplicar(cuenta, *, fecha) -> list[Aplicacion]:
    """Apply the cuenta's unapplied money (oldest pago first) to what it now owes."""
    pagos = list(
        Pago.objects.select_for_update()
        .filter(cuenta=cuenta, estado=Pago.Estado.APLICADO, remanente__gt=0)
        .order_by("fecha", "id")
    )
    if not pagos:
        return []
    cargos = cargos_pendientes_en_prelacion(cuenta)
    aplicadas = []
    for pago in pagos:
        aplicadas += aplicar_pago(pago, cargos, fecha)
    return aplicadas
