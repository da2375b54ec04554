"""Registering cargos: billing, extraordinary charges, recargos, gastos."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.libro.services.aplicacion import saldo_a_favor_aplicar
from cobranza.libro.services.saldos import saldo_recalcular
from cobranza.models import Cargo, Concepto, Servicio
from padron.bloqueos import cuenta_bloquear
from padron.dinero import validar_monto
from padron.fechas import hoy
from padron.models import Cuenta

SERVICIO_DE_CONCEPTO = {
    Concepto.CONSUMO_AGUA: Servicio.AGUA,
    Concepto.DRENAJE: Servicio.DRENAJE,
    Concepto.SANEAMIENTO: Servicio.SANEAMIENTO,
    Concepto.CAPITAL: Servicio.CREDITO,
    Concepto.INTERES: Servicio.CREDITO,
}


@transaction.atomic
def cargo_registrar(
    *,
    cuenta: Cuenta,
    concepto: str,
    monto,
    fecha_vencimiento,
    periodo=None,
    fecha_emision=None,
    servicio: str | None = None,
    volumen_m3=None,
    descripcion: str = "",
    registrado_por=None,
    autorizado_por=None,
) -> Cargo:
    """Charge a cuenta. Any saldo a favor it holds pays the new cargo at once.

    Extraordinary charges and multas are authorised by someone other than who captured
    them, with the right to (OOMAPAS XIX: "revisar y autorizar los cargos extraordinarios");
    they come through cobranza.facturacion.services.extraordinarios.
    """
    if concepto not in Concepto.values:
        raise ValidationError({"concepto": f"Concepto desconocido: {concepto}."})
    monto = validar_monto(monto)
    if concepto in (Concepto.EXTRAORDINARIO, Concepto.MULTA):
        if autorizado_por is None or not autorizado_por.has_perm("cobranza.autorizar_cargo"):
            raise ValidationError(
                {
                    "autorizado_por": "Los cargos extraordinarios y multas requieren la autorización de supervisión."
                }
            )
        if registrado_por is not None and registrado_por.pk == autorizado_por.pk:
            raise ValidationError(
                {"autorizado_por": "Quien captura un cargo extraordinario no puede autorizarlo."}
            )
        if not descripcion.strip():
            raise ValidationError({"descripcion": "Describa el motivo del cargo extraordinario."})
    fecha_emision = fecha_emision or hoy()
    if fecha_vencimiento < fecha_emision:
        raise ValidationError(
            {"fecha_vencimiento": "El vencimiento no puede ser anterior a la emisión."}
        )
    cuenta = cuenta_bloquear(cuenta.pk)
    cargo = Cargo.objects.create(
        cuenta=cuenta,
        concepto=concepto,
        servicio=servicio or SERVICIO_DE_CONCEPTO.get(concepto, Servicio.GENERAL),
        periodo=periodo.replace(day=1) if periodo else None,
        fecha_emision=fecha_emision,
        fecha_vencimiento=fecha_vencimiento,
        monto=monto,
        saldo=monto,
        volumen_m3=Decimal(str(volumen_m3)) if volumen_m3 is not None else None,
        descripcion=descripcion.strip(),
        registrado_por=registrado_por,
        autorizado_por=autorizado_por,
    )
    saldo_a_favor_aplicar(cuenta, fecha=fecha_emision)
    saldo_recalcular(cuenta_id=cuenta.pk)
    return cargo
