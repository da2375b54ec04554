"""Recuperación mensual of one cartera: the past-due cartera at the start of the month, what
was collected in the month (on past-due debt and on current billing), the recovery
percentage, the rezago, broken down by service, concepto, classification, sector and gestor.

Definitions (docs/reportes.md). With inicio the month's first day and siguiente the next
month's first day, for each cargo c of the cartera and its aplicaciones a and ajustes j:
- vencido al inicio = Σ c.monto − a(fecha < inicio) − j(fecha < inicio), c vencido antes de inicio
- cobrado vencido = Σ a(inicio ≤ fecha < siguiente) on cargos vencidos antes de inicio
- cobrado corriente = Σ a(inicio ≤ fecha < siguiente) on the other cargos
- recuperación % = cobrado vencido ÷ vencido al inicio × 100
- rezago = what fell due in the month and was still owed at its end: Σ saldo at the month's
  end of the cargos vencidos en el mes
Reversals are negative aplicaciones dated when reversed, so a closed month never changes.

A closed month (one with its CierreMes) is read from its snapshot (written once by
cierres.cerrar_mes with these same definitions): the few hundred rows of its breakdown. The
current month, and a past month not closed yet, are computed from the ledger.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.db import connections, transaction
from django.utils import timezone

from cobranza.models import CierreMes
from cobranza.reportes.comun import agregado_grande
from padron.dinero import CERO, redondear
from padron.fechas import hoy, sumar_meses
from padron.replica import alias_lectura, en_replica

CIEN = Decimal("100")
CIFRAS = ("vencido_inicio", "cobrado_vencido", "cobrado_corriente", "rezago")
DIMENSIONES = ("servicio", "concepto", "clasificacion", "sector", "gestor")

# The payments (aplicaciones) and adjustments dated from the month's start on.
_MOV = """
WITH mov AS (
    SELECT cargo_id, fecha, monto, 1 AS es_pago FROM cobranza_aplicacion WHERE fecha >= %(inicio)s
    UNION ALL
    SELECT cargo_id, fecha, monto, 0 AS es_pago FROM cobranza_ajuste WHERE fecha >= %(inicio)s
)"""

# The cargos still owed of the cartera's cuentas (cu, c). On PostgreSQL cuenta by cuenta,
# through the index of owed cargos (cargo_pendiente_por_cuenta): OFFSET 0 keeps the planner
# from turning it into a join of the whole ledger's owed cargos (2.5 million at 200,000
# cuentas) with the cartera, so a credit cartera of 30,000 cuentas reads its own 200,000.
# SQLite (the demo) has no LATERAL: a plain join.
_PENDIENTES = "/* pendientes de la cartera */"
_PENDIENTES_POR_MOTOR = {
    "postgresql": """
      FROM padron_cuenta cu
     CROSS JOIN LATERAL (
           SELECT c.cuenta_id, c.servicio, c.concepto, c.fecha_vencimiento, c.saldo
             FROM cobranza_cargo c
            WHERE c.cuenta_id = cu.id AND c.saldo > 0 AND c.fecha_emision < %(siguiente)s
           OFFSET 0) c""",
    "": """
      FROM padron_cuenta cu
      JOIN cobranza_cargo c
        ON c.cuenta_id = cu.id AND c.saldo > 0 AND c.fecha_emision < %(siguiente)s""",
}


def para_el_motor(sql, conexion) -> str:
    """`sql` with the cartera's owed cargos read the way `conexion`'s database does best."""
    pendientes = _PENDIENTES_POR_MOTOR.get(conexion.vendor, _PENDIENTES_POR_MOTOR[""])
    return sql.replace(_PENDIENTES, pendientes)


# A cargo's saldo at a past date is its saldo today plus what moved it since that date.
# So every figure is the sum of two parts that need no join between them: the cargos still
# owed today (saldo > 0, a small share of the ledger) and the movements dated from the
# month's start on (few, for a recent month). Cargos settled before the month add zero.
_MOVIMIENTOS = (
    _MOV
    + """, cargos AS (
    SELECT c.cuenta_id, c.servicio, c.concepto, c.fecha_vencimiento,
           c.saldo AS saldo_inicio, c.saldo AS saldo_fin, 0 AS cobrado"""
    + _PENDIENTES
    + """
     WHERE cu.cartera_id = %(cartera)s
    UNION ALL
    SELECT c.cuenta_id, c.servicio, c.concepto, c.fecha_vencimiento,
           m.monto,
           CASE WHEN m.fecha >= %(siguiente)s THEN m.monto ELSE 0 END,
           CASE WHEN m.es_pago = 1 AND m.fecha < %(siguiente)s THEN m.monto ELSE 0 END
      FROM mov m
      JOIN cobranza_cargo c ON c.id = m.cargo_id
      JOIN padron_cuenta cu ON cu.id = c.cuenta_id AND cu.cartera_id = %(cartera)s
     WHERE c.fecha_emision < %(siguiente)s
)
"""
)

# The breakdown adds the cargos straight into its few groups (servicio, concepto, the cuenta's
# clasificación and sector, its gestor). The cargos still owed (2.4 million in a water
# cartera of 200,000 cuentas) are first summed by group and by where their due date falls
# (tramo: before the month, in it, after it), one sum per row; the movements (a few tens of
# thousands) carry their own figures. Regularised accounts need per-cuenta sums, but only of
# the cuentas with movements since the month's start: a cuenta without any has only its
# cargos' saldo of today (never negative), so what it owed past due at the close covers what
# it owed at the start and it cannot be regularised. So the cuenta stays in the grouping only
# for those (≈ 30,000 groups instead of one per cuenta, servicio and concepto: ≈ 500,000,
# which spilled to disk).
_SQL = (
    _MOV
    + """, movidos AS (
    SELECT c.cuenta_id, c.servicio, c.concepto, c.fecha_vencimiento, cu.clasificacion, cu.sector,
           m.fecha, m.monto, m.es_pago
      FROM mov m
      JOIN cobranza_cargo c ON c.id = m.cargo_id
      JOIN padron_cuenta cu ON cu.id = c.cuenta_id AND cu.cartera_id = %(cartera)s
     WHERE c.fecha_emision < %(siguiente)s
), gestor AS (
    SELECT a.cuenta_id, a.asignado_a_id
      FROM cobranza_asignacion a
     WHERE a.desde < %(corte)s AND (a.hasta IS NULL OR a.hasta >= %(corte)s)
), pendientes AS (
    SELECT c.servicio, c.concepto, cu.clasificacion, cu.sector, g.asignado_a_id AS gestor,
           CASE WHEN c.cuenta_id IN (SELECT cuenta_id FROM movidos) THEN c.cuenta_id END
               AS con_movimientos,
           CASE WHEN c.fecha_vencimiento < %(inicio)s THEN 0
                WHEN c.fecha_vencimiento < %(siguiente)s THEN 1
                ELSE 2 END AS tramo,
           SUM(c.saldo) AS saldo"""
    + _PENDIENTES
    + """
      LEFT JOIN gestor g ON g.cuenta_id = c.cuenta_id
     WHERE cu.cartera_id = %(cartera)s
     GROUP BY 1, 2, 3, 4, 5, 6, 7
), filas AS (
    -- saldo today: at the start (before the month's movements) and at the close alike
    SELECT servicio, concepto, clasificacion, sector, gestor, con_movimientos,
           CASE WHEN tramo = 0 THEN saldo ELSE 0 END AS vencido,
           0 AS cobrado_v,
           0 AS cobrado_c,
           CASE WHEN tramo = 1 THEN saldo ELSE 0 END AS rezago,
           CASE WHEN tramo < 2 THEN saldo ELSE 0 END AS vencido_fin
      FROM pendientes
    UNION ALL
    -- a movement from the start on adds to the saldo at the start; from the close on, to the
    -- saldo at the close; a payment of the month is collected
    SELECT m.servicio, m.concepto, m.clasificacion, m.sector, g.asignado_a_id, m.cuenta_id,
           CASE WHEN m.fecha_vencimiento < %(inicio)s THEN m.monto ELSE 0 END,
           CASE WHEN m.fecha_vencimiento < %(inicio)s AND m.es_pago = 1
                     AND m.fecha < %(siguiente)s THEN m.monto ELSE 0 END,
           CASE WHEN m.fecha_vencimiento >= %(inicio)s AND m.es_pago = 1
                     AND m.fecha < %(siguiente)s THEN m.monto ELSE 0 END,
           CASE WHEN m.fecha_vencimiento >= %(inicio)s AND m.fecha_vencimiento < %(siguiente)s
                     AND m.fecha >= %(siguiente)s THEN m.monto ELSE 0 END,
           CASE WHEN m.fecha_vencimiento < %(siguiente)s AND m.fecha >= %(siguiente)s
                THEN m.monto ELSE 0 END
      FROM movidos m
      LEFT JOIN gestor g ON g.cuenta_id = m.cuenta_id
), por_grupo AS (
    SELECT servicio, concepto, clasificacion, sector, gestor, con_movimientos,
           SUM(vencido) AS vencido, SUM(cobrado_v) AS cobrado_v, SUM(cobrado_c) AS cobrado_c,
           SUM(rezago) AS rezago, SUM(vencido_fin) AS vencido_fin
      FROM filas
     GROUP BY 1, 2, 3, 4, 5, 6
), regularizadas AS (
    -- owed past-due debt at the month's start and none at its end
    SELECT COUNT(*) AS cuentas FROM (
        SELECT con_movimientos FROM por_grupo
         WHERE con_movimientos IS NOT NULL
         GROUP BY con_movimientos
        HAVING SUM(vencido) > 0 AND SUM(vencido_fin) <= 0
    ) por_cuenta_regularizada
)
SELECT p.servicio, p.concepto, p.clasificacion, p.sector, p.gestor,
       SUM(p.vencido), SUM(p.cobrado_v), SUM(p.cobrado_c), SUM(p.rezago), MAX(r.cuentas)
  FROM por_grupo p
  CROSS JOIN regularizadas r
 GROUP BY p.servicio, p.concepto, p.clasificacion, p.sector, p.gestor
"""
)


# The same rows from a closed month's snapshot (cierres.py stores them in CierreMes.cifras).
SQL_DEL_RESUMEN = """
SELECT servicio, concepto, clasificacion, sector, gestor_id,
       SUM(vencido_inicio), SUM(cobrado_vencido), SUM(cobrado_corriente), SUM(rezago)
  FROM cobranza_resumenmensual
 WHERE cartera_id = %(cartera)s AND periodo = %(inicio)s
 GROUP BY servicio, concepto, clasificacion, sector, gestor_id
"""

FUENTE_CIERRE = "cierre"  # read from the closed month's snapshot
FUENTE_LIBRO = "libro"  # computed from the ledger


@dataclass
class Recuperacion:
    cartera_id: int
    periodo: date
    vencido_inicio: Decimal = CERO
    cobrado_vencido: Decimal = CERO
    cobrado_corriente: Decimal = CERO
    rezago: Decimal = CERO
    cuentas_regularizadas: int = 0
    desglose: dict = field(default_factory=dict)  # dimension -> {clave: {cifra: monto}}
    fuente: str = FUENTE_LIBRO

    @property
    def cobrado(self):
        return self.cobrado_vencido + self.cobrado_corriente

    @property
    def porcentaje(self):
        return porcentaje(self.cobrado_vencido, self.vencido_inicio)


def porcentaje(parte, total):
    """parte ÷ total × 100 to two places; None when there is nothing to recover."""
    if not total:
        return None
    return redondear(Decimal(parte) * CIEN / Decimal(total))


def _parametros(cartera_id, periodo):
    inicio = periodo.replace(day=1)
    siguiente = sumar_meses(inicio, 1)
    # The gestor of each cuenta is the one assigned at the end of the month.
    corte = timezone.make_aware(datetime.combine(siguiente, time.min))
    return {"cartera": cartera_id, "inicio": inicio, "siguiente": siguiente, "corte": corte}


def _decimal(valor):
    return redondear(Decimal(valor or 0))


def ultimo_mes_cerrable() -> date:
    """The last month that can be closed: the one before today's."""
    return sumar_meses(hoy().replace(day=1), -1)


def cierre_del_mes(cartera_id, periodo) -> CierreMes | None:
    """The month's CierreMes if it was closed (the current month never is)."""
    inicio = periodo.replace(day=1)
    if inicio > ultimo_mes_cerrable():
        return None
    with en_replica():
        return CierreMes.objects.filter(cartera_id=cartera_id, periodo=inicio).first()


def _filas_del_libro(parametros) -> list:
    alias = alias_lectura()
    conexion = connections[alias]
    with transaction.atomic(using=alias), conexion.cursor() as cursor:
        # The planner estimates millions of groups (it cannot know how few cuentas moved) and
        # would sort the 2.4 million rows on disk; hashing them takes a few MB.
        agregado_grande(conexion, cursor, sin_ordenar=True)
        cursor.execute(para_el_motor(_SQL, conexion), parametros)
        return cursor.fetchall()


def _filas_del_cierre(cierre) -> list:
    regularizadas = cierre.cuentas_regularizadas
    return [(*fila, regularizadas) for fila in cierre.cifras.get("recuperacion", [])]


def recuperacion_calcular(*, cartera_id, periodo) -> Recuperacion:
    parametros = _parametros(cartera_id, periodo)
    resultado = Recuperacion(cartera_id=cartera_id, periodo=parametros["inicio"])
    desglose = {d: {} for d in DIMENSIONES}
    cierre = cierre_del_mes(cartera_id, parametros["inicio"])
    with en_replica():
        if cierre is not None:
            filas = _filas_del_cierre(cierre)
            resultado.fuente = FUENTE_CIERRE
            resultado.cuentas_regularizadas = cierre.cuentas_regularizadas
        else:
            filas = _filas_del_libro(parametros)
    for *claves, vencido, cobrado_v, cobrado_c, rezago, regularizadas in filas:
        resultado.cuentas_regularizadas = regularizadas
        cifras = dict(
            zip(CIFRAS, map(_decimal, (vencido, cobrado_v, cobrado_c, rezago)), strict=True)
        )
        for cifra, monto in cifras.items():
            setattr(resultado, cifra, getattr(resultado, cifra) + monto)
        for dimension, clave in zip(DIMENSIONES, claves, strict=True):
            grupo = desglose[dimension].setdefault(clave or "", dict.fromkeys(CIFRAS, CERO))
            for cifra, monto in cifras.items():
                grupo[cifra] += monto
    resultado.desglose = desglose
    return resultado
