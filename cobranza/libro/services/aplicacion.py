"""How money meets debt: the cartera's prelación, then the oldest cargo first."""

from decimal import Decimal

from django.db import connection
from simple_history.utils import bulk_update_with_history

import padron.sql
from cobranza.models import Aplicacion, Cargo, Concepto, Pago
from padron import historial
from padron.dinero import CERO

# Functions (cuenta) -> set of cargo ids that a payment pays before anything
# else. convenios registers one at start-up: a live convenio's cargos come first.
preferencias_de_pago = []

# What a payment reads of each owed cargo: its order, its saldo and what the receipt names.
CAMPOS_DE_PRELACION = ("cuenta_id", "concepto", "periodo", "fecha_vencimiento", "monto", "saldo")


def cargos_pendientes_en_prelacion(cuenta):
    """The cuenta's owed cargos, locked, in the order a payment pays them.

    Groups in the cartera's order (default: gastos de ejecución, recargos,
    multas y extraordinarios, principal); inside a group the oldest due date first; in a
    cartera that says so (educational credit), the interest of a due date before its capital:
    "las cantidades pagadas a cuenta de deudas con intereses no se imputarán al capital
    mientras hubiere intereses vencidos y no pagados" (Código Civil Federal art. 2094, applied
    to mercantile debts through art. 2 of the Código de Comercio).
    """
    rango = {grupo: i for i, grupo in enumerate(cuenta.cartera.prelacion)}
    cargos = Cargo.objects.select_for_update().filter(
        cuenta=cuenta, saldo__gt=0, estado=Cargo.Estado.VIGENTE
    )
    if padron.sql.un_solo_enunciado():
        # The history is copied from the UPDATE's RETURNING (partes_escribir): these
        # instances only sort, split and name the cargo on the receipt.
        cargos = cargos.only(*CAMPOS_DE_PRELACION)
    cargos = list(cargos)
    primero = set().union(*(preferencia(cuenta) for preferencia in preferencias_de_pago))
    interes_primero = cuenta.cartera.interes_antes_que_capital
    cargos.sort(
        key=lambda c: (
            c.id not in primero,
            rango[c.grupo],
            c.fecha_vencimiento,
            interes_primero and c.concepto != Concepto.INTERES,
            c.id,
        )
    )
    return cargos


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
