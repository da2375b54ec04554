"""Closing a month: the snapshot the reports of a closed month read (ResumenMensual).

When a month closes, one INSERT … SELECT per cartera writes one row per cuenta, servicio and
concepto with the recovery figures (recuperacion.py defines them) and the past-due saldo at
the close by aging bucket (estadisticas.py), plus the cuenta's clasificación, sector and
gestor at the close. A CierreMes row keeps the month's totals and its report rows (the
recovery breakdown and the estadísticas figures, a few hundred rows aggregated once from the
snapshot's) and what was billed for its periodo (facturado.py: the comparativo's rows, read
again when a billing run or a cancellation comes later), which is what a closed month's
reports read. Late movements are dated when they are entered (a reversal is a negative
aplicación dated the day it is reversed), so nothing can change a closed month's recovery
figures: they are computed once.

Idempotent by skipping: a month with its CierreMes is not written again (a rerun of the task
or the command costs one query). `rehacer=True` replaces it, rows and totals, in one
transaction (for a month closed with a wrong rule). Two workers closing the same month at
once: the second waits on the unique CierreMes row and, when the first commits, skips.
The current month is never closed; the reports compute it live.
"""

import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum

from cobranza.libro.services.saldos import CUBETAS
from cobranza.models import CierreMes, ResumenMensual
from cobranza.reportes.comun import agregado_grande
from cobranza.reportes.estadisticas import SQL_CIFRAS_ESTADISTICAS
from cobranza.reportes.facturado import del_libro as facturado_del_libro
from cobranza.reportes.recuperacion import (
    _MOVIMIENTOS,
    SQL_DEL_RESUMEN,
    _parametros,
    para_el_motor,
    ultimo_mes_cerrable,
)
from padron.dinero import redondear
from padron.fechas import ahora, sumar_meses
from padron.models import Cartera

# The snapshot's columns of past-due saldo at the close, in the order of the buckets.
COLUMNAS_CIERRE = (
    "cierre_1_30",
    "cierre_31_60",
    "cierre_61_90",
    "cierre_91_180",
    "cierre_181_365",
    "cierre_mas_365",
)


def _sql_cubeta() -> str:
    """The cargo's aging bucket at the close (0: not yet due), as estadisticas.py counts it:
    days overdue = siguiente − fecha_vencimiento."""
    casos = " ".join(
        f"WHEN fecha_vencimiento >= %(limite_{hasta})s THEN {i}"
        for i, (_, _, hasta) in enumerate(CUBETAS, start=1)
    )
    return (
        f"CASE WHEN fecha_vencimiento >= %(siguiente)s THEN 0 {casos} ELSE {len(CUBETAS) + 1} END"
    )


def _sql_insertar() -> str:
    cierre = ",\n           ".join(
        f"SUM(CASE WHEN cubeta = {i} THEN saldo_fin ELSE 0 END) AS {columna}"
        for i, columna in enumerate(COLUMNAS_CIERRE, start=1)
    )
    columnas = ", ".join(COLUMNAS_CIERRE)
    distinto_de_cero = " OR ".join(
        f"p.{c} <> 0"
        for c in (
            "vencido_inicio",
            "cobrado_vencido",
            "cobrado_corriente",
            "rezago",
            *COLUMNAS_CIERRE,
        )
    )
    return para_el_motor(
        _MOVIMIENTOS
        + f""", por_cargo AS (
    SELECT cuenta_id, servicio, concepto, fecha_vencimiento, saldo_inicio, saldo_fin, cobrado,
           {_sql_cubeta()} AS cubeta
      FROM cargos
), por_cuenta AS (
    SELECT cuenta_id, servicio, concepto,
           SUM(CASE WHEN fecha_vencimiento < %(inicio)s THEN saldo_inicio ELSE 0 END)
               AS vencido_inicio,
           SUM(CASE WHEN fecha_vencimiento < %(inicio)s THEN cobrado ELSE 0 END)
               AS cobrado_vencido,
           SUM(CASE WHEN fecha_vencimiento >= %(inicio)s THEN cobrado ELSE 0 END)
               AS cobrado_corriente,
           SUM(CASE WHEN fecha_vencimiento >= %(inicio)s AND fecha_vencimiento < %(siguiente)s
                    THEN saldo_fin ELSE 0 END) AS rezago,
           {cierre}
      FROM por_cargo
     GROUP BY cuenta_id, servicio, concepto
), gestor AS (
    SELECT a.cuenta_id, a.asignado_a_id
      FROM cobranza_asignacion a
     WHERE a.desde < %(corte)s AND (a.hasta IS NULL OR a.hasta >= %(corte)s)
)
INSERT INTO cobranza_resumenmensual
       (cartera_id, periodo, cuenta_id, servicio, concepto, clasificacion, sector, gestor_id,
        vencido_inicio, cobrado_vencido, cobrado_corriente, rezago, {columnas})
SELECT %(cartera)s, %(inicio)s, p.cuenta_id, p.servicio, p.concepto, cu.clasificacion,
       cu.sector, g.asignado_a_id,
       p.vencido_inicio, p.cobrado_vencido, p.cobrado_corriente, p.rezago, {columnas}
  FROM por_cuenta p
  JOIN padron_cuenta cu ON cu.id = p.cuenta_id
  LEFT JOIN gestor g ON g.cuenta_id = p.cuenta_id
 WHERE {distinto_de_cero}
""",
        connection,
    )


# Accounts that owed past-due debt at the month's start and none at its close.
_SQL_REGULARIZADAS = f"""
SELECT COUNT(*) FROM (
    SELECT cuenta_id FROM cobranza_resumenmensual
     WHERE cartera_id = %(cartera)s AND periodo = %(inicio)s
     GROUP BY cuenta_id
    HAVING SUM(vencido_inicio) > 0 AND SUM({" + ".join(COLUMNAS_CIERRE)}) <= 0
) regularizadas
"""


# The estadísticas' `deudas` from the snapshot: each cuenta's past-due saldo at the close by
# servicio and bucket (HAVING > 0.005 as estadisticas.py), then its same figures.
def _sql_estadisticas() -> str:
    sumas = ", ".join(f"SUM({c}) AS c{i}" for i, c in enumerate(COLUMNAS_CIERRE, start=1))
    deudas = "\n    UNION ALL\n    ".join(
        f"SELECT cuenta_id, servicio, {i} AS cubeta, c{i} AS saldo FROM por_servicio "
        f"WHERE c{i} > 0.005"
        for i in range(1, len(COLUMNAS_CIERRE) + 1)
    )
    return f"""
WITH por_servicio AS (
    SELECT cuenta_id, servicio, {sumas}
      FROM cobranza_resumenmensual
     WHERE cartera_id = %(cartera)s AND periodo = %(inicio)s
     GROUP BY cuenta_id, servicio
), deudas AS (
    {deudas}
)
{SQL_CIFRAS_ESTADISTICAS}"""


def _texto(valor) -> str:
    return str(redondear(Decimal(str(valor or 0))))


def _cifras(cursor, parametros) -> dict:
    """The month's report rows from its snapshot rows (a few hundred; stored in CierreMes)."""
    cursor.execute(SQL_DEL_RESUMEN, parametros)
    recuperacion = [
        [servicio, concepto, clasificacion, sector, gestor, *map(_texto, montos)]
        for servicio, concepto, clasificacion, sector, gestor, *montos in cursor.fetchall()
    ]
    cursor.execute(_sql_estadisticas(), parametros)
    estadisticas = [
        [grupo, clave, cubeta, cuentas, _texto(monto)]
        for grupo, clave, cubeta, cuentas, monto in cursor.fetchall()
    ]
    return {"recuperacion": recuperacion, "estadisticas": estadisticas}


def parametros_cierre(cartera_id, periodo) -> dict:
    parametros = _parametros(cartera_id, periodo)
    for _, _, hasta in CUBETAS:
        parametros[f"limite_{hasta}"] = parametros["siguiente"] - timedelta(days=hasta)
    return parametros


def _validar_periodo(periodo: date) -> date:
    inicio = periodo.replace(day=1)
    if inicio > ultimo_mes_cerrable():
        raise ValidationError(
            {"periodo": "Solo se cierra un mes ya terminado; el mes en curso se calcula en vivo."}
        )
    return inicio


def _escribir(cierre: CierreMes, cartera: Cartera) -> None:
    """The month's rows in one INSERT … SELECT, then its totals from those rows, and what
    was billed for its periodo (the comparativo's figures)."""
    parametros = parametros_cierre(cierre.cartera_id, cierre.periodo)
    inicio = time.perf_counter()
    cierre.facturacion_al = ahora()
    cierre.facturacion = facturado_del_libro(cartera, [cierre.periodo])[cierre.periodo]
    with connection.cursor() as cursor:
        agregado_grande(connection, cursor)
        cursor.execute(_sql_insertar(), parametros)
        if connection.vendor == "postgresql":
            # The month's rows are new: without statistics the planner sorts them on disk.
            cursor.execute("ANALYZE cobranza_resumenmensual")
        cursor.execute(_SQL_REGULARIZADAS, parametros)
        cierre.cuentas_regularizadas = cursor.fetchone()[0]
        cierre.cifras = _cifras(cursor, parametros)
    totales = ResumenMensual.objects.filter(
        cartera_id=cierre.cartera_id, periodo=cierre.periodo
    ).aggregate(
        filas=Count("id"),
        vencido_inicio=Sum("vencido_inicio"),
        cobrado_vencido=Sum("cobrado_vencido"),
        cobrado_corriente=Sum("cobrado_corriente"),
        rezago=Sum("rezago"),
    )
    for campo, valor in totales.items():
        setattr(cierre, campo, valor or 0)
    cierre.segundos = round(time.perf_counter() - inicio, 2)
    cierre.cerrado = ahora()
    cierre.save()


@dataclass
class Cerrado:
    cierre: CierreMes
    escrito: bool  # False: it was already closed and was left as it was


def cerrar_mes(*, cartera: Cartera, periodo: date, rehacer: bool = False) -> Cerrado:
    """Write the snapshot of a finished month of one cartera, once (see the module's doc)."""
    inicio = _validar_periodo(periodo)
    existente = CierreMes.objects.filter(cartera=cartera, periodo=inicio).first()
    if existente is not None and not rehacer:
        return Cerrado(existente, False)
    try:
        with transaction.atomic():
            if existente is not None:
                cierre = CierreMes.objects.select_for_update().get(pk=existente.pk)
                ResumenMensual.objects.filter(cartera=cartera, periodo=inicio).delete()
            else:
                # Taken first: a second worker waits here, then fails on the unique key.
                cierre = CierreMes.objects.create(cartera=cartera, periodo=inicio, cerrado=ahora())
            _escribir(cierre, cartera)
    except IntegrityError:
        return Cerrado(CierreMes.objects.get(cartera=cartera, periodo=inicio), False)
    return Cerrado(cierre, True)


def meses_cerrar(*, desde: date, hasta: date | None = None, carteras=None) -> list[Cerrado]:
    """Close every month from `desde` to `hasta` (by default the last finished month) of each
    cartera (by default the active ones), oldest first; months already closed are skipped."""
    hasta = _validar_periodo(hasta or ultimo_mes_cerrable())
    desde = desde.replace(day=1)
    if desde > hasta:
        raise ValidationError({"desde": "El mes inicial es posterior al final."})
    if carteras is None:
        carteras = Cartera.objects.filter(activa=True).order_by("clave")
    hechos = []
    for cartera in carteras:
        mes = desde
        while mes <= hasta:
            hechos.append(cerrar_mes(cartera=cartera, periodo=mes))
            mes = sumar_meses(mes, 1)
    return hechos
