"""Convenios waiting on the front desk: authorised and not signed, signed and waiting for
the enganche (they become vigente when it is paid)."""

from django.db.models import F, OuterRef, Subquery

from convenios.models import Convenio, Parcialidad


def convenios_por_firmar():
    return (
        Convenio.objects.filter(estado=Convenio.Estado.AUTORIZADO, firmado__isnull=True)
        .select_related("cuenta__titular")
        .order_by("capturado", "pk")
    )


def convenios_esperando_enganche():
    """Signed, enganche unpaid; `enganche_resta` is what is still owed of it."""
    enganche = Parcialidad.objects.filter(convenio=OuterRef("pk"), numero=0).annotate(
        resta=F("monto") - F("pagado")
    )
    return (
        Convenio.objects.filter(estado=Convenio.Estado.AUTORIZADO, firmado__isnull=False)
        .select_related("cuenta__titular")
        .annotate(enganche_resta=Subquery(enganche.values("resta")[:1]))
        .order_by("firmado", "pk")
    )
