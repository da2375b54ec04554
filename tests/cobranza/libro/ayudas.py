"""Helpers of the ledger tests (ajustes, reversals, recargos, import): plain functions."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago, SaldoCuenta

D = Decimal
EMISION = date(2025, 1, 1)


def cargo(cuenta, concepto, monto, vence, periodo=None, emision=EMISION, **extra):
    return cargo_registrar(
        cuenta=cuenta,
        concepto=concepto,
        monto=monto,
        fecha_vencimiento=vence,
        fecha_emision=emision,
        periodo=periodo,
        **extra,
    )


def saldo_de(cuenta) -> SaldoCuenta:
    return SaldoCuenta.objects.get(cuenta=cuenta)


def _suma(qs, campo="monto"):
    return qs.aggregate(t=Sum(campo))["t"] or D("0.00")


def libro_de(cuenta):
    """sum(cargos) − sum(aplicaciones netas) − sum(ajustes): what the ledger says is owed."""
    cargos = _suma(Cargo.objects.filter(cuenta=cuenta))
    aplicado = _suma(Aplicacion.objects.filter(cargo__cuenta=cuenta))
    ajustado = _suma(Ajuste.objects.filter(cargo__cuenta=cuenta))
    return cargos - aplicado - ajustado


def a_favor_de(cuenta):
    """Money received and not applied: pagos aplicados minus everything they applied."""
    recibido = _suma(Pago.objects.filter(cuenta=cuenta, estado=Pago.Estado.APLICADO))
    aplicado = _suma(
        Aplicacion.objects.filter(pago__cuenta=cuenta, pago__estado=Pago.Estado.APLICADO)
    )
    return recibido - aplicado
