"""Trámites of the crédito educativo waiting for authorisation (the supervisor's home)."""

from padron.beneficiarios.models import Tramite


def tramites_por_autorizar():
    return (
        Tramite.objects.filter(estado=Tramite.Estado.SOLICITADO)
        .select_related("credito__cuenta__titular")
        .order_by("solicitado", "pk")
    )
