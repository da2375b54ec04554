"""Descuentos de trabajo social (OOMAPAS X): tercera edad, capacidades diferentes,
pensionados y jubilados.

A titular applies for a cuenta with the document that proves the condition and a short
socio-economic study; the supervisor (someone other than who captured it) approves it with a
percentage, the conceptos it covers and a cap in m³ per month, for one year; the padrón
records the condición especial for the same year (so lists and cortes protect it where the
cartera says so). Thirty days before it ends the titular is reminded, and a revalidation
(a new application linked to the old one) continues it without a gap.

When a billing run posts, each bill of a cuenta with an approved discount valid on the
emission date gets a bonificación per concepto in scope:
    descuento = monto × porcentaje / 100 × proporción, half-up to the centavo,
    proporción = tope_m3 / consumo when the month's consumo exceeds the cap, else 1.
The bonificación is an Ajuste linked to the approval; the estado de cuenta shows it.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cobranza.facturacion.models import DescuentoSocial, DocumentoDescuento, RenglonFacturacion
from cobranza.models import Ajuste, Cargo, Concepto
from padron.adjuntos import adjunto_revisar
from padron.dinero import CERO, redondear
from padron.fechas import ahora, hoy, sumar_meses
from padron.folios import folio_siguiente
from padron.models import CondicionEspecial

Estado = DescuentoSocial.Estado
CONCEPTOS_CON_DESCUENTO = (Concepto.CONSUMO_AGUA, Concepto.DRENAJE, Concepto.SANEAMIENTO)
CIEN = Decimal("100")
AVISO_DIAS = 30
PERMISO = "cobranza.autorizar_descuento_social"


def descuento_calcular(*, monto, porcentaje, consumo=None, tope_m3=None) -> Decimal:
    """The bonificación of one bill's concepto, to the centavo (never more than the bill)."""
    proporcion = Decimal("1")
    if tope_m3 is not None and consumo and consumo > tope_m3:
        proporcion = Decimal(tope_m3) / Decimal(consumo)
    return min(Decimal(monto), redondear(Decimal(monto) * Decimal(porcentaje) / CIEN * proporcion))


def _folio():
    return folio_siguiente(f"DS{hoy():%y}")


@transaction.atomic
def descuento_social_solicitar(
    *,
    cuenta,
    tipo,
    acreditacion,
    ingreso_mensual,
    personas_hogar,
    vivienda,
    usuario,
    ocupacion="",
    observaciones="",
    documentos=(),
    renueva=None,
) -> DescuentoSocial:
    """Capture an application with its documents [(descripcion, archivo)] and the study."""
    if not usuario.has_perm("cobranza.solicitar_descuento_social"):
        raise PermissionDenied("No tiene permiso para capturar solicitudes de descuento.")
    if tipo not in DescuentoSocial.Tipo.values:
        raise ValidationError(
            {"tipo": "Elija tercera edad, capacidades diferentes, pensionado o jubilado."}
        )
    if not (acreditacion or "").strip():
        raise ValidationError({"acreditacion": "Indique el documento que acredita la condición."})
    if ingreso_mensual is None or ingreso_mensual < 0:
        raise ValidationError({"ingreso_mensual": "Indique el ingreso mensual del hogar."})
    if not personas_hogar or personas_hogar < 1:
        raise ValidationError({"personas_hogar": "Indique cuántas personas viven en el hogar."})
    if vivienda not in DescuentoSocial.Vivienda.values:
        raise ValidationError({"vivienda": "Elija propia, rentada o prestada."})
    if not documentos:
        raise ValidationError(
            {"documentos": "Adjunte al menos el documento que acredita la condición."}
        )
    for _, archivo in documentos:
        adjunto_revisar(archivo, campo="documento")
    abierta = DescuentoSocial.objects.filter(cuenta=cuenta, estado=Estado.SOLICITADO).first()
    if abierta:
        raise ValidationError(
            {"cuenta": f"La cuenta ya tiene una solicitud en trámite ({abierta.folio})."}
        )
    descuento = DescuentoSocial.objects.create(
        folio=_folio(),
        cuenta=cuenta,
        tipo=tipo,
        acreditacion=acreditacion.strip()[:200],
        ingreso_mensual=ingreso_mensual,
        personas_hogar=personas_hogar,
        ocupacion=(ocupacion or "").strip()[:120],
        vivienda=vivienda,
        observaciones=(observaciones or "").strip(),
        solicitado_por=usuario,
        renueva=renueva,
    )
    for descripcion, archivo in documentos:
        DocumentoDescuento.objects.create(
            descuento=descuento,
            descripcion=(descripcion or archivo.name)[:200],
            archivo=archivo,
            subido_por=usuario,
        )
    return descuento


def _exigir_resolutor(descuento, usuario):
    if not usuario.has_perm(PERMISO):
        raise PermissionDenied("No tiene permiso para resolver descuentos de trabajo social.")
    if usuario.pk == descuento.solicitado_por_id:
        raise ValidationError({"resuelto_por": "Quien capturó la solicitud no puede resolverla."})
    if descuento.estado != Estado.SOLICITADO:
        raise ValidationError(
            {"estado": f"La solicitud ya está {descuento.get_estado_display().lower()}."}
        )


@transaction.atomic
def descuento_social_aprobar(
    *, descuento: DescuentoSocial, usuario, porcentaje, conceptos, tope_m3=None, dia=None
) -> DescuentoSocial:
    """Approve for one year (a revalidation starts when the one it renews ends)."""
    descuento = (
        DescuentoSocial.objects.select_for_update(of=("self",))
        .select_related("cuenta__titular", "renueva")
        .get(pk=descuento.pk)
    )
    _exigir_resolutor(descuento, usuario)
    porcentaje = Decimal(str(porcentaje or 0))
    if not CERO < porcentaje <= CIEN:
        raise ValidationError({"porcentaje": "El descuento va de más de 0 a 100 %."})
    conceptos = list(dict.fromkeys(conceptos or []))
    if not conceptos or any(c not in CONCEPTOS_CON_DESCUENTO for c in conceptos):
        raise ValidationError(
            {"conceptos": "Elija a qué conceptos aplica: agua, drenaje, saneamiento."}
        )
    if tope_m3 is not None and Decimal(str(tope_m3)) <= 0:
        raise ValidationError({"tope_m3": "El tope mensual es mayor que cero (o vacío: sin tope)."})
    dia = dia or hoy()
    anterior = descuento.renueva
    inicio = dia
    if anterior and anterior.estado == Estado.APROBADO and anterior.vigente_hasta >= dia:
        inicio = anterior.vigente_hasta + timedelta(days=1)
    fin = sumar_meses(inicio, 12) - timedelta(days=1)
    otro = DescuentoSocial.objects.filter(
        cuenta=descuento.cuenta,
        estado=Estado.APROBADO,
        vigente_hasta__gte=inicio,
        vigente_desde__lte=fin,
    ).exclude(pk=getattr(anterior, "pk", None))
    if otro.exists():
        raise ValidationError(
            {"cuenta": f"La cuenta ya tiene un descuento vigente ({otro.first().folio})."}
        )
    descuento.porcentaje, descuento.conceptos = porcentaje, conceptos
    descuento.tope_m3 = Decimal(str(tope_m3)) if tope_m3 is not None else None
    descuento.vigente_desde, descuento.vigente_hasta = inicio, fin
    descuento.estado, descuento.resuelto_por, descuento.resuelto = Estado.APROBADO, usuario, ahora()
    descuento.condicion = CondicionEspecial.objects.create(
        titular=descuento.cuenta.titular,
        tipo=descuento.tipo,
        vigente_desde=inicio,
        vigente_hasta=fin,
        descripcion_evidencia=f"{descuento.acreditacion} (descuento {descuento.folio})"[:200],
    )
    descuento._history_user = usuario
    descuento._change_reason = f"Aprobado: {porcentaje}% por un año"
    descuento.save()
    if anterior and anterior.estado == Estado.APROBADO:
        anterior.estado = Estado.REVALIDADO
        anterior._history_user = usuario
        anterior._change_reason = f"Revalidado por {descuento.folio}"
        anterior.save(update_fields=["estado"])
    return descuento


@transaction.atomic
def descuento_social_rechazar(*, descuento: DescuentoSocial, usuario, motivo) -> DescuentoSocial:
    descuento = DescuentoSocial.objects.select_for_update().get(pk=descuento.pk)
    _exigir_resolutor(descuento, usuario)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique por qué se rechaza."})
    descuento.estado, descuento.motivo = Estado.RECHAZADO, motivo[:250]
    descuento.resuelto_por, descuento.resuelto = usuario, ahora()
    descuento._history_user = usuario
    descuento._change_reason = f"Rechazado: {descuento.motivo}"
    descuento.save()
    return descuento


def descuento_social_revalidar(
    *, descuento: DescuentoSocial, usuario, **solicitud
) -> DescuentoSocial:
    """A new application that continues an approved discount; the study is captured again."""
    if descuento.estado != Estado.APROBADO:
        raise ValidationError({"estado": "Solo un descuento aprobado se revalida."})
    if hasattr(descuento, "revalidacion"):
        raise ValidationError(
            {"estado": f"Ya tiene su revalidación ({descuento.revalidacion.folio})."}
        )
    return descuento_social_solicitar(
        cuenta=descuento.cuenta,
        tipo=descuento.tipo,
        usuario=usuario,
        renueva=descuento,
        **solicitud,
    )


# --- at posting ----------------------------------------------------------------------------


def descuentos_aplicar(*, corrida, dia, usuario=None) -> Decimal:
    """Book the bonificaciones of a posted billing run; returns their total."""
    cargos = list(
        Cargo.objects.filter(
            corrida=corrida,
            concepto__in=CONCEPTOS_CON_DESCUENTO,
            saldo__gt=0,
            cuenta__descuentos_sociales__estado=Estado.APROBADO,
            cuenta__descuentos_sociales__vigente_desde__lte=dia,
            cuenta__descuentos_sociales__vigente_hasta__gte=dia,
        ).order_by("id")
    )
    if not cargos:
        return CERO
    cuenta_ids = {c.cuenta_id for c in cargos}
    descuentos = {
        d.cuenta_id: d
        for d in DescuentoSocial.objects.filter(
            cuenta_id__in=cuenta_ids,
            estado=Estado.APROBADO,
            vigente_desde__lte=dia,
            vigente_hasta__gte=dia,
        )
    }
    consumos = dict(
        RenglonFacturacion.objects.filter(corrida=corrida, cuenta_id__in=cuenta_ids).values_list(
            "cuenta_id", "consumo_m3"
        )
    )
    ajustes = []
    for cargo in cargos:
        descuento = descuentos[cargo.cuenta_id]
        if cargo.concepto not in descuento.conceptos:
            continue
        monto = descuento_calcular(
            monto=cargo.monto,
            porcentaje=descuento.porcentaje,
            consumo=consumos.get(cargo.cuenta_id),
            tope_m3=descuento.tope_m3,
        )
        if monto <= 0:
            continue
        tope = (
            f", tope {descuento.tope_m3.normalize():f} m³" if descuento.tope_m3 is not None else ""
        )
        ajustes.append(
            Ajuste(
                cargo=cargo,
                tipo=Ajuste.Tipo.BONIFICACION,
                monto=monto,
                fecha=dia,
                motivo=f"Descuento de trabajo social {descuento.folio} "
                f"({descuento.get_tipo_display()}, {descuento.porcentaje.normalize():f}%{tope})",
                autorizado_por_id=descuento.resuelto_por_id,
                descuento_social=descuento,
                corrida=corrida,
            )
        )
        cargo.saldo -= monto
    if not ajustes:
        return CERO
    bulk_create_with_history(
        ajustes, Ajuste, default_user=usuario, default_change_reason="Descuento de trabajo social"
    )
    bulk_update_with_history(
        [a.cargo for a in ajustes],
        Cargo,
        ["saldo"],
        default_user=usuario,
        default_change_reason="Descuento de trabajo social",
    )
    return sum((a.monto for a in ajustes), CERO)


# --- the year's end ------------------------------------------------------------------------


def descuentos_por_vencer(dia=None):
    dia = dia or hoy()
    return DescuentoSocial.objects.filter(
        estado=Estado.APROBADO,
        vigente_hasta__gte=dia,
        vigente_hasta__lte=dia + timedelta(days=AVISO_DIAS),
        revalidacion__isnull=True,
    ).select_related("cuenta__titular")


def descuentos_recordar(*, dia=None) -> int:
    """Daily: remind each titular whose discount ends within 30 days, once; returns how many."""
    dia = dia or hoy()
    avisados = 0
    for descuento in descuentos_por_vencer(dia).filter(recordatorio_enviado__isnull=True):
        titular = descuento.cuenta.titular
        if titular.email:
            send_mail(
                "Su descuento en el servicio de agua vence pronto",
                f"Estimado(a) {titular.nombre_completo}: el descuento {descuento.folio} de la "
                f"cuenta {descuento.cuenta.numero} vence el {descuento.vigente_hasta:%d/%m/%Y}. "
                "Acuda a revalidarlo con su identificación y el documento que acredita su condición.",
                None,
                [titular.email],
            )
        DescuentoSocial.objects.filter(pk=descuento.pk).update(recordatorio_enviado=dia)
        avisados += 1
    return avisados
