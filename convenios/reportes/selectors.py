"""Reads of the discounts report: every discount booked in a period and the authority it was granted under."""

from convenios.models import Convenio


def descuentos_otorgados(*, desde, hasta, cartera=None):
    """Every discount booked (convenio signed) in the period: by whom and under which authority."""
    convenios = (
        Convenio.objects.filter(descuento__gt=0, firmado__date__gte=desde, firmado__date__lte=hasta)
        .exclude(
            estado__in=[
                Convenio.Estado.BORRADOR,
                Convenio.Estado.PENDIENTE,
                Convenio.Estado.RECHAZADO,
            ]
        )
        .select_related(
            "cuenta__titular",
            "cuenta__cartera",
            "alternativa",
            "campana",
            "nivel_requerido",
            "capturado_por",
            "autorizado_por",
        )
        .order_by("firmado")
    )
    if cartera is not None:
        convenios = convenios.filter(cuenta__cartera=cartera)
    return convenios


def autoridad_del_descuento(convenio):
    """In words: under which authority the discount was granted."""
    if convenio.nivel_requerido_id:
        return f"Autorizado por {convenio.nivel_requerido.nombre}"
    if convenio.campana_id:
        return f"Campaña «{convenio.campana.nombre}»"
    return "Límites de ventanilla"
