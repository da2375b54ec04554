"""Cargos extraordinarios with a real maker-checker (OOMAPAS XIX, XX): ampliaciones,
rehabilitaciones, reconexiones, multas and others are proposed with their evidence by one
person and touch no balance until another, with the authorising right, approves them;
a rejection needs its reason. The approved cargo names both: who proposed it
(registrado_por) and who authorised it (autorizado_por)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cobranza.facturacion.models import CargoPropuesto
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Servicio
from padron.adjuntos import adjunto_revisar
from padron.dinero import validar_monto
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente

Tipo, Estado = CargoPropuesto.Tipo, CargoPropuesto.Estado
CONCEPTO_DE_TIPO = {
    Tipo.AMPLIACION: Concepto.EXTRAORDINARIO,
    Tipo.REHABILITACION: Concepto.EXTRAORDINARIO,
    Tipo.OTRO: Concepto.EXTRAORDINARIO,
    Tipo.RECONEXION: Concepto.RECONEXION,
    Tipo.MULTA: Concepto.MULTA,
}
TIPO_DE_CONCEPTO = {
    Concepto.EXTRAORDINARIO: Tipo.OTRO,
    Concepto.RECONEXION: Tipo.RECONEXION,
    Concepto.MULTA: Tipo.MULTA,
}
PERMISO = "cobranza.autorizar_cargo"


@transaction.atomic
def cargo_proponer(
    *, cuenta, tipo, monto, fecha_vencimiento, descripcion, usuario, evidencia=None
) -> CargoPropuesto:
    if not usuario.has_perm("cobranza.proponer_cargo"):
        raise PermissionDenied("No tiene permiso para proponer cargos extraordinarios.")
    if tipo not in Tipo.values:
        raise ValidationError({"tipo": f"Tipo de cargo desconocido «{tipo}»."})
    monto = validar_monto(monto)
    descripcion = (descripcion or "").strip()
    if not descripcion:
        raise ValidationError({"descripcion": "Describa el trabajo o el motivo del cargo."})
    if fecha_vencimiento is None:
        raise ValidationError({"fecha_vencimiento": "Indique la fecha de vencimiento."})
    if fecha_vencimiento < hoy():
        raise ValidationError(
            {"fecha_vencimiento": "El vencimiento de un cargo nuevo no puede ser pasado."}
        )
    adjunto_revisar(evidencia)
    return CargoPropuesto.objects.create(
        folio=folio_siguiente(f"CE{hoy():%y}"),
        cuenta=cuenta,
        tipo=tipo,
        monto=monto,
        fecha_vencimiento=fecha_vencimiento,
        descripcion=descripcion[:250],
        evidencia=evidencia or "",
        propuesto_por=usuario,
    )


def _exigir_resolutor(propuesta, usuario):
    if not usuario.has_perm(PERMISO):
        raise PermissionDenied("No tiene permiso para autorizar cargos extraordinarios.")
    if usuario.pk == propuesta.propuesto_por_id:
        raise ValidationError(
            {"resuelto_por": "Quien propuso el cargo no puede autorizarlo ni rechazarlo."}
        )
    if propuesta.estado != Estado.PROPUESTO:
        raise ValidationError(
            {"estado": f"El cargo ya está {propuesta.get_estado_display().lower()}."}
        )


@transaction.atomic
def cargo_propuesto_aprobar(*, propuesta: CargoPropuesto, usuario) -> CargoPropuesto:
    """Approve: the cargo is written now, with both names; saldo a favor pays it at once."""
    propuesta = (
        CargoPropuesto.objects.select_for_update(of=("self",))
        .select_related("cuenta", "propuesto_por")
        .get(pk=propuesta.pk)
    )
    _exigir_resolutor(propuesta, usuario)
    dia = hoy()
    propuesta.cargo = cargo_registrar(
        cuenta=propuesta.cuenta,
        concepto=CONCEPTO_DE_TIPO[propuesta.tipo],
        servicio=Servicio.AGUA if propuesta.tipo == Tipo.RECONEXION else Servicio.GENERAL,
        monto=propuesta.monto,
        fecha_emision=min(dia, propuesta.fecha_vencimiento),
        fecha_vencimiento=propuesta.fecha_vencimiento,
        descripcion=f"{propuesta.get_tipo_display()}: {propuesta.descripcion} ({propuesta.folio})"[
            :250
        ],
        registrado_por=propuesta.propuesto_por,
        autorizado_por=usuario,
    )
    propuesta.estado, propuesta.resuelto_por, propuesta.resuelto = Estado.APROBADO, usuario, ahora()
    propuesta._history_user = usuario
    propuesta._change_reason = "Autorizado"
    propuesta.save()
    return propuesta


@transaction.atomic
def cargo_propuesto_rechazar(*, propuesta: CargoPropuesto, usuario, motivo) -> CargoPropuesto:
    propuesta = CargoPropuesto.objects.select_for_update().get(pk=propuesta.pk)
    _exigir_resolutor(propuesta, usuario)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo_rechazo": "Indique por qué se rechaza."})
    propuesta.estado, propuesta.motivo_rechazo = Estado.RECHAZADO, motivo[:250]
    propuesta.resuelto_por, propuesta.resuelto = usuario, ahora()
    propuesta._history_user = usuario
    propuesta._change_reason = f"Rechazado: {propuesta.motivo_rechazo}"
    propuesta.save()
    return propuesta
