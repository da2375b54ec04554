"""The daily check of promesas de pago against the ledger.

What counts as paid: the SUM of the cuenta's pagos still applied (estado «aplicado») whose
fecha falls in the promise's window, from `prometida_el` to `fecha_compromiso` (and not
after the day of the check). We add pagos, not Aplicaciones, because
  - money the debtor brought counts even when it stays as saldo a favor (nothing left
    to apply it to), and an Aplicacion made later from that saldo carries a later date;
  - a reversal's negative Aplicaciones are dated when the pago was reversed, possibly
    after the window, so summing Aplicaciones by date would still count a bounced cheque.
    A reversed pago is simply «revertido» and never counts, whenever it was reversed.

A promise is cumplida as soon as that sum reaches its monto (even before the date) and
incumplida once `fecha_compromiso` has passed without it (the day after). Settled promises
are not reopened. The work is set-based: one annotated query per state finds the rows,
one UPDATE per batch settles them, and their history rows are written in bulk.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from cobranza.models import Pago, PromesaPago
from padron.fechas import hoy

LOTE = 500
DINERO = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class RevisionPromesas:
    dia: date
    cumplidas: int
    incumplidas: int
    vigentes: int


def pagado_en_plazo(dia):
    """Expression: what the promise's cuenta paid inside its window, up to `dia`."""
    pagos = (
        Pago.objects.filter(
            cuenta=OuterRef("cuenta"),
            estado=Pago.Estado.APLICADO,
            fecha__gte=OuterRef("prometida_el"),
            fecha__lte=OuterRef("fecha_compromiso"),
        )
        .filter(fecha__lte=dia)
        .order_by()
        .values("cuenta")
        .annotate(total=Sum("monto"))
        .values("total")
    )
    return Coalesce(
        Subquery(pagos, output_field=DINERO), Value(Decimal("0.00")), output_field=DINERO
    )


def _resolver(ids, estado, pagado, dia):
    """Set `estado` on the rows `ids`, with what was paid; write their history in bulk."""
    motivo = f"Revisión de promesas del {dia:%d/%m/%Y}: {PromesaPago.Estado(estado).label.lower()}"
    for inicio in range(0, len(ids), LOTE):
        lote = ids[inicio : inicio + LOTE]
        filas = PromesaPago.objects.filter(pk__in=lote)
        filas.update(estado=estado, pagado=pagado, revisada=dia)
        PromesaPago.history.bulk_history_create(
            list(filas), update=True, default_change_reason=motivo
        )


@transaction.atomic
def promesas_revisar(*, dia=None) -> RevisionPromesas:
    """Mark each vigente promesa cumplida (paid in full in its window) or incumplida (its
    date passed before `dia` without it). Running it twice for a day changes nothing more."""
    dia = dia or hoy()
    pagado = pagado_en_plazo(dia)
    vigentes = (
        PromesaPago.objects.select_for_update()
        .filter(estado=PromesaPago.Estado.VIGENTE, prometida_el__lte=dia)
        .annotate(pagado_al=pagado)
        .order_by("pk")
    )
    cumplidas = list(vigentes.filter(pagado_al__gte=F("monto")).values_list("pk", flat=True))
    incumplidas = list(
        vigentes.filter(Q(fecha_compromiso__lt=dia) & Q(pagado_al__lt=F("monto"))).values_list(
            "pk", flat=True
        )
    )
    _resolver(cumplidas, PromesaPago.Estado.CUMPLIDA, pagado, dia)
    _resolver(incumplidas, PromesaPago.Estado.INCUMPLIDA, pagado, dia)
    return RevisionPromesas(
        dia=dia,
        cumplidas=len(cumplidas),
        incumplidas=len(incumplidas),
        vigentes=PromesaPago.objects.filter(estado=PromesaPago.Estado.VIGENTE).count(),
    )


# --- reads for the supervisor's list (page and API) ---------------------------------------

POR_OMISION = (PromesaPago.Estado.VIGENTE, PromesaPago.Estado.INCUMPLIDA)


def promesas_consultar(*, cuentas, estado="", desde=None, hasta=None, gestor=None, dia=None):
    """Promesas on `cuentas` (the user's visible ones), by date promised; vigentes and
    incumplidas unless `estado` says otherwise. `pagado_al`: paid in the window so far."""
    estados = [estado] if estado in PromesaPago.Estado.values else POR_OMISION
    promesas = (
        PromesaPago.objects.filter(cuenta__in=cuentas, estado__in=estados)
        .select_related("cuenta__titular", "gestion__usuario")
        .annotate(pagado_al=pagado_en_plazo(dia or hoy()))
        .order_by("fecha_compromiso", "pk")
    )
    if desde:
        promesas = promesas.filter(fecha_compromiso__gte=desde)
    if hasta:
        promesas = promesas.filter(fecha_compromiso__lte=hasta)
    if gestor:
        promesas = promesas.filter(gestion__usuario=gestor)
    return promesas
