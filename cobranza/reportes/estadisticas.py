"""Estadísticas de deudores por servicio (report type "estadisticas"): debtors and past-due
amounts by servicio and aging bucket, plus the padrón's figures. docs/reportes.md defines them.

The balances are those at the month's close. A cargo's saldo at a past moment is its saldo
today plus the aplicaciones and ajustes dated since (the rule of recuperacion.py), so the
query reads only the cargos still owed today and the recent movements:
- a closed month: saldos at the end of its last day; a cargo is past due if it fell due
  before the next month's first day, and its age is counted to that day. The total equals
  the next month's "vencido al inicio" of the recovery report.
- the current month: a snapshot at generation, today's balances (what SaldoCuenta keeps:
  past due if due before today, age counted to today). A stored report keeps the snapshot.
Each cargo goes to the bucket of its own age. A debtor is a cuenta whose past-due saldo in
that servicio and bucket is above zero; the servicio and overall totals count each cuenta once.
The padrón figures (estado, clasificación, grandes consumidores) are always the padrón as it
is at generation.
"""

from datetime import timedelta

from django.db import connections, transaction
from django.db.models import Count

from cobranza.libro.services.saldos import CUBETAS
from cobranza.models import SaldoCuenta, Servicio
from cobranza.reportes.comun import (
    Mes,
    a_decimal,
    agregado_grande,
    dinero,
    encabezado,
    mes_de,
    texto,
)
from cobranza.reportes.recuperacion import cierre_del_mes
from cobranza.reportes.recuperacion_reporte import hoja_metas, metas_del_periodo
from cobranza.reportes.registro import TipoReporte, registrar_reporte
from padron.fechas import hoy
from padron.models import Cuenta
from padron.replica import alias_lectura, en_replica

TIPO = "estadisticas"
TITULO = "Estadísticas de deudores por servicio"
# Ordinal of each bucket in the SQL (the account's oldest debt is the highest).
RANGOS = [(clave, etiqueta) for clave, etiqueta in SaldoCuenta.Antiguedad.choices if clave]
_ORDINAL = {i + 1: clave for i, (clave, _) in enumerate(RANGOS)}

# `deudas` (one row per cuenta, servicio and bucket with saldo) is read six times; PostgreSQL
# computes it once. HAVING > 0.005, not > 0: money has two places, and SQLite adds it as floats
# (a paid-off cargo could leave 1e-14); on PostgreSQL (numeric) both mean the same.
_SQL_DEUDAS_DEL_LIBRO = """
WITH mov AS (
    SELECT cargo_id, monto FROM cobranza_aplicacion WHERE fecha >= %(desde)s
    UNION ALL
    SELECT cargo_id, monto FROM cobranza_ajuste WHERE fecha >= %(desde)s
), cargos AS (
    SELECT c.cuenta_id, c.servicio, c.fecha_vencimiento, c.saldo
      FROM cobranza_cargo c
      JOIN padron_cuenta cu ON cu.id = c.cuenta_id AND cu.cartera_id = %(cartera)s
     WHERE c.saldo > 0 AND c.fecha_emision < %(desde)s AND c.fecha_vencimiento < %(dia)s
    UNION ALL
    SELECT c.cuenta_id, c.servicio, c.fecha_vencimiento, m.monto
      FROM mov m
      JOIN cobranza_cargo c ON c.id = m.cargo_id
      JOIN padron_cuenta cu ON cu.id = c.cuenta_id AND cu.cartera_id = %(cartera)s
     WHERE c.fecha_emision < %(desde)s AND c.fecha_vencimiento < %(dia)s
), deudas AS (
    SELECT cuenta_id, servicio, cubeta, SUM(saldo) AS saldo
      FROM (SELECT cuenta_id, servicio, saldo, {cubeta} AS cubeta FROM cargos) por_cargo
     GROUP BY cuenta_id, servicio, cubeta
    HAVING SUM(saldo) > 0.005
)
"""

SQL_CIFRAS_ESTADISTICAS = """
SELECT 'celda', servicio, cubeta, COUNT(*), SUM(saldo) FROM deudas GROUP BY servicio, cubeta
UNION ALL
SELECT 'servicio', servicio, 0, COUNT(DISTINCT cuenta_id), SUM(saldo) FROM deudas
 GROUP BY servicio
UNION ALL
SELECT 'cubeta', '', cubeta, COUNT(DISTINCT cuenta_id), SUM(saldo) FROM deudas GROUP BY cubeta
UNION ALL
SELECT 'total', '', 0, COUNT(DISTINCT cuenta_id), SUM(saldo) FROM deudas
UNION ALL
SELECT 'cuenta', '', cubeta, COUNT(*), SUM(saldo)
  FROM (SELECT cuenta_id, MAX(cubeta) AS cubeta, SUM(saldo) AS saldo
          FROM deudas GROUP BY cuenta_id) por_cuenta
 GROUP BY cubeta
UNION ALL
SELECT 'gran_consumidor', cu.gran_consumidor, 0, COUNT(DISTINCT d.cuenta_id), SUM(d.saldo)
  FROM deudas d JOIN padron_cuenta cu ON cu.id = d.cuenta_id
 WHERE cu.gran_consumidor <> ''
 GROUP BY cu.gran_consumidor
"""


def _sql_cubeta() -> str:
    # Days overdue = dia − fecha_vencimiento; bucket limits as dates keep the SQL portable.
    casos = " ".join(
        f"WHEN fecha_vencimiento >= %(limite_{hasta})s THEN {i}"
        for i, (_, _, hasta) in enumerate(CUBETAS, start=1)
    )
    return f"CASE {casos} ELSE {len(CUBETAS) + 1} END"


def corte_de(mes: Mes) -> dict:
    """The moment of the balances: the month's close, or now for the month in course."""
    dia = hoy()
    if dia < mes.siguiente:
        return {"dia": dia, "desde": dia + timedelta(days=1), "foto": True, "al": dia}
    return {"dia": mes.siguiente, "desde": mes.siguiente, "foto": False, "al": mes.ultimo_dia}


def _filas_deudores(cartera, corte) -> list:
    """The rows of the figures: from the month's snapshot when it is closed, else the ledger."""
    inicio = corte["al"].replace(day=1)
    cierre = None if corte["foto"] else cierre_del_mes(cartera.pk, inicio)
    parametros = {"cartera": cartera.pk, "dia": corte["dia"], "desde": corte["desde"]}
    parametros["inicio"] = inicio
    for _, _, hasta in CUBETAS:
        parametros[f"limite_{hasta}"] = corte["dia"] - timedelta(days=hasta)
    if cierre is not None:  # its rows, aggregated once when the month closed (cierres.py)
        return cierre.cifras.get("estadisticas", [])
    with en_replica():
        alias = alias_lectura()
        conexion = connections[alias]
        with transaction.atomic(using=alias), conexion.cursor() as cursor:
            agregado_grande(conexion, cursor)
            sql = _SQL_DEUDAS_DEL_LIBRO.format(cubeta=_sql_cubeta()) + SQL_CIFRAS_ESTADISTICAS
            cursor.execute(sql, parametros)
            return cursor.fetchall()


def _cifra(deudores=0, monto=0) -> dict:
    return {"deudores": deudores, "monto": texto(dinero(monto))}


def deudores(cartera, corte) -> dict:
    filas = _filas_deudores(cartera, corte)
    por = {}
    for grupo, clave, cubeta, cuentas, monto in filas:
        por[(grupo, clave or "", _ORDINAL.get(cubeta, ""))] = _cifra(cuentas, monto)
    nombres = dict(Servicio.choices)
    servicios = sorted({clave for grupo, clave, _ in por if grupo == "servicio"})
    return {
        "servicios": [
            {
                "clave": servicio,
                "nombre": nombres.get(servicio, servicio),
                "celdas": [por.get(("celda", servicio, r), _cifra()) for r, _ in RANGOS],
                **por[("servicio", servicio, "")],
            }
            for servicio in servicios
        ],
        "totales": {
            "celdas": [por.get(("cubeta", "", r), _cifra()) for r, _ in RANGOS],
            **por.get(("total", "", ""), _cifra()),
        },
        "por_antiguedad_de_cuenta": [
            {"clave": r, "nombre": nombre, **por.get(("cuenta", "", r), _cifra())}
            for r, nombre in RANGOS
        ],
        "deudores_gran_consumidor": {
            clave: cifra for (grupo, clave, _), cifra in por.items() if grupo == "gran_consumidor"
        },
    }


def padron(cartera) -> dict:
    """The cartera's cuentas by estado and clasificación, and its grandes consumidores."""
    filas = list(
        Cuenta.objects.filter(cartera=cartera)
        .order_by()
        .values_list("estado", "clasificacion")
        .annotate(cuentas=Count("id"))
    )
    grandes = dict(
        Cuenta.objects.filter(cartera=cartera)
        .exclude(gran_consumidor="")
        .order_by()
        .values_list("gran_consumidor")
        .annotate(cuentas=Count("id"))
    )
    estados = [(c, n) for c, n in Cuenta.Estado.choices]
    clasificaciones = [*Cuenta.Clasificacion.choices, ("", "Sin clasificación")]
    cuenta = {}
    for estado, clasificacion, n in filas:
        cuenta[(estado, clasificacion)] = cuenta.get((estado, clasificacion), 0) + n
    por_clasificacion = []
    for clave, nombre in clasificaciones:
        celdas = [cuenta.get((e, clave), 0) for e, _ in estados]  # in the order of "estados"
        if any(celdas):
            por_clasificacion.append(
                {"clave": clave, "nombre": nombre, "celdas": celdas, "cuentas": sum(celdas)}
            )
    return {
        "cuentas": sum(n for _, _, n in filas),
        "estados": [{"clave": c, "nombre": n} for c, n in estados],
        "por_estado": [
            {"clave": e, "nombre": n, "cuentas": sum(v for (es, _), v in cuenta.items() if es == e)}
            for e, n in estados
        ],
        "por_clasificacion": por_clasificacion,
        "grandes_consumidores": grandes,
    }


def calcular(cartera, periodo) -> dict:
    mes = mes_de(periodo)
    corte = corte_de(mes)
    datos = encabezado(TIPO, TITULO, cartera, mes)
    datos["corte"] = {
        "al": corte["al"].isoformat(),
        "antiguedad_al": corte["dia"].isoformat(),
        "foto": corte["foto"],
        "al_texto": f"{corte['al']:%d/%m/%Y}",
        "antiguedad_al_texto": f"{corte['dia']:%d/%m/%Y}",
    }
    datos["rangos"] = [{"clave": c, "nombre": n} for c, n in RANGOS]
    deuda = deudores(cartera, corte)
    deuda_grandes = deuda.pop("deudores_gran_consumidor")
    datos.update(deuda)
    datos["padron"] = padron(cartera)
    datos["grandes_consumidores"] = [
        {"clave": categoria, "cuentas": cuentas, **deuda_grandes.get(categoria, _cifra())}
        for categoria, cuentas in sorted(datos["padron"].pop("grandes_consumidores").items())
    ]
    datos["metas"] = metas_del_periodo(cartera, mes)
    return datos


def hojas(datos) -> list:
    rangos = [r["nombre"] for r in datos["rangos"]]
    por_servicio = []
    for servicio in [*datos["servicios"], {"nombre": "Total", **datos["totales"]}]:
        for rango, celda in zip(rangos, servicio["celdas"], strict=True):
            por_servicio.append(
                [servicio["nombre"], rango, celda["deudores"], a_decimal(celda["monto"])]
            )
        por_servicio.append(
            [servicio["nombre"], "Total", servicio["deudores"], a_decimal(servicio["monto"])]
        )
    padron_datos = datos["padron"]
    estados = padron_datos["estados"]
    return [
        (
            "Deudores por servicio",
            ["Servicio", "Antigüedad", "Deudores", "Monto vencido"],
            por_servicio,
        ),
        (
            "Antigüedad por cuenta",
            ["Adeudo más antiguo", "Cuentas", "Monto vencido"],
            [
                [r["nombre"], r["deudores"], a_decimal(r["monto"])]
                for r in datos["por_antiguedad_de_cuenta"]
            ],
        ),
        (
            "Padrón",
            ["Clasificación", *(e["nombre"] for e in estados), "Total"],
            [[c["nombre"], *c["celdas"], c["cuentas"]] for c in padron_datos["por_clasificacion"]]
            + [
                [
                    "Total",
                    *(e["cuentas"] for e in padron_datos["por_estado"]),
                    padron_datos["cuentas"],
                ]
            ],
        ),
        (
            "Grandes consumidores",
            ["Categoría", "Cuentas", "Con adeudo vencido", "Monto vencido"],
            [
                [g["clave"], g["cuentas"], g["deudores"], a_decimal(g["monto"])]
                for g in datos["grandes_consumidores"]
            ],
        ),
        hoja_metas(datos),
    ]


registrar_reporte(
    TipoReporte(TIPO, TITULO, calcular, "cobranza/reportes/estadisticas_pdf.html", hojas)
)
