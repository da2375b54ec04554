"""Reads of the educational credit in the ledger: a cuenta's schedule with what is paid,
vencido and por vencer, and the cartera's recovery by cohort (año de otorgamiento). Each
figure is one SQL aggregate; docs/credito.md defines them."""

from decimal import Decimal

from django.db import connection
from django.db.models import Count, Q, Sum

from cobranza.credito.models import ParcialidadCredito, TablaAmortizacion
from cobranza.models import Cargo
from padron.beneficiarios.models import CreditoEducativo, Ministracion
from padron.dinero import CERO, redondear


def tabla_vigente(cuenta):
    return TablaAmortizacion.objects.filter(cuenta=cuenta, vigente=True).first()


def mensualidades(tabla: TablaAmortizacion, dia) -> list[dict]:
    """Each month of the schedule with its state on `dia`: por vencer (not due yet), vencida
    (due and owing), pagada; and how much of it is still owed. One query."""
    filas = (
        ParcialidadCredito.objects.filter(tabla=tabla)
        .annotate(
            cargos_n=Count("cargos", filter=Q(cargos__estado=Cargo.Estado.VIGENTE)),
            adeudo=Sum("cargos__saldo", filter=Q(cargos__estado=Cargo.Estado.VIGENTE)),
        )
        .order_by("numero")
    )
    resultado = []
    for p in filas:
        adeudo = p.adeudo if p.cargos_n else p.pago
        if p.cargos_n and adeudo <= 0:
            estado = "pagada"
        elif p.vencimiento < dia:
            estado = "vencida"
        else:
            estado = "por vencer"
        resultado.append({"parcialidad": p, "estado": estado, "adeudo": adeudo or CERO})
    return resultado


# Balances at a cut: a cargo's saldo at the cut is its monto less the aplicaciones and
# ajustes dated before it (reversals are negative aplicaciones, so they add back).
_SQL_LIBRO = """
WITH cargos AS (
    SELECT g.id, ce.cohorte, g.monto, g.fecha_vencimiento
      FROM padron_creditoeducativo ce
      JOIN padron_cuenta cu ON cu.id = ce.cuenta_id AND cu.cartera_id = %(cartera)s
      JOIN cobranza_cargo g ON g.cuenta_id = ce.cuenta_id AND g.fecha_emision < %(desde)s
), mov AS (
    SELECT a.cargo_id, a.monto AS aplicado, 0 AS ajustado
      FROM cobranza_aplicacion a JOIN cargos c ON c.id = a.cargo_id
     WHERE a.fecha < %(desde)s
    UNION ALL
    SELECT j.cargo_id, 0, j.monto
      FROM cobranza_ajuste j JOIN cargos c ON c.id = j.cargo_id
     WHERE j.fecha < %(desde)s
), por_cargo AS (
    SELECT c.cohorte, c.monto, c.fecha_vencimiento,
           COALESCE(m.aplicado, 0) AS aplicado, COALESCE(m.ajustado, 0) AS ajustado
      FROM cargos c
      LEFT JOIN (SELECT cargo_id, SUM(aplicado) AS aplicado, SUM(ajustado) AS ajustado
                   FROM mov GROUP BY cargo_id) m ON m.cargo_id = c.id
)
SELECT cohorte, SUM(monto), SUM(aplicado),
       SUM(CASE WHEN fecha_vencimiento < %(dia)s AND monto - aplicado - ajustado > 0
                THEN monto - aplicado - ajustado ELSE 0 END)
  FROM por_cargo
 GROUP BY cohorte
"""


def _dinero(valor) -> Decimal:
    return redondear(Decimal(str(valor or 0)))


def recuperacion_por_cohorte(cartera, *, dia, desde) -> list[dict]:
    """Per cohort of the cartera's credits: beneficiarios, monto autorizado, dispuesto
    (ministraciones released before `desde`), facturado (cargos emitted before `desde`),
    recuperado (net aplicaciones before `desde`), vencido (saldo at the cut of what fell due
    before `dia`), por vencer (the current schedules' months due on or after `dia`) and
    % de recuperación = recuperado ÷ (recuperado + vencido)."""
    creditos = CreditoEducativo.objects.filter(cuenta__cartera=cartera).order_by()
    base = {
        f["cohorte"]: f
        for f in creditos.values("cohorte").annotate(
            beneficiarios=Count("id"), otorgado=Sum("monto_autorizado")
        )
    }
    dispuesto = dict(
        Ministracion.objects.filter(
            credito__cuenta__cartera=cartera,
            estado=Ministracion.Estado.LIBERADA,
            fecha_liberacion__lt=desde,
        )
        .order_by()
        .values_list("credito__cohorte")
        .annotate(total=Sum("monto"))
    )
    por_vencer = dict(
        ParcialidadCredito.objects.filter(
            tabla__vigente=True, tabla__cuenta__cartera=cartera, vencimiento__gte=dia
        )
        .order_by()
        .values_list("tabla__cuenta__credito__cohorte")
        .annotate(total=Sum("pago"))
    )
    with connection.cursor() as cursor:
        cursor.execute(_SQL_LIBRO, {"cartera": cartera.pk, "dia": dia, "desde": desde})
        libro = {fila[0]: fila[1:] for fila in cursor.fetchall()}
    filas = []
    for cohorte in sorted(base):
        facturado, recuperado, vencido = (_dinero(v) for v in libro.get(cohorte, (0, 0, 0)))
        exigido = recuperado + vencido
        filas.append(
            {
                "cohorte": cohorte,
                "beneficiarios": base[cohorte]["beneficiarios"],
                "otorgado": _dinero(base[cohorte]["otorgado"]),
                "dispuesto": _dinero(dispuesto.get(cohorte)),
                "facturado": facturado,
                "recuperado": recuperado,
                "vencido": vencido,
                "por_vencer": _dinero(por_vencer.get(cohorte)),
                "porcentaje": redondear(recuperado * 100 / exigido) if exigido else None,
            }
        )
    return filas


def totales(filas: list[dict]) -> dict:
    suma = {
        campo: sum((f[campo] for f in filas), CERO)
        for campo in ("otorgado", "dispuesto", "facturado", "recuperado", "vencido", "por_vencer")
    }
    exigido = suma["recuperado"] + suma["vencido"]
    return {
        "cohorte": "Total",
        "beneficiarios": sum(f["beneficiarios"] for f in filas),
        **suma,
        "porcentaje": redondear(suma["recuperado"] * 100 / exigido) if exigido else None,
    }
