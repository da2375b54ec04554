"""Registering and reversing pagos."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cobranza.libro.services.aplicacion import (
    aplicar_pago,
    cargos_pendientes_en_prelacion,
    saldo_a_favor_aplicar,
)
from cobranza.libro.services.saldos import saldo_recalcular
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago, ReversionPago
from cobranza.signals import pago_registrado, pago_revertido
from padron.dinero import CERO, validar_monto
from padron.fechas import hoy
from padron.folios import folio_siguiente
from padron.models import Cuenta


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
    """Undo a pago (a bounced cheque, a payment captured on the wrong account).

    The pago stays, marked revertido, and the ReversionPago is its own ledger
    entry: for every Aplicacion of the pago a negative one (same cargo, opposite
    amount, linked to the reversion) gives back what it paid, so that amount is
    owed again. Its unapplied saldo a favor disappears with it; the other pagos'
    saldo a favor then pays the reopened cargos in prelación order.

    A cargo cancelled after this pago paid part of it stays cancelled: the
    amount given back is cancelled too, by an automatic Ajuste de cancelación
    authorised by whoever reverses (a cancelled charge is void; reversing a
    payment must not bring it back). docs/libro.md explains it.
    """
    if autorizado_por is None or not autorizado_por.has_perm("cobranza.revertir_pago"):
        raise ValidationError(
            {"autorizado_por": "Solo un usuario con permiso de revertir pagos puede hacerlo."}
        )
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo de la reversión."})
    cuenta = Cuenta.objects.select_for_update().select_related("cartera").get(pk=pago.cuenta_id)
    pago = Pago.objects.select_for_update().get(pk=pago.pk)
    if pago.estado == Pago.Estado.REVERTIDO:
        raise ValidationError({"pago": f"El pago {pago.folio} ya fue revertido."})
    fecha = fecha or hoy()
    if fecha > hoy():
        raise ValidationError({"fecha": "La fecha de la reversión no puede ser futura."})
    if fecha < pago.fecha:
        raise ValidationError(
            {"fecha": "La fecha de la reversión no puede ser anterior a la fecha del pago."}
        )
    reversion = ReversionPago.objects.create(
        pago=pago, fecha=fecha, motivo=motivo, autorizado_por=autorizado_por
    )
    aplicaciones = list(pago.aplicaciones.filter(reversion__isnull=True).order_by("id"))
    # One locked instance per cargo: a pago may have paid the same cargo twice
    # (at registration and later from its saldo a favor).
    cargos = Cargo.objects.select_for_update().in_bulk({a.cargo_id for a in aplicaciones})
    devuelto = {}
    negativas = []
    for aplicacion in aplicaciones:
        devuelto[aplicacion.cargo_id] = devuelto.get(aplicacion.cargo_id, CERO) + aplicacion.monto
        negativas.append(
            Aplicacion(
                pago=pago,
                cargo_id=aplicacion.cargo_id,
                monto=-aplicacion.monto,
                fecha=fecha,
                reversion=reversion,
            )
        )
    Aplicacion.objects.bulk_create(negativas)
    for cargo_id, monto in devuelto.items():
        cargo = cargos[cargo_id]
        cargo._change_reason = f"Reversión del pago {pago.folio}: {motivo}"
        if cargo.estado == Cargo.Estado.CANCELADO:
            Ajuste.objects.create(
                cargo=cargo,
                tipo=Ajuste.Tipo.CANCELACION,
                monto=monto,
                fecha=fecha,
                motivo=f"Reversión del pago {pago.folio} sobre un cargo cancelado: {motivo}"[:250],
                autorizado_por=autorizado_por,
            )
            continue
        cargo.saldo += monto
        cargo.save(update_fields=["saldo"])
    pago.estado, pago.remanente = Pago.Estado.REVERTIDO, Decimal("0.00")
    pago._change_reason = f"Reversión: {motivo}"
    pago.save(update_fields=["estado", "remanente"])
    saldo_a_favor_aplicar(cuenta, fecha=fecha)
    saldo_recalcular(cuenta_id=cuenta.pk)
    pago_revertido.send(sender=Pago, pago=pago, reversion=reversion)
    return reversion
