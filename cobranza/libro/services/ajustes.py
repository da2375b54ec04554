"""Ajustes: bonificación, condonación and cancelación of a cargo.

An ajuste lowers what a cargo still owes, with a reason and the user who
authorised it; the cargo and the ajuste both stay (nothing that moves money is
deleted). Only what is still owed can be adjusted: what a pago paid is undone
by reversing the pago (pago_revertir), not by an ajuste.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.libro.services.saldos import saldo_recalcular
from cobranza.models import Ajuste, Cargo
from padron.bloqueos import cuenta_bloquear
from padron.dinero import CERO, formato_pesos, validar_monto
from padron.fechas import hoy


@transaction.atomic
def ajuste_registrar(
    *,
    cargo: Cargo,
    tipo: str,
    monto=None,
    motivo: str,
    autorizado_por,
    fecha=None,
    autorizado_por_convenio: bool = False,
) -> Ajuste:
    """Lower a cargo's saldo by a bonificación or condonación (part or all of it), or
    cancel it: a cancelación takes the whole remaining saldo and marks the cargo cancelado.

    Needs `cobranza.autorizar_ajuste` (OOMAPAS: the supervisor authorises discounts
    beyond the front desk's limits), except for the discount of a convenio, whose
    own authorisation rules were applied by convenios (`autorizado_por_convenio`).
    """
    if tipo not in Ajuste.Tipo.values:
        validos = ", ".join(Ajuste.Tipo.values)
        raise ValidationError({"tipo": f"Tipo de ajuste desconocido «{tipo}»; use {validos}."})
    if autorizado_por is None:
        raise ValidationError({"autorizado_por": "Indique quién autoriza el ajuste."})
    if not autorizado_por_convenio and not autorizado_por.has_perm("cobranza.autorizar_ajuste"):
        raise ValidationError(
            {
                "autorizado_por": "No tiene permiso para autorizar bonificaciones, "
                "condonaciones ni cancelaciones."
            }
        )
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo del ajuste."})
    if len(motivo) > 250:
        raise ValidationError({"motivo": "El motivo no puede pasar de 250 caracteres."})
    fecha = fecha or hoy()
    if fecha > hoy():
        raise ValidationError({"fecha": "La fecha del ajuste no puede ser futura."})
    if tipo != Ajuste.Tipo.CANCELACION:
        if monto in (None, ""):
            raise ValidationError({"monto": "Indique el monto del ajuste."})
        monto = validar_monto(monto)

    cuenta = cuenta_bloquear(cargo.cuenta_id)
    cargo = Cargo.objects.select_for_update().get(pk=cargo.pk)
    if cargo.estado == Cargo.Estado.CANCELADO:
        raise ValidationError({"cargo": "El cargo ya está cancelado."})
    if cargo.saldo <= CERO:
        raise ValidationError(
            {"cargo": "El cargo ya está pagado (o ajustado): no tiene saldo pendiente."}
        )
    if tipo == Ajuste.Tipo.CANCELACION:
        if monto not in (None, "") and validar_monto(monto) != cargo.saldo:
            raise ValidationError(
                {
                    "monto": "La cancelación es por todo el saldo pendiente del cargo "
                    f"({formato_pesos(cargo.saldo)}); deje el monto en blanco."
                }
            )
        monto = cargo.saldo
    elif monto > cargo.saldo:
        raise ValidationError(
            {
                "monto": f"El monto ({formato_pesos(monto)}) excede el saldo pendiente "
                f"del cargo ({formato_pesos(cargo.saldo)})."
            }
        )

    ajuste = Ajuste(
        cargo=cargo,
        tipo=tipo,
        monto=monto,
        fecha=fecha,
        motivo=motivo,
        autorizado_por=autorizado_por,
    )
    ajuste._change_reason = motivo
    ajuste.save()
    cargo.saldo -= monto
    campos = ["saldo"]
    if tipo == Ajuste.Tipo.CANCELACION:
        cargo.estado = Cargo.Estado.CANCELADO
        campos.append("estado")
    cargo._change_reason = f"{ajuste.get_tipo_display()}: {motivo}"
    cargo.save(update_fields=campos)
    saldo_recalcular(cuenta_id=cuenta.pk)
    return ajuste
