"""Registering and reversing pagos."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from padron.dinero import validar_monto
from padron.fechas import hoy
from padron.folios import folio_siguiente
from padron.models import Cuenta

from ..models import Aplicacion, Pago, ReversionPago
from ..signals import pago_registrado, pago_revertido
from .aplicacion import aplicar_pago, cargos_pendientes_en_prelacion, saldo_a_favor_aplicar
from .saldos import saldo_recalcular


def _pago_existente(clave, cuenta, monto):
    pago = Pago.objects.filter(clave_idempotencia=clave).first()
    if pago and (pago.cuenta_id != cuenta.pk or pago.monto != monto):
        raise ValidationError(
            {
                "clave_idempotencia": "Esta clave de idempotencia ya se usó para otro pago (cuenta o monto distintos)."
            }
        )
    return pago


def pago_registrar(
    *,
    cuenta: Cuenta,
    monto,
    registrado_por,
    canal=Pago.Canal.CAJA,
    fecha=None,
    referencia: str = "",
    clave_idempotencia: str | None = None,
) -> Pago:
    """Receive money on a cuenta and apply it by the cartera's prelación.

    A repeated `clave_idempotencia` returns the first pago instead of paying
    twice. Two cashiers on the same cuenta are serialised by its row lock.
    """
    monto = validar_monto(monto)
    fecha = fecha or hoy()
    if fecha > hoy():
        raise ValidationError({"fecha": "La fecha del pago no puede ser futura."})
    referencia = (referencia or "").strip()
    if clave_idempotencia:
        existente = _pago_existente(clave_idempotencia, cuenta, monto)
        if existente:
            return existente
    try:
        with transaction.atomic():
            return _registrar(
                cuenta, monto, registrado_por, canal, fecha, referencia, clave_idempotencia
            )
    except IntegrityError:
        # A concurrent request with the same key committed first.
        if clave_idempotencia and (existente := _pago_existente(clave_idempotencia, cuenta, monto)):
            return existente
        if referencia and Pago.objects.filter(canal=canal, referencia=referencia).exists():
            raise ValidationError(
                {"referencia": f"La referencia {referencia} ya fue registrada."}
            ) from None
        raise


def _registrar(cuenta, monto, registrado_por, canal, fecha, referencia, clave):
    cuenta = Cuenta.objects.select_for_update().select_related("cartera").get(pk=cuenta.pk)
    if referencia and Pago.objects.filter(canal=canal, referencia=referencia).exists():
        raise ValidationError({"referencia": f"La referencia {referencia} ya fue registrada."})
    pago = Pago.objects.create(
        cuenta=cuenta,
        folio=folio_siguiente(f"R{fecha:%y}"),
        fecha=fecha,
        monto=monto,
        remanente=monto,
        canal=canal,
        referencia=referencia,
        clave_idempotencia=clave,
        registrado_por=registrado_por,
    )
    aplicar_pago(pago, cargos_pendientes_en_prelacion(cuenta), fecha)
    saldo_recalcular(cuenta_id=cuenta.pk)
    pago_registrado.send(sender=Pago, pago=pago)
    return pago


@transaction.atomic
def pago_revertir(*, pago: Pago, motivo: str, autorizado_por, fecha=None) -> ReversionPago:
    """Undo a pago: what it paid is owed again. The pago and its reversal both stay."""
    if not autorizado_por.has_perm("cobranza.revertir_pago"):
        raise ValidationError(
            {"autorizado_por": "Solo un usuario con permiso de revertir pagos puede hacerlo."}
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": "Indique el motivo de la reversión."})
    cuenta = Cuenta.objects.select_for_update().select_related("cartera").get(pk=pago.cuenta_id)
    pago = Pago.objects.select_for_update().get(pk=pago.pk)
    if pago.estado == Pago.Estado.REVERTIDO:
        raise ValidationError({"pago": f"El pago {pago.folio} ya fue revertido."})
    fecha = fecha or hoy()
    reversion = ReversionPago.objects.create(
        pago=pago, fecha=fecha, motivo=motivo.strip(), autorizado_por=autorizado_por
    )
    negativas = []
    for aplicacion in pago.aplicaciones.select_related("cargo").filter(reversion__isnull=True):
        cargo = aplicacion.cargo
        cargo.saldo += aplicacion.monto
        cargo.save(update_fields=["saldo"])
        negativas.append(
            Aplicacion(
                pago=pago, cargo=cargo, monto=-aplicacion.monto, fecha=fecha, reversion=reversion
            )
        )
    Aplicacion.objects.bulk_create(negativas)
    pago.estado, pago.remanente = Pago.Estado.REVERTIDO, Decimal("0.00")
    pago.save(update_fields=["estado", "remanente"])
    saldo_a_favor_aplicar(cuenta, fecha=fecha)
    saldo_recalcular(cuenta_id=cuenta.pk)
    pago_revertido.send(sender=Pago, pago=pago, reversion=reversion)
    return reversion
