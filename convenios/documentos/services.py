"""Constancia de no adeudo / finiquito: issued only at saldo zero, verifiable by folio and code."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.libro.services.saldos import saldo_recalcular
from convenios.models import Constancia, Convenio
from padron.fechas import hoy
from padron.folios import folio_siguiente
from padron.models import Cuenta


@transaction.atomic
def constancia_emitir(*, cuenta, usuario, dia=None) -> Constancia:
    dia = dia or hoy()
    cuenta = Cuenta.objects.select_for_update().get(pk=cuenta.pk)
    saldo = saldo_recalcular(cuenta_id=cuenta.pk, dia=dia)
    if saldo.saldo > 0:
        raise ValidationError(
            {
                "cuenta": f"La cuenta {cuenta.numero} tiene saldo de ${saldo.saldo:,.2f}; "
                "la constancia de no adeudo solo se emite con saldo cero."
            }
        )
    convenio = (
        Convenio.objects.filter(cuenta=cuenta, estado=Convenio.Estado.CUMPLIDO)
        .order_by("-terminado")
        .first()
    )
    return Constancia.objects.create(
        folio=folio_siguiente(f"CND{dia:%y}"),
        codigo=secrets.token_hex(8).upper(),
        cuenta=cuenta,
        convenio=convenio,
        emitida_por=usuario,
    )


def constancia_verificar(*, folio, codigo):
    """The constancia if folio and code match (for the public verification page), else None."""
    return (
        Constancia.objects.select_related("cuenta__titular")
        .filter(folio=folio.strip().upper(), codigo=codigo.strip().upper())
        .first()
    )
