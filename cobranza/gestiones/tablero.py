"""The front desk's queues from gestiones: promesas due today or broken, recados unread.

Querysets, not lists: the home page takes the first few and the count in one query.
"""

from datetime import timedelta

from django.db.models import Q

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import PromesaPago, Recado

# A broken promise is worth a call for a month; older ones are on the promesas page.
DIAS_PROMESAS_VENCIDAS = 30


def promesas_que_vencen(usuario, *, dia):
    """Vigente promesas whose date is today, on the cuentas the user may see."""
    return (
        PromesaPago.objects.filter(
            cuenta__in=cuentas_visibles(usuario),
            estado=PromesaPago.Estado.VIGENTE,
            fecha_compromiso=dia,
        )
        .select_related("cuenta__titular")
        .order_by("cuenta__numero", "pk")
    )


def promesas_vencidas_sin_cumplir(usuario, *, dia):
    """Promises past their date and not kept (broken, or not yet checked by the night job),
    newest first, for the last DIAS_PROMESAS_VENCIDAS days."""
    return (
        PromesaPago.objects.filter(
            Q(estado=PromesaPago.Estado.INCUMPLIDA) | Q(estado=PromesaPago.Estado.VIGENTE),
            cuenta__in=cuentas_visibles(usuario),
            fecha_compromiso__lt=dia,
            fecha_compromiso__gte=dia - timedelta(days=DIAS_PROMESAS_VENCIDAS),
        )
        .select_related("cuenta__titular")
        .order_by("-fecha_compromiso", "pk")
    )


def recados_sin_leer(usuario):
    return (
        Recado.objects.filter(para=usuario, leido__isnull=True)
        .select_related("cuenta")
        .order_by("-fecha", "-pk")
    )
