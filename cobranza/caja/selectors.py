"""Reads of the caja: cortes by who may see them, the system's totals, the cashier's day."""

from django.db.models import Count, Q, Sum

from cobranza.caja.models import CorteCaja
from cobranza.models import Pago
from padron.dinero import CERO
from padron.fechas import hoy


def cortes_visibles(usuario):
    """A supervisor sees every cashier's cortes; a cashier, its own."""
    cortes = CorteCaja.objects.select_related("cajero")
    if usuario.has_perm("cobranza.supervisar_caja"):
        return cortes
    return cortes.filter(cajero=usuario)


def cortes_lista(*, usuario, desde=None, hasta=None, cajero=None):
    cortes = cortes_visibles(usuario).annotate(
        recibos=Count("pagos"),
        revertidos=Count("pagos", filter=Q(pagos__estado=Pago.Estado.REVERTIDO)),
    )
    if desde:
        cortes = cortes.filter(fecha__gte=desde)
    if hasta:
        cortes = cortes.filter(fecha__lte=hasta)
    if cajero:
        cortes = cortes.filter(cajero=cajero)
    return cortes.order_by("-fecha", "-id")


def corte_abierto(cajero):
    return CorteCaja.objects.filter(cajero=cajero, estado=CorteCaja.Estado.ABIERTO).first()


def _por_forma(pagos) -> dict:
    """{forma_pago: total} of the applied payments, every forma present (0 if none)."""
    totales = dict.fromkeys(Pago.FormaPago.values, CERO)
    filas = (
        pagos.filter(estado=Pago.Estado.APLICADO)
        .values("forma_pago")
        .annotate(total=Sum("monto"))
        .order_by()
    )
    for fila in filas:
        totales[fila["forma_pago"]] = fila["total"]
    return totales


def totales_por_forma(corte) -> dict:
    """What the system says the corte took in, by forma de pago (reversed ones excluded)."""
    return _por_forma(Pago.objects.filter(corte=corte))


def recibos_del_corte(corte):
    return (
        Pago.objects.filter(corte=corte)
        .select_related("cuenta__titular", "cuenta__cartera")
        .order_by("registrado", "id")
    )


def resumen_corte(corte) -> dict:
    """The rows of the corte's page and PDF: by forma de pago, system against declared."""
    abierto = corte.estado == CorteCaja.Estado.ABIERTO
    sistema = (
        totales_por_forma(corte)
        if abierto
        else {
            Pago.FormaPago.EFECTIVO: corte.efectivo_sistema,
            Pago.FormaPago.TARJETA: corte.tarjeta_sistema,
            Pago.FormaPago.CHEQUE: corte.cheque_sistema,
            Pago.FormaPago.TRANSFERENCIA: corte.transferencia_sistema,
        }
    )
    declarado = {
        Pago.FormaPago.EFECTIVO: corte.efectivo_contado,
        Pago.FormaPago.TARJETA: corte.tarjeta_declarado,
        Pago.FormaPago.CHEQUE: corte.cheque_declarado,
        Pago.FormaPago.TRANSFERENCIA: corte.transferencia_declarado,
    }
    formas = []
    for forma, etiqueta in Pago.FormaPago.choices:
        fila = {"forma": forma, "etiqueta": etiqueta, "sistema": sistema[forma]}
        if not abierto:
            fila["declarado"] = declarado[forma]
            fila["diferencia"] = declarado[forma] - sistema[forma]
        formas.append(fila)
    diferencia = corte.diferencia or CERO
    return {
        "formas": formas,
        "sentido": "sobrante" if diferencia > 0 else "faltante" if diferencia < 0 else "",
        "diferencia_absoluta": abs(diferencia),
        "total_sistema": sum((f["sistema"] for f in formas), CERO),
        "total_declarado": None if abierto else sum((f["declarado"] for f in formas), CERO),
    }


def tablero_caja(usuario) -> dict:
    """The cashier's home: today's receipts (latest first), totals by forma, its open corte."""
    dia = hoy()
    pagos = Pago.objects.filter(registrado_por=usuario, canal=Pago.Canal.CAJA, fecha=dia)
    recibos = list(pagos.select_related("cuenta__titular").order_by("-registrado", "-id")[:15])
    agregado = pagos.aggregate(
        n=Count("id"),
        revertidos=Count("id", filter=Q(estado=Pago.Estado.REVERTIDO)),
        **{
            forma: Sum("monto", filter=Q(forma_pago=forma, estado=Pago.Estado.APLICADO))
            for forma in Pago.FormaPago.values
        },
    )
    por_forma = [
        {"forma": forma, "etiqueta": etiqueta, "total": agregado[forma] or CERO}
        for forma, etiqueta in Pago.FormaPago.choices
    ]
    return {
        "caja_recibos": recibos,
        "caja_recibos_total": agregado["n"],
        "caja_revertidos": agregado["revertidos"],
        "caja_por_forma": por_forma,
        "caja_total": sum((f["total"] for f in por_forma), CERO),
        "caja_corte": corte_abierto(usuario),
    }
