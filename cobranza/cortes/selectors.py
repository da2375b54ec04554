"""Reads of the listas de corte: orders by route, exclusions by rule, counts per state.

Every figure is an SQL aggregate; the tables are querysets ready to paginate.
"""

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, Sum

from cobranza.cortes.services.listas import CERO, etiqueta_motivo
from cobranza.models import ExclusionCorte, ListaCorte, OrdenCorte, ReglaProteccion

PENDIENTE = OrdenCorte.Estado.PENDIENTE


def listas_corte():
    return ListaCorte.objects.select_related("cartera", "generada_por").order_by("-generada", "-pk")


def ordenes_de_lista(lista, *, sector="", ruta="", estado="", cortador=None):
    ordenes = OrdenCorte.objects.filter(lista=lista).select_related("cuenta__titular", "cortador")
    if sector:
        ordenes = ordenes.filter(sector=sector)
    if ruta:
        ordenes = ordenes.filter(ruta=ruta)
    if estado:
        ordenes = ordenes.filter(estado=estado)
    if cortador is not None:
        ordenes = ordenes.filter(cortador=cortador)
    return ordenes.order_by("sector", "ruta", "orden_ruta", "pk")


def exclusiones_de_lista(lista, *, motivo=""):
    exclusiones = ExclusionCorte.objects.filter(lista=lista).select_related(
        "cuenta__titular", "regla"
    )
    if motivo:
        exclusiones = exclusiones.filter(motivo=motivo)
    return exclusiones.order_by("motivo", "regla_id", "cuenta__numero")


def conteos_por_estado(lista) -> list[dict]:
    """[{estado, etiqueta, ordenes, saldo_vencido}] for every state, zeros included."""
    filas = {
        f["estado"]: f
        for f in OrdenCorte.objects.filter(lista=lista)
        .values("estado")
        .annotate(ordenes=Count("pk"), saldo_vencido=Sum("saldo_vencido"))
        .order_by()
    }
    return [
        {
            "estado": estado,
            "etiqueta": etiqueta,
            "ordenes": filas.get(estado, {}).get("ordenes", 0),
            "saldo_vencido": filas.get(estado, {}).get("saldo_vencido") or CERO,
        }
        for estado, etiqueta in OrdenCorte.Estado.choices
    ]


def exclusiones_resumen(lista) -> list[dict]:
    """Who was left out, by motivo and protection rule."""
    filas = (
        ExclusionCorte.objects.filter(lista=lista)
        .values("motivo", "regla_id", "regla__nombre")
        .annotate(cuentas=Count("pk"))
        .order_by("motivo", "regla_id")
    )
    return [
        {
            "motivo": f["motivo"],
            "etiqueta": etiqueta_motivo(f["motivo"]),
            "regla": f["regla_id"],
            "regla_nombre": f["regla__nombre"] or "",
            "cuentas": f["cuentas"],
        }
        for f in filas
    ]


def rutas_de_lista(lista) -> list[dict]:
    """Per sector and route: orders, pending, pending without cortador, and who has them."""
    filas = (
        OrdenCorte.objects.filter(lista=lista)
        .values("sector", "ruta")
        .annotate(
            ordenes=Count("pk"),
            pendientes=Count("pk", filter=Q(estado=PENDIENTE)),
            sin_asignar=Count("pk", filter=Q(estado=PENDIENTE, cortador__isnull=True)),
        )
        .order_by("sector", "ruta")
    )
    asignados = {}
    for f in (
        OrdenCorte.objects.filter(lista=lista, cortador__isnull=False)
        .values("sector", "ruta", "cortador__username")
        .distinct()
        .order_by("cortador__username")
    ):
        asignados.setdefault((f["sector"], f["ruta"]), []).append(f["cortador__username"])
    return [{**f, "cortadores": asignados.get((f["sector"], f["ruta"]), [])} for f in filas]


def cortadores_de_lista(lista):
    """The cortadores holding pending orders of the list, with how many."""
    return (
        get_user_model()
        .objects.filter(ordenes_corte__lista=lista, ordenes_corte__estado=PENDIENTE)
        .annotate(ordenes=Count("ordenes_corte"))
        .order_by("username")
    )


def reglas_proteccion():
    return ReglaProteccion.objects.prefetch_related("carteras").order_by("-vigente_desde", "pk")
