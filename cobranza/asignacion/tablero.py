"""An abogado externo's assigned cuentas with their next action and its date, overdue first.

The next action is the nearest of: the legal term of its open PEC expediente's current stage,
and the date of a promesa de pago still vigente. One query (subqueries per row).
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Least

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Diligencia, Expediente, PromesaPago


def cuentas_con_siguiente_accion(usuario):
    abierto = Expediente.objects.filter(
        cuenta=OuterRef("pk"), estado=Expediente.Estado.ABIERTO
    ).order_by("-abierto")
    plazo = Diligencia.objects.filter(
        expediente__cuenta=OuterRef("pk"),
        expediente__estado=Expediente.Estado.ABIERTO,
        etapa=F("expediente__etapa"),
    ).order_by("-emitida", "-pk")
    promesa = PromesaPago.objects.filter(
        cuenta=OuterRef("pk"), estado=PromesaPago.Estado.VIGENTE
    ).order_by("fecha_compromiso")
    return (
        cuentas_visibles(usuario)
        .annotate(
            expediente_folio=Subquery(abierto.values("folio")[:1]),
            expediente_etapa=Subquery(abierto.values("etapa")[:1]),
            plazo_vence=Subquery(plazo.values("vence")[:1]),
            promesa_fecha=Subquery(promesa.values("fecha_compromiso")[:1]),
            promesa_monto=Subquery(promesa.values("monto")[:1]),
        )
        # PostgreSQL's LEAST skips NULLs: a cuenta with only a promesa still gets a date.
        .annotate(siguiente=Least("plazo_vence", "promesa_fecha"))
        .order_by(F("siguiente").asc(nulls_last=True), "numero")
    )
