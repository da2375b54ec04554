"""The convenio's life: capture, authorisation, signature, cancellation.

borrador → pendiente (beyond ventanilla's limits) → autorizado → firmado →
vigente (enganche paid, convenios.services.abonos) → cumplido | incumplido |
cancelado. A reestructura is a new convenio that names the broken one it replaces.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.cortes.services.campo import corte_levantar
from cobranza.models import Cargo
from cobranza.pec.services import expedientes_reanudar, expedientes_suspender
from convenios.models import Alternativa, Campana, Convenio, ConvenioCargo, Parcialidad
from convenios.negociacion.simulacion import (
    Terminos,
    campanas_vigentes,
    cargos_por_omision,
    simular,
    validar,
)
from convenios.services.abonos import convenio_sincronizar
from convenios.services.descuentos import descuento_aplicar, descuento_revertir
from padron.bloqueos import cuenta_bloquear, tras_su_cuenta
from padron.dinero import CERO
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente

VIVOS = [Convenio.Estado.PENDIENTE, Convenio.Estado.AUTORIZADO, Convenio.Estado.VIGENTE]


def _cargos_de(cuenta, cargo_ids, dia, reestructura=False):
    if not cargo_ids and reestructura:
        # What remains, including the discount charged back today on the breach.
        return list(
            Cargo.objects.filter(
                cuenta=cuenta, saldo__gt=0, estado=Cargo.Estado.VIGENTE, fecha_vencimiento__lte=dia
            ).order_by("fecha_vencimiento", "id")
        )
    if not cargo_ids:
        return cargos_por_omision(cuenta, dia)
    cargos = list(
        Cargo.objects.filter(cuenta=cuenta, pk__in=cargo_ids, saldo__gt=0).order_by(
            "fecha_vencimiento"
        )
    )
    if len(cargos) != len(set(cargo_ids)):
        raise ValidationError(
            {"cargos": "Algunos cargos elegidos no son de esta cuenta o ya están pagados."}
        )
    return cargos


@transaction.atomic
def convenio_capturar(
    *,
    cuenta,
    alternativa,
    capturado_por,
    terminos=None,
    cargo_ids=None,
    campana=None,
    negociacion=None,
    reemplaza=None,
    clausulas="",
    enviar=True,
    dia=None,
) -> Convenio:
    """Capture a convenio on the chosen debt; it waits for authorisation when beyond ventanilla's limits."""
    dia = dia or hoy()
    cuenta = cuenta_bloquear(cuenta.pk, "titular")
    if alternativa.cartera_id != cuenta.cartera_id or not alternativa.activa:
        raise ValidationError(
            {"alternativa": "La alternativa no está autorizada para la cartera de esta cuenta."}
        )
    if Convenio.objects.filter(cuenta=cuenta, estado__in=VIVOS).exists():
        raise ValidationError({"cuenta": "La cuenta ya tiene un convenio vigente o en trámite."})
    if alternativa.tipo == Alternativa.Tipo.REESTRUCTURA:
        if (
            reemplaza is None
            or reemplaza.cuenta_id != cuenta.pk
            or reemplaza.estado != Convenio.Estado.INCUMPLIDO
        ):
            raise ValidationError(
                {
                    "reemplaza": "Una reestructura debe reemplazar un convenio incumplido de la cuenta."
                }
            )
    elif reemplaza is not None:
        raise ValidationError({"reemplaza": "Solo una reestructura reemplaza un convenio."})
    if campana is not None:
        campana = Campana.objects.select_for_update().get(pk=campana.pk)
        if campana.pk not in {c.pk for c in campanas_vigentes(cuenta, dia)}:
            raise ValidationError({"campana": "La campaña no está vigente para esta cuenta."})
    cargos = _cargos_de(cuenta, cargo_ids, dia, reestructura=reemplaza is not None)
    simulacion = simular(
        cuenta=cuenta,
        cargos=cargos,
        alternativa=alternativa,
        terminos=terminos or Terminos(),
        campana=campana,
        dia=dia,
    )
    validar(simulacion)
    convenio = Convenio.objects.create(
        folio=folio_siguiente(f"CV{dia:%y}"),
        cuenta=cuenta,
        alternativa=alternativa,
        campana=campana,
        negociacion=negociacion,
        reemplaza=reemplaza,
        estado=Convenio.Estado.BORRADOR
        if not enviar
        else (
            Convenio.Estado.PENDIENTE
            if simulacion.requiere_autorizacion
            else Convenio.Estado.AUTORIZADO
        ),
        adeudo=simulacion.adeudo,
        descuento=simulacion.descuento,
        total=simulacion.total,
        enganche=simulacion.enganche,
        numero_parcialidades=simulacion.numero_parcialidades or 1,
        periodicidad=alternativa.periodicidad,
        primer_vencimiento=simulacion.plazos[0].fecha_vencimiento if simulacion.plazos else dia,
        descuento_recargos_pct=simulacion.porcentajes["recargos"],
        descuento_gastos_pct=simulacion.porcentajes["gastos_ejecucion"],
        descuento_principal_pct=simulacion.porcentajes["principal"],
        nivel_requerido=simulacion.nivel,
        capturado_por=capturado_por,
        clausulas=clausulas,
        condicion=_condicion(cuenta, alternativa, dia),
    )
    ConvenioCargo.objects.bulk_create(
        ConvenioCargo(
            convenio=convenio,
            cargo=c,
            saldo_al_convenir=c.saldo,
            descuento=simulacion.descuento_por_cargo.get(c.pk, CERO),
        )
        for c in cargos
    )
    partes = (
        [Parcialidad(convenio=convenio, numero=0, fecha_vencimiento=dia, monto=simulacion.enganche)]
        if simulacion.enganche > 0
        else []
    )
    partes += [
        Parcialidad(
            convenio=convenio, numero=p.numero, fecha_vencimiento=p.fecha_vencimiento, monto=p.monto
        )
        for p in simulacion.plazos
    ]
    Parcialidad.objects.bulk_create(partes)
    return convenio


def _condicion(cuenta, alternativa, dia):
    from convenios.negociacion.simulacion import condicion_vigente

    return (
        condicion_vigente(cuenta, alternativa, dia)
        if alternativa.tipo == Alternativa.Tipo.CONDICION_ESPECIAL
        else None
    )


def puede_autorizar(usuario, convenio):
    if convenio.nivel_requerido is None:
        return usuario.has_perm("convenios.capturar_convenio")
    permiso = convenio.nivel_requerido.permiso
    # The higher tier may also approve what the lower one could.
    return usuario.has_perm(permiso) or usuario.has_perm("convenios.autorizar_convenio_mayor")


def convenio_bloquear(convenio):
    """The convenio locked after its cuenta; its alternativa only read."""
    return tras_su_cuenta(Convenio.objects.select_related("alternativa"), convenio)


@transaction.atomic
def convenio_enviar(*, convenio, usuario):
    convenio = convenio_bloquear(convenio)
    if convenio.estado != Convenio.Estado.BORRADOR:
        raise ValidationError({"estado": "Solo un borrador puede enviarse."})
    convenio.estado = (
        Convenio.Estado.PENDIENTE if convenio.nivel_requerido else Convenio.Estado.AUTORIZADO
    )
    convenio.save(update_fields=["estado"])
    return convenio


@transaction.atomic
def convenio_autorizar(*, convenio, usuario, motivo=""):
    convenio = convenio_bloquear(convenio)
    if convenio.estado != Convenio.Estado.PENDIENTE:
        raise ValidationError(
            {
                "estado": f"El convenio está {convenio.get_estado_display().lower()}; "
                "solo se autoriza uno pendiente."
            }
        )
    if not puede_autorizar(usuario, convenio):
        raise ValidationError(
            {
                "autorizado_por": f"Este convenio requiere autorización de nivel "
                f"«{convenio.nivel_requerido.nombre}»."
            }
        )
    convenio.estado, convenio.autorizado_por = Convenio.Estado.AUTORIZADO, usuario
    convenio.autorizado, convenio.motivo_resolucion = ahora(), motivo.strip()
    convenio.save(update_fields=["estado", "autorizado_por", "autorizado", "motivo_resolucion"])
    return convenio


@transaction.atomic
def convenio_rechazar(*, convenio, usuario, motivo):
    convenio = convenio_bloquear(convenio)
    if convenio.estado != Convenio.Estado.PENDIENTE:
        raise ValidationError({"estado": "Solo se rechaza un convenio pendiente de autorización."})
    if not puede_autorizar(usuario, convenio):
        raise ValidationError(
            {"autorizado_por": "No tiene el nivel de autorización que este convenio requiere."}
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": "Indique el motivo del rechazo."})
    convenio.estado, convenio.autorizado_por = Convenio.Estado.RECHAZADO, usuario
    convenio.autorizado, convenio.motivo_resolucion = ahora(), motivo.strip()
    convenio.terminado = hoy()
    convenio.save(
        update_fields=["estado", "autorizado_por", "autorizado", "motivo_resolucion", "terminado"]
    )
    return convenio


@transaction.atomic
def convenio_firmar(*, convenio, usuario, dia=None):
    """The debtor signs: the discount is booked on the ledger; with no enganche it is vigente at once."""
    dia = dia or hoy()
    convenio = convenio_bloquear(convenio)
    if convenio.estado != Convenio.Estado.AUTORIZADO:
        raise ValidationError(
            {"estado": "El convenio no puede firmarse antes de estar autorizado."}
        )
    if convenio.firmado:
        raise ValidationError({"estado": "El convenio ya está firmado."})
    convenio.firmado = ahora()
    convenio.save(update_fields=["firmado"])
    descuento_aplicar(convenio=convenio, usuario=usuario, dia=dia)
    convenio_sincronizar(convenio=convenio, dia=dia)
    expedientes_suspender(
        cuenta=convenio.cuenta, usuario=usuario, motivo=f"Convenio {convenio.folio} firmado"
    )
    corte_levantar(
        cuenta=convenio.cuenta, usuario=usuario, motivo=f"Convenio {convenio.folio} firmado"
    )
    convenio.refresh_from_db()
    return convenio


@transaction.atomic
def convenio_cancelar(*, convenio, usuario, motivo, dia=None):
    """Cancel with a reason; a signed discount is charged back (the ledger keeps both)."""
    dia = dia or hoy()
    convenio = convenio_bloquear(convenio)
    if not usuario.has_perm("convenios.cancelar_convenio"):
        raise ValidationError({"usuario": "No tiene permiso para cancelar convenios."})
    if convenio.estado not in (Convenio.Estado.BORRADOR, *VIVOS):
        raise ValidationError(
            {"estado": f"Un convenio {convenio.get_estado_display().lower()} no se cancela."}
        )
    if not (motivo or "").strip():
        raise ValidationError({"motivo": "Indique el motivo de la cancelación."})
    if convenio.firmado:
        descuento_revertir(
            convenio=convenio,
            usuario=usuario,
            dia=dia,
            motivo=f"Cancelación del convenio {convenio.folio}",
        )
    convenio.estado, convenio.terminado, convenio.motivo_cancelacion = (
        Convenio.Estado.CANCELADO,
        dia,
        motivo.strip(),
    )
    convenio.save(update_fields=["estado", "terminado", "motivo_cancelacion"])
    if convenio.firmado:
        expedientes_reanudar(
            cuenta=convenio.cuenta, usuario=usuario, motivo=f"Convenio {convenio.folio} cancelado"
        )
    return convenio
