"""Breach: the daily review that marks convenios incumplidos (idempotent)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Least

from cobranza.pec.services import expedientes_reanudar
from convenios.models import Alternativa, Convenio
from convenios.services.convenios import convenio_bloquear
from convenios.services.descuentos import descuento_revertir
from padron.fechas import hoy


def convenios_en_incumplimiento(dia):
    """Vigente convenios with at least their policy's number of parcialidades overdue past the
    grace days (or all of them, when the convenio has fewer).

    One query per distinct grace period (a handful), never one per convenio.
    """
    ids = []
    for dias_gracia in Alternativa.objects.values_list("dias_gracia", flat=True).distinct():
        limite = dia - timedelta(days=dias_gracia)
        ids += (
            Convenio.objects.filter(
                estado=Convenio.Estado.VIGENTE, alternativa__dias_gracia=dias_gracia
            )
            .annotate(
                vencidas=Count(
                    "parcialidades",
                    filter=Q(
                        parcialidades__fecha_vencimiento__lt=limite,
                        parcialidades__pagado__lt=F("parcialidades__monto"),
                    ),
                ),
                # A contado or short convenio breaches with all its payments overdue, even if
                # the policy's threshold is more payments than it has.
                umbral=Least(
                    F("alternativa__parcialidades_para_incumplir"),
                    Count("parcialidades", filter=Q(parcialidades__numero__gt=0)),
                ),
            )
            .filter(vencidas__gte=F("umbral"), vencidas__gt=0)
            .values_list("pk", flat=True)
        )
    return Convenio.objects.filter(pk__in=ids).select_related("alternativa", "cuenta")


@transaction.atomic
def convenio_marcar_incumplido(*, convenio, usuario, dia=None):
    """Mark one convenio broken and, if the policy says so, charge back its discount."""
    dia = dia or hoy()
    convenio = convenio_bloquear(convenio)
    if convenio.estado != Convenio.Estado.VIGENTE:
        return convenio  # already handled: running the review twice changes nothing
    convenio.estado, convenio.terminado = Convenio.Estado.INCUMPLIDO, dia
    convenio.save(update_fields=["estado", "terminado"])
    if convenio.alternativa.revertir_descuento:
        descuento_revertir(
            convenio=convenio,
            usuario=usuario,
            dia=dia,
            motivo=f"Incumplimiento del convenio {convenio.folio}",
        )
    expedientes_reanudar(
        cuenta=convenio.cuenta, usuario=usuario, motivo=f"Convenio {convenio.folio} incumplido"
    )
    return convenio


def convenios_revisar_incumplimiento(*, usuario, dia=None):
    dia = dia or hoy()
    return [
        convenio_marcar_incumplido(convenio=c, usuario=usuario, dia=dia)
        for c in convenios_en_incumplimiento(dia)
    ]
