"""The gerencia dashboard: four charts drawn from stored reports and one aggregate.

- Recovery % of the last 12 closed months, per active cartera: read from each month's
  CierreMes (its totals, written once when the month closed: cierres.py), or from the stored
  recuperación report of a month not closed. The page never computes one: a month with
  neither is a gap in the line, and the page says which carteras lack the last month's report.
  The figures of a closed month cannot change. The charts' matplotlib figures (and their SVG)
  are reused while their data is exactly the same (keyed by that data, so never stale).
- Past-due cartera by aging bucket: one aggregate over today's maintained balances
  (SaldoCuenta, ≈ 0.2-0.4 s at 200,000 cuentas, 2 s at a million), kept 5 minutes in the
  cache: the only figure of the page that moves during the day, so a payment shows in it
  within 5 minutes. Celery beat sums it again every 4 minutes (antiguedad_calentar), so no
  visit pays for it.
- Recovered by service in the last closed month: its close's recovery rows (CierreMes.cifras),
  or the stored report's breakdown when the month is not closed.
- Goals against results of the last closed month: today's goals (Meta) against what the
  stored report says was achieved (its `logros`).
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Case, JSONField, Sum, When
from django.db.models.fields.json import KeyTransform

from cobranza.models import CierreMes, Meta, ReporteGuardado, SaldoCuenta, Servicio
from cobranza.reportes import graficas
from cobranza.reportes.comun import MESES, a_decimal, periodo_por_omision, porcentaje
from cobranza.reportes.guardados import reporte_guardado
from cobranza.reportes.metas import cumplimiento
from cobranza.reportes.recuperacion_reporte import TIPO as RECUPERACION
from padron.fechas import hoy, sumar_meses
from padron.models import Cartera
from padron.replica import en_replica

Antiguedad = SaldoCuenta.Antiguedad
RANGOS = [(c, c.replace(">", "> ")) for c in Antiguedad.values if c]
MESES_DEL_TABLERO = 12
ANTIGUEDAD_VIGENCIA_S = 300


@dataclass
class Tablero:
    periodo: date
    carteras: list
    reportes: dict  # (cartera_id, periodo) -> ReporteGuardado, the last month's
    porcentajes: dict = field(default_factory=dict)  # (cartera_id, periodo) -> recovery %
    antiguedad: dict = field(default_factory=dict)  # cartera nombre -> {rango: monto}
    metas: list = field(default_factory=list)
    # cartera_id -> the last month's recovery rows stored in its close (CierreMes.cifras)
    cierres: dict = field(default_factory=dict)

    @property
    def periodo_nombre(self):
        return f"{MESES[self.periodo.month - 1]} de {self.periodo.year}"

    def del_mes(self, cartera):
        return self.reportes.get((cartera.pk, self.periodo))

    def sin_reporte_del_mes(self):
        return [c for c in self.carteras if self.del_mes(c) is None]

    def periodos(self):
        return [sumar_meses(self.periodo, -i) for i in range(MESES_DEL_TABLERO - 1, -1, -1)]


def _porcentajes(carteras, periodos, ultimo) -> tuple[dict, dict]:
    """{(cartera_id, periodo): recovery %} of the months: from their CierreMes, else from
    their stored report's figures; and {cartera_id: recovery rows} of the `ultimo` month's
    closes (two small queries; no report's data is loaded)."""
    guardados = (
        ReporteGuardado.objects.filter(
            tipo=RECUPERACION, cartera__in=carteras, periodo__in=periodos
        )
        .order_by()
        .values_list("cartera_id", "periodo", "datos__cifras__porcentaje")
    )
    porcentajes = {(c, p): a_decimal(valor) for c, p, valor in guardados}
    del_ultimo = Case(
        When(periodo=ultimo, then=KeyTransform("recuperacion", "cifras")),
        output_field=JSONField(),
    )
    cierres = (
        CierreMes.objects.filter(cartera__in=carteras, periodo__in=periodos)
        .order_by()
        .values_list("cartera_id", "periodo", "cobrado_vencido", "vencido_inicio", del_ultimo)
    )
    filas_del_ultimo = {}
    for cartera_id, periodo, cobrado, vencido, filas in cierres:
        porcentajes[(cartera_id, periodo)] = porcentaje(cobrado, vencido)
        if periodo == ultimo:
            filas_del_ultimo[cartera_id] = filas or []
    return porcentajes, filas_del_ultimo


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


def clave_antiguedad(carteras) -> str:
    ids = ",".join(str(c.pk) for c in carteras)
    return f"tablero:antiguedad:{hoy():%Y-%m-%d}:{ids}"


def _antiguedad(carteras):
    """Past-due balance by cartera and aging bucket, from the cache when it was computed
    less than ANTIGUEDAD_VIGENCIA_S ago today."""
    clave = clave_antiguedad(carteras)
    por_cartera = cache.get(clave)
    if por_cartera is None:
        por_cartera = _antiguedad_calcular(carteras)
        cache.set(clave, por_cartera, ANTIGUEDAD_VIGENCIA_S)
    return por_cartera


def _carteras_activas():
    return list(Cartera.objects.filter(activa=True).order_by("clave"))


def antiguedad_calentar() -> int:
    """Sum today's aging of the active carteras into the cache the page reads (the beat task
    every 4 minutes, before the 5 minutes run out). Idempotent: it rewrites the same key."""
    carteras = _carteras_activas()
    with en_replica():
        cache.set(clave_antiguedad(carteras), _antiguedad_calcular(carteras), ANTIGUEDAD_VIGENCIA_S)
    return len(carteras)


def _antiguedad_calcular(carteras):
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
    carteras = _carteras_activas()
    tablero = Tablero(periodo=periodo, carteras=carteras, reportes={})
    with en_replica():
        tablero.reportes = _reportes(carteras, [periodo])
        tablero.porcentajes, tablero.cierres = _porcentajes(carteras, tablero.periodos(), periodo)
        tablero.antiguedad = _antiguedad(carteras)
        tablero.metas = list(Meta.objects.filter(cartera__in=carteras, periodo=periodo))
    return tablero


# ---- the charts' figures -----------------------------------------------------------
def serie_recuperacion(tablero: Tablero) -> dict:
    series = {}
    for cartera in tablero.carteras:
        puntos = []
        for periodo in tablero.periodos():
            puntos.append((periodo, tablero.porcentajes.get((cartera.pk, periodo))))
        series[cartera.nombre] = puntos
    return series


def _con_cartera(etiqueta, cartera, tablero):
    return f"{etiqueta} ({cartera.clave})" if len(tablero.carteras) > 1 else etiqueta


def _por_servicio_del_cierre(filas) -> list:
    """[(nombre, cobrado vencido)] by servicio from a close's recovery rows ([servicio,
    concepto, clasificación, sector, gestor, vencido_inicio, cobrado_vencido, …]), named as
    the stored report names them."""
    cobrado = {}
    for servicio, *_, cobrado_vencido, _corriente, _rezago in filas:
        cobrado[servicio or ""] = cobrado.get(servicio or "", Decimal(0)) + Decimal(cobrado_vencido)
    nombres = dict(Servicio.choices)
    claves = sorted(cobrado, key=lambda c: (c == "", nombres.get(c, c)))
    return [(nombres.get(c, c) if c else "Sin servicio", cobrado[c]) for c in claves]


def recuperado_por_servicio(tablero: Tablero) -> dict:
    """The last month's recovery by servicio: from its close, else from its stored report."""
    montos = {}
    for cartera in tablero.carteras:
        if tablero.cierres.get(cartera.pk) is not None:
            filas = _por_servicio_del_cierre(tablero.cierres[cartera.pk])
        else:
            reporte = tablero.del_mes(cartera)
            desglose = reporte.datos.get("desglose", {}) if reporte else {}
            filas = [
                (f["nombre"], Decimal(f["cobrado_vencido"])) for f in desglose.get("servicio", [])
            ]
        for nombre, cobrado in filas:
            etiqueta = _con_cartera(nombre, cartera, tablero)
            montos[etiqueta] = montos.get(etiqueta, Decimal(0)) + cobrado
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


# Figures by their exact data: drawing a chart (≈ 80 ms of matplotlib) is skipped when its
# figures are the same as last time. Never stale: the key is everything the chart shows.
_FIGURAS: OrderedDict = OrderedDict()
_FIGURAS_MAXIMO = 32
_CANDADO = threading.Lock()


def _llave(valor):
    if isinstance(valor, dict):
        return tuple((k, _llave(v)) for k, v in valor.items())
    if isinstance(valor, list | tuple):
        return tuple(_llave(v) for v in valor)
    return valor


def _figura(construir, *argumentos):
    llave = (construir.__name__, _llave(argumentos))
    with _CANDADO:
        if llave in _FIGURAS:
            _FIGURAS.move_to_end(llave)
            return _FIGURAS[llave]
    figura = construir(*argumentos)
    with _CANDADO:
        _FIGURAS[llave] = figura
        while len(_FIGURAS) > _FIGURAS_MAXIMO:
            _FIGURAS.popitem(last=False)
    return figura


def graficas_del_tablero(tablero: Tablero) -> dict:
    """{clave: (título, figura)} of the four charts."""
    mes = tablero.periodo_nombre
    return {
        "recuperacion": (
            "Recuperación de los últimos 12 meses",
            _figura(graficas.grafica_recuperacion, serie_recuperacion(tablero)),
        ),
        "antiguedad": (
            graficas.ANTIGUEDAD_POR_CUENTA,
            _figura(
                graficas.grafica_antiguedad,
                tablero.antiguedad,
                RANGOS,
                graficas.ANTIGUEDAD_POR_CUENTA,
            ),
        ),
        "servicio": (
            f"Recuperado por servicio, {mes}",
            _figura(
                graficas.grafica_por_servicio,
                recuperado_por_servicio(tablero),
                f"Recuperado de cartera vencida, {mes}",
            ),
        ),
        "metas": (
            f"Metas contra resultados, {mes}",
            _figura(graficas.grafica_metas, metas_contra_resultados(tablero), f"Metas de {mes}"),
        ),
    }
