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
        "cuenta__titular", "alternativa", "campana", "nivel_requerido", "capturado_por"
    )
    if usuario.has_perm("convenios.autorizar_convenio_mayor"):
        return pendientes.order_by("capturado")
    if usuario.has_perm("convenios.autorizar_convenio"):
        return pendientes.filter(nivel_requerido__permiso="convenios.autorizar_convenio").order_by(
            "capturado"
        )
    return pendientes.none()
