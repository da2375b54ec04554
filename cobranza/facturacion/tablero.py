"""What waits for the supervisor in facturación: extraordinary charges and social
discounts proposed by someone else, to approve or reject."""

from cobranza.models import CargoPropuesto, DescuentoSocial


def cargos_por_autorizar():
    return (
        CargoPropuesto.objects.filter(estado=CargoPropuesto.Estado.PROPUESTO)
        .select_related("cuenta__titular", "propuesto_por")
        .order_by("propuesto", "pk")
    )


def descuentos_por_autorizar():
    return (
        DescuentoSocial.objects.filter(estado=DescuentoSocial.Estado.SOLICITADO)
        .select_related("cuenta__titular", "solicitado_por")
        .order_by("solicitado", "pk")
    )
