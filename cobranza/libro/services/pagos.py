"""Registering and reversing pagos."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cobranza.caja.services import corte_del_cajero
from cobranza.libro.services.aplicacion import (
    cargos_pendientes_en_prelacion,
    partes_escribir,
    repartir,
    saldo_a_favor_aplicar,
)
from cobranza.libro.services.saldos import saldo_recalcular
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago, ReversionPago
from cobranza.signals import pago_registrado, pago_revertido
from padron import historial
from padron.bloqueos import cuenta_bloquear
from padron.dinero import CERO, formato_pesos, validar_monto
from padron.fechas import fecha_minima_de, hoy, validar_fecha
from padron.folios import folio_asignar
from padron.models import Cuenta


def _pago_existente(clave, cuenta, monto, registrado_por):
    """The pago this user already sent with this key, marked `repetido` (a replay)."""
    # Keys are the sender's: another user's same key is another payment (issue 18).
    usuario = {"registrado_por": registrado_por} if registrado_por else {"registrado_por": None}
    pago = Pago.objects.filter(clave_idempotencia=clave, **usuario).first()
    if pago and (pago.cuenta_id != cuenta.pk or pago.monto != monto):
        raise ValidationError(
            {
                "clave_idempotencia": "Esta clave de idempotencia ya se usó para otro pago (cuenta o monto distintos)."
            }
        )
    if pago:
        pago.repetido = True
    return pago


_SOLO_DIGITOS = re.compile(r"^\d+$")
_CLAVE = re.compile(r"^[0-9A-Za-z-]+$")


def forma_de_pago_validar(
    *,
    forma_pago,
    monto,
    canal,
    referencia="",
    efectivo_recibido=None,
    tipo_tarjeta="",
    tarjeta_ultimos="",
    autorizacion="",
    banco="",
    numero_cheque="",
    exigir_referencia=True,
) -> dict:
    """The Pago fields of its forma de pago, checked; the other formas' fields left empty.

    Card: débito or crédito, the last 4 digits and the voucher's authorisation. Cheque: bank
    and number. Transfer: the SPEI reference (clave de rastreo), kept in `referencia`. Cash at
    the counter: what was handed over must cover the amount; the change is the rest, to the
    centavo (nothing typed: exact amount, no change).
    """
    errores = {}
    datos = {"forma_pago": forma_pago, "efectivo_recibido": None, "cambio": None}
    datos.update(tipo_tarjeta="", tarjeta_ultimos="", autorizacion="", banco="", numero_cheque="")
    limpio = {
        "tarjeta_ultimos": (tarjeta_ultimos or "").strip(),
        "autorizacion": (autorizacion or "").strip().upper(),
        "banco": " ".join((banco or "").split()),
        "numero_cheque": (numero_cheque or "").strip(),
    }
    if forma_pago not in Pago.FormaPago.values:
        raise ValidationError(
            {"forma_pago": "Elija la forma de pago: efectivo, tarjeta, cheque o transferencia."}
        )
    if forma_pago == Pago.FormaPago.EFECTIVO and canal == Pago.Canal.CAJA:
        recibido = monto
        if efectivo_recibido not in (None, ""):
            recibido = validar_monto(efectivo_recibido, campo="efectivo_recibido")
            if recibido < monto:
                errores["efectivo_recibido"] = (
                    f"El efectivo recibido ({formato_pesos(recibido)}) no cubre el monto "
                    f"({formato_pesos(monto)})."
                )
        datos.update(efectivo_recibido=recibido, cambio=recibido - monto)
    elif forma_pago == Pago.FormaPago.TARJETA:
        if tipo_tarjeta not in Pago.TipoTarjeta.values:
            errores["tipo_tarjeta"] = "Indique si la tarjeta es de débito o de crédito."
        if not (
            len(limpio["tarjeta_ultimos"]) == 4 and _SOLO_DIGITOS.match(limpio["tarjeta_ultimos"])
        ):
            errores["tarjeta_ultimos"] = "Escriba los últimos 4 dígitos de la tarjeta."
        if not (_CLAVE.match(limpio["autorizacion"]) and len(limpio["autorizacion"]) <= 20):
            errores["autorizacion"] = (
                "Escriba el número de autorización del comprobante de la terminal."
            )
        datos.update(
            tipo_tarjeta=tipo_tarjeta,
            tarjeta_ultimos=limpio["tarjeta_ultimos"],
            autorizacion=limpio["autorizacion"],
        )
    elif forma_pago == Pago.FormaPago.CHEQUE:
        if not limpio["banco"]:
            errores["banco"] = "Escriba el banco del cheque."
        elif len(limpio["banco"]) > 60:
            errores["banco"] = "El nombre del banco admite hasta 60 caracteres."
        if not (_CLAVE.match(limpio["numero_cheque"]) and len(limpio["numero_cheque"]) <= 20):
            errores["numero_cheque"] = "Escriba el número del cheque."
        datos.update(banco=limpio["banco"], numero_cheque=limpio["numero_cheque"])
    elif forma_pago == Pago.FormaPago.TRANSFERENCIA and exigir_referencia and not referencia:
        errores["referencia"] = "Escriba la referencia SPEI (clave de rastreo) de la transferencia."
    if errores:
        raise ValidationError(errores)
    return datos


def pago_registrar(
    *,
    cuenta: Cuenta,
    monto,
    registrado_por,
    canal=Pago.Canal.CAJA,
    fecha=None,
    referencia: str = "",
    clave_idempotencia: str | None = None,
    forma_pago: str | None = None,
    efectivo_recibido=None,
    tipo_tarjeta: str = "",
    tarjeta_ultimos: str = "",
    autorizacion: str = "",
    banco: str = "",
    numero_cheque: str = "",
) -> Pago:
    """Receive money on a cuenta and apply it by the cartera's prelación.

    A repeated `clave_idempotencia` of the same user returns the first pago (with
    `repetido = True`) instead of paying twice, also when the two race: the second waits
    for the cuenta's lock, then the unique (registrado_por, clave) refuses its insert. Two cashiers on the same cuenta are serialised by its row lock.
    Without `forma_pago` a transfer channel means a transfer and anything else cash;
    `forma_de_pago_validar` states what each forma needs. A payment at the counter
    (canal caja) goes into its cashier's open corte de caja (cobranza/caja). Of `cuenta` only
    its pk is read before its row is locked and read again (the API passes just that).
    """
    monto = validar_monto(monto)
    fecha = validar_fecha(fecha or hoy(), futura=False, nombre="La fecha del pago")
    referencia = (referencia or "").strip()
    # Callers that do not say (bank files, the demo) keep working as before.
    explicita = forma_pago is not None
    if not explicita:
        es_transferencia = canal == Pago.Canal.TRANSFERENCIA
        forma_pago = Pago.FormaPago.TRANSFERENCIA if es_transferencia else Pago.FormaPago.EFECTIVO
    forma = forma_de_pago_validar(
        forma_pago=forma_pago,
        monto=monto,
        canal=canal,
        referencia=referencia,
        exigir_referencia=explicita,
        efectivo_recibido=efectivo_recibido,
        tipo_tarjeta=tipo_tarjeta,
        tarjeta_ultimos=tarjeta_ultimos,
        autorizacion=autorizacion,
        banco=banco,
        numero_cheque=numero_cheque,
    )
    # No look for the key beforehand: the unique (registrado_por, clave) refuses a repeat's
    # INSERT, and the repeat gets the original below (a query less on every payment).
    try:
        with transaction.atomic():
            return _registrar(
                cuenta, monto, registrado_por, canal, fecha, referencia, clave_idempotencia, forma
            )
    except IntegrityError:
        # A concurrent request with the same key committed first.
        if clave_idempotencia and (
            existente := _pago_existente(clave_idempotencia, cuenta, monto, registrado_por)
        ):
            return existente
        if referencia and Pago.objects.filter(canal=canal, referencia=referencia).exists():
            raise ValidationError(
                {"referencia": f"La referencia {referencia} ya fue registrada."}
            ) from None
        raise


def _registrar(cuenta, monto, registrado_por, canal, fecha, referencia, clave, forma):
    cuenta = cuenta_bloquear(cuenta.pk)
    # Its cartera's earliest date, read with the lock (the caller's cuenta may be only its pk).
    validar_fecha(fecha, minima=fecha_minima_de(cuenta.cartera), nombre="La fecha del pago")
    if referencia and Pago.objects.filter(canal=canal, referencia=referencia).exists():
        # A repeat of a transfer carries its reference too: the original, not an error.
        if clave and (existente := _pago_existente(clave, cuenta, monto, registrado_por)):
            return existente
        raise ValidationError({"referencia": f"La referencia {referencia} ya fue registrada."})
    if canal == Pago.Canal.CAJA and registrado_por is not None:
        forma["corte"] = corte_del_cajero(cajero=registrado_por)
    # What it pays is worked out first, so the pago is written once with its final
    # remanente (one INSERT, one history row) instead of an INSERT and an UPDATE.
    partes = repartir(monto, cargos_pendientes_en_prelacion(cuenta, hasta=monto))
    pago = Pago(
        cuenta=cuenta,
        folio=None,  # numbered last: see _numerar
        fecha=fecha,
        monto=monto,
        remanente=monto - sum((parte for _, parte in partes), CERO),
        canal=canal,
        referencia=referencia,
        clave_idempotencia=clave,
        registrado_por=registrado_por,
        **forma,
    )
    historial.crear(pago)  # with its history row, in one statement on PostgreSQL
    # Kept on the pago for the receipt, which then reads nothing again.
    pago.aplicaciones_registradas = partes_escribir(pago, partes, fecha)
    cuenta.saldo = saldo_recalcular(cuenta_id=cuenta.pk)
    _numerar(pago)
    pago_registrado.send(sender=Pago, pago=pago)  # its cuenta carries the new saldo
    return pago


def _numerar(pago):
    """Give the pago its receipt folio, at the end of its transaction.

    The series row (one per year, shared by every cashier) stays locked from here to the
    commit; taken first, it serialised whole payments. Still no gaps or repeats: a payment
    that rolls back gives its number back. The history row written in this transaction gets
    the folio too (an UPDATE, not another history row), in the same statement
    (padron.folios.folio_asignar). The signal's receivers (PEC, cortes, convenios) come
    after: their notes cite the folio.
    """
    pago.folio = folio_asignar(
        f"R{pago.fecha:%y}",
        tablas=(Pago._meta.db_table, historial.modelo_del_historial(Pago)._meta.db_table),
        pk=pago.pk,
    )


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
    cuenta = cuenta_bloquear(pago.cuenta_id)
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
