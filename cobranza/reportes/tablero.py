"""The gerencia dashboard: four charts drawn from stored reports and one aggregate.

- Recovery % of the last 12 closed months, per active cartera: read from the stored
  recuperación reports. The page never computes one (at 200k accounts a month takes
  seconds): the monthly task stores each month on day 1, and `reporte_recuperacion
  --meses 12 --guardar` fills in the months from before the system; a month missing is a
  gap in the line, and the page says which carteras lack the last month.
- Past-due cartera by aging bucket: one aggregate over the maintained balances (SaldoCuenta).
- Recovered by service in the last closed month: the stored report's breakdown.
- Goals against results of the last closed month: today's goals (Meta) against what the
  stored report says was achieved (its `logros`).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from cobranza.models import Meta, ReporteGuardado, SaldoCuenta
from cobranza.reportes import graficas
from cobranza.reportes.comun import MESES, a_decimal, periodo_por_omision
from cobranza.reportes.guardados import reporte_guardado
from cobranza.reportes.metas import cumplimiento
from cobranza.reportes.recuperacion_reporte import TIPO as RECUPERACION
from padron.fechas import sumar_meses
from padron.models import Cartera

Antiguedad = SaldoCuenta.Antiguedad
RANGOS = [(c, c.replace(">", "> ")) for c in Antiguedad.values if c]
MESES_DEL_TABLERO = 12


@dataclass
class Tablero:
    periodo: date
    carteras: list
    reportes: dict  # (cartera_id, periodo) -> ReporteGuardado
    antiguedad: dict = field(default_factory=dict)  # cartera nombre -> {rango: monto}
    metas: list = field(default_factory=list)

    @property
    def periodo_nombre(self):
        return f"{MESES[self.periodo.month - 1]} de {self.periodo.year}"

    def del_mes(self, cartera):
        return self.reportes.get((cartera.pk, self.periodo))

    def sin_reporte_del_mes(self):
        return [c for c in self.carteras if self.del_mes(c) is None]

    def periodos(self):
        return [sumar_meses(self.periodo, -i) for i in range(MESES_DEL_TABLERO - 1, -1, -1)]


def _reportes(carteras, periodos):
    """{(cartera_id, periodo): stored report} (one query)."""
    return {
        (r.cartera_id, r.periodo): r
        for r in ReporteGuardado.objects.filter(
            tipo=RECUPERACION, cartera__in=carteras, periodo__in=periodos
        ).select_related("cartera")
    }


def recuperacion_rellenar(*, carteras, periodos, usuario=None) -> int:
    """Store (figures only) the recuperación of each month not stored yet; returns how many
    were computed. For the months before the system and the demo; idempotent."""
    guardados = _reportes(carteras, periodos)
    calculados = 0
    for cartera in carteras:
        for periodo in sorted(periodos):  # oldest first: each reads the previous month
            if (cartera.pk, periodo) not in guardados:
                reporte_guardado(
                    tipo=RECUPERACION, cartera=cartera, periodo=periodo, usuario=usuario
                )
                calculados += 1
    return calculados


def _antiguedad(carteras):
    """ONE aggregate: past-due balance by cartera and aging bucket."""
    filas = (
        SaldoCuenta.objects.filter(cuenta__cartera__in=carteras, saldo_vencido__gt=0)
        .exclude(antiguedad="")
        .order_by()
        .values_list("cuenta__cartera_id", "antiguedad")
        .annotate(monto=Sum("saldo_vencido"))
    )
    nombres = {c.pk: c.nombre for c in carteras}
    por_cartera = {c.nombre: {} for c in carteras}
    for cartera_id, rango, monto in filas:
        por_cartera[nombres[cartera_id]][rango] = monto
    return por_cartera


def tablero_cargar(*, periodo: date | None = None) -> Tablero:
    periodo = (periodo or periodo_por_omision()).replace(day=1)
    carteras = list(Cartera.objects.filter(activa=True).order_by("clave"))
    tablero = Tablero(periodo=periodo, carteras=carteras, reportes={})
    tablero.reportes = _reportes(carteras, tablero.periodos())
    tablero.antiguedad = _antiguedad(carteras)
    tablero.metas = list(Meta.objects.filter(cartera__in=carteras, periodo=periodo))
    return tablero


# ---- the charts' figures -----------------------------------------------------------
def serie_recuperacion(tablero: Tablero) -> dict:
    series = {}
    for cartera in tablero.carteras:
        puntos = []
        for periodo in tablero.periodos():
            reporte = tablero.reportes.get((cartera.pk, periodo))
            cifras = reporte.datos.get("cifras", {}) if reporte else {}
            puntos.append((periodo, a_decimal(cifras.get("porcentaje"))))
        series[cartera.nombre] = puntos
    return series


def _con_cartera(etiqueta, cartera, tablero):
    return f"{etiqueta} ({cartera.clave})" if len(tablero.carteras) > 1 else etiqueta


def recuperado_por_servicio(tablero: Tablero) -> dict:
    montos = {}
    for cartera in tablero.carteras:
        reporte = tablero.del_mes(cartera)
        for fila in (reporte.datos.get("desglose", {}) if reporte else {}).get("servicio", []):
            etiqueta = _con_cartera(fila["nombre"], cartera, tablero)
            montos[etiqueta] = montos.get(etiqueta, Decimal(0)) + Decimal(fila["cobrado_vencido"])
    return montos


def metas_contra_resultados(tablero: Tablero) -> list:
    filas = []
    for cartera in tablero.carteras:
        reporte = tablero.del_mes(cartera)
        logros = reporte.datos.get("logros", {}) if reporte else {}
        metas = [m for m in tablero.metas if m.cartera_id == cartera.pk]
        for meta in cumplimiento(metas, logros):
            etiqueta = _con_cartera(meta["nombre"], cartera, tablero)
            filas.append((etiqueta, a_decimal(meta["meta"]), a_decimal(meta["logrado"])))
    return filas


def graficas_del_tablero(tablero: Tablero) -> dict:
    """{clave: (título, figura)} of the four charts."""
    mes = tablero.periodo_nombre
    return {
        "recuperacion": (
            "Recuperación de los últimos 12 meses",
            graficas.grafica_recuperacion(serie_recuperacion(tablero)),
        ),
        "antiguedad": (
            graficas.ANTIGUEDAD_POR_CUENTA,
            graficas.grafica_antiguedad(tablero.antiguedad, RANGOS, graficas.ANTIGUEDAD_POR_CUENTA),
        ),
        "servicio": (
            f"Recuperado por servicio, {mes}",
            graficas.grafica_por_servicio(
                recuperado_por_servicio(tablero), f"Recuperado de cartera vencida, {mes}"
            ),
        ),
        "metas": (
            f"Metas contra resultados, {mes}",
            graficas.grafica_metas(metas_contra_resultados(tablero), f"Metas de {mes}"),
        ),
    }
