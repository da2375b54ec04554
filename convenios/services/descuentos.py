"""The convenio's discount on the ledger: booked at signature, charged back on breach or cancellation."""

from django.core.exceptions import ValidationError
from django.db.models import F

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Ajuste
from convenios.models import Campana, ConvenioCargo
from padron.dinero import CERO


def _autoridad(convenio):
    """Who authorised the discount: the approver, or the clerk when within ventanilla's limits."""
    return convenio.autorizado_por or convenio.capturado_por


def descuento_aplicar(*, convenio, usuario, dia):
    """Book the quita as bonificaciones on the covered cargos (never more than each one owes)."""
    from cobranza.libro.services.ajustes import ajuste_registrar  # noqa: PLC0415 (written in parallel; see notes)

    if convenio.descuento <= 0:
        return CERO
    aplicado = CERO
    for cubierto in ConvenioCargo.objects.select_related("cargo").filter(
        convenio=convenio, descuento__gt=0
    ):
        monto = min(cubierto.descuento, cubierto.cargo.saldo)
        if monto <= 0:
            continue
        cubierto.ajuste = ajuste_registrar(
            cargo=cubierto.cargo,
            tipo=Ajuste.Tipo.BONIFICACION,
            monto=monto,
            fecha=dia,
            motivo=f"Descuento del convenio {convenio.folio}",
            autorizado_por=_autoridad(convenio),
            autorizado_por_convenio=True,
        )
        cubierto.save(update_fields=["ajuste"])
        aplicado += monto
    if convenio.campana_id:
        campana = Campana.objects.select_for_update().get(pk=convenio.campana_id)
        if campana.disponible is not None and aplicado > campana.disponible:
            raise ValidationError(
                {"campana": f"La campaña «{campana.nombre}» ya no tiene presupuesto."}
            )
        Campana.objects.filter(pk=campana.pk).update(ejercido=F("ejercido") + aplicado)
    return aplicado


def descuento_revertir(*, convenio, usuario, dia, motivo):
    """Charge back the discount granted, as new cargos of the same concepto (the bonificaciones stay)."""
    if convenio.descuento_revertido:
        return CERO
    total = CERO
    for cubierto in ConvenioCargo.objects.select_related("cargo", "ajuste").filter(
        convenio=convenio, ajuste__isnull=False
    ):
        cargo, ajuste = cubierto.cargo, cubierto.ajuste
        cargo_registrar(
            cuenta=convenio.cuenta,
            concepto=cargo.concepto,
            servicio=cargo.servicio,
            monto=ajuste.monto,
            fecha_emision=dia,
            fecha_vencimiento=dia,
            descripcion=f"{motivo}: reintegro del descuento",
            registrado_por=usuario,
        )
        total += ajuste.monto
    convenio.descuento_revertido = True
    convenio.save(update_fields=["descuento_revertido"])
    return total
