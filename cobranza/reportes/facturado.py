"""Billed in a month (the comparativo's figures): volume, amount, cargos and cuentas of the
billing conceptos of one periodo, by clasificación del predio and by concepto.

From the ledger (cargos by `periodo`, ≈ 430,000 per month in a water cartera of 200,000
cuentas: seconds), or from the month's close (CierreMes.facturacion: a few rows). The close
keeps them as of `facturacion_al`, but a periodo's billing can come after its month closed
(the water bills of a month are posted the next month) or be cancelled later: a billing run
authorised or cancelled, or a cancellation registered, from `facturacion_al` on makes the
periodo be read from the ledger again and stored back in its close. The clasificación is the
cuenta's when the figures were read.
"""

from datetime import timedelta

from django.db.models import Count, Q, Sum

from cobranza.models import Ajuste, Cargo, CierreMes, Concepto, CorridaFacturacion
from cobranza.reportes.comun import dinero, texto
from cobranza.reportes.recuperacion import ultimo_mes_cerrable
from padron.fechas import ahora
from padron.models import Cartera
from padron.replica import en_replica

CONCEPTOS = {
    Cartera.Tipo.AGUA: (Concepto.CONSUMO_AGUA, Concepto.DRENAJE, Concepto.SANEAMIENTO),
    Cartera.Tipo.CREDITO: (Concepto.CAPITAL, Concepto.INTERES),
}
AGRUPACIONES = {"clasificacion": "cuenta__clasificacion", "concepto": "concepto"}
CIFRAS = ("volumen", "monto", "cargos", "cuentas")
# A billing run sets its `autorizada` just before its COMMIT, so a run still committing when
# the figures were read has a time a little before `facturacion_al`: changes this close
# before it count as after it.
MARGEN = timedelta(minutes=15)


def _vacio(periodos) -> dict:
    return {p: {a: {} for a in AGRUPACIONES} for p in periodos}


def del_libro(cartera, periodos) -> dict:
    """{periodo: {agrupacion: {clave: [volumen, monto, cargos, cuentas]}}} from the cargos,
    one GROUP BY per agrupación for all the periodos; money as text."""
    resultado = _vacio(periodos)
    if not periodos:
        return resultado
    cargos = (
        Cargo.objects.filter(
            cuenta__cartera=cartera,
            periodo__in=list(periodos),
            concepto__in=CONCEPTOS.get(cartera.tipo, ()),
        )
        .exclude(estado=Cargo.Estado.CANCELADO)
        .order_by()
    )
    for agrupacion, campo in AGRUPACIONES.items():
        filas = cargos.values("periodo", campo).annotate(
            volumen=Sum("volumen_m3"),
            monto=Sum("monto"),
            cargos=Count("id"),
            cuentas=Count("cuenta", distinct=True),
        )
        for f in filas:
            resultado[f["periodo"]][agrupacion][f[campo] or ""] = [
                texto(dinero(f["volumen"])),
                texto(dinero(f["monto"])),
                f["cargos"],
                f["cuentas"],
            ]
    return resultado


def _cambiados(cartera, cierres) -> set:
    """The periodos of those closes whose billing changed from their `facturacion_al` on: a
    billing run (or carga inicial, periodo vacío) authorised or cancelled, or a cancellation
    of one of their billing cargos. Two small queries."""
    desde = min(c.facturacion_al for c in cierres) - MARGEN
    corridas = CorridaFacturacion.objects.filter(cartera=cartera).filter(
        Q(autorizada__gte=desde) | Q(cancelada__gte=desde)
    )
    # By when it was registered, not its `fecha` (a cancellation may be dated back).
    cancelaciones = Ajuste.objects.filter(
        tipo=Ajuste.Tipo.CANCELACION,
        registrado__gte=desde,
        cargo__cuenta__cartera=cartera,
        cargo__periodo__in=[c.periodo for c in cierres],
        cargo__concepto__in=CONCEPTOS.get(cartera.tipo, ()),
    )
    cambios = [
        (periodo, max(m for m in momentos if m))
        for periodo, *momentos in corridas.values_list("periodo", "autorizada", "cancelada")
    ]
    cambios += list(cancelaciones.values_list("cargo__periodo", "registrado"))
    return {
        c.periodo
        for c in cierres
        for periodo, momento in cambios
        if periodo in (None, c.periodo) and momento >= c.facturacion_al - MARGEN
    }


def guardar(cierre: CierreMes, facturacion: dict, al) -> None:
    cierre.facturacion, cierre.facturacion_al = facturacion, al
    CierreMes.objects.filter(pk=cierre.pk).update(facturacion=facturacion, facturacion_al=al)


def facturado(cartera, periodos) -> dict:
    """{periodo: {agrupacion: {clave: [volumen, monto, cargos, cuentas]}}}: each closed month
    from its close when nothing changed its billing since it was read; the rest from the
    ledger in one pass, and a closed month read again is stored back in its close."""
    with en_replica():
        cierres = {
            c.periodo: c
            for c in CierreMes.objects.filter(
                cartera=cartera, periodo__in=[p for p in periodos if p <= ultimo_mes_cerrable()]
            ).only("periodo", "facturacion", "facturacion_al")
        }
        leidos = [c for c in cierres.values() if c.facturacion_al is not None]
        cambiados = _cambiados(cartera, leidos) if leidos else set()
    resultado = {c.periodo: c.facturacion for c in leidos if c.periodo not in cambiados}
    faltan = [p for p in periodos if p not in resultado]
    al = ahora()
    with en_replica():
        leidas = del_libro(cartera, faltan)
    for periodo, cifras in leidas.items():
        resultado[periodo] = cifras
        if periodo in cierres:
            guardar(cierres[periodo], cifras, al)
    return resultado
