"""Reads of convenios: the authorisation queue, a cuenta's convenios, the discounts report."""

from convenios.models import Convenio


def convenios_de_cuenta(cuenta):
    return (
        Convenio.objects.filter(cuenta=cuenta)
        .select_related("alternativa", "campana", "capturado_por", "autorizado_por", "reemplaza")
        .order_by("-capturado")
    )


def cola_de_autorizacion(usuario):
    """Pending convenios the user may approve (a higher tier sees the lower tier's too)."""
    pendientes = Convenio.objects.filter(estado=Convenio.Estado.PENDIENTE).select_related(
        "cuenta__titular", "alternativa", "nivel_requerido", "capturado_por"
    )
    if usuario.has_perm("convenios.autorizar_convenio_mayor"):
        return pendientes.order_by("capturado")
    if usuario.has_perm("convenios.autorizar_convenio"):
        return pendientes.filter(nivel_requerido__permiso="convenios.autorizar_convenio").order_by(
            "capturado"
        )
    return pendientes.none()


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
