"""Corte orders in the street and after: the cortador's results, the automatic cancellation
of a cut that no longer applies, and the reconexión.

- A result comes from the cortador's phone, maybe hours after it was recorded offline, and
  maybe twice: the phone sends a `clave` it generated, and the same clave again returns the
  stored result without touching anything.
- A pending cut is cancelled when the account no longer qualifies: it paid what made it
  eligible (saldo vencido, or months overdue below the list's threshold, unless another
  registered criterion such as a broken convenio still holds), or it is left out by a
  registered exclusion (convenio al corriente), or it signed a convenio (convenios calls
  `corte_levantar`). At once on payment (signal `pago_registrado`, in the payment's
  transaction) and by the periodic sweep (`ordenes_corte_barrer`).
- A cut account that no longer qualifies gets one reconexión order, for the cortador who
  cut it, and the cartera's reconnection charge (once per cut).
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from simple_history.models import HistoricalRecords

from cobranza.cortes.reglas import CRITERIOS_EXTRA, EXCLUSIONES_EXTRA
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, OrdenCorte, SaldoCuenta, Servicio
from padron.bloqueos import cuenta_bloquear
from padron.dinero import leer_cantidad
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente
from padron.models import Cuenta
from padron.sql import existe

LOTE = 500
# A phone's clock may run a little ahead of the server's.
TOLERANCIA_RELOJ = timedelta(minutes=10)
FOTO_MAXIMA = 5 * 1024 * 1024
CORTADAS = (Cuenta.Estado.CORTADA, Cuenta.Estado.RESTRINGIDA)
MOTIVO_PAGO = "El usuario pagó su saldo vencido"

Estado, Tipo, Accion = OrdenCorte.Estado, OrdenCorte.Tipo, OrdenCorte.Accion


def _autor_actual():
    """Who is acting (request or `actuando_como`), for services called from signals."""
    peticion = getattr(HistoricalRecords.context, "request", None)
    usuario = getattr(peticion, "user", None)
    return usuario if usuario is not None and usuario.is_authenticated else None


# --- the result from the street -------------------------------------------------------------


def _clave(clave):
    clave = str(clave or "").strip()
    if not clave:
        raise ValidationError({"clave": "Falta la clave del resultado (la genera el teléfono)."})
    if len(clave) > 64:
        raise ValidationError({"clave": "La clave del resultado tiene a lo más 64 caracteres."})
    return clave


def _momento(momento):
    if momento is None:
        raise ValidationError({"momento": "Indique la fecha y hora de la visita."})
    if timezone.is_naive(momento):
        momento = timezone.make_aware(momento)
    if momento > ahora() + TOLERANCIA_RELOJ:
        raise ValidationError({"momento": "La fecha y hora de la visita no puede ser futura."})
    return momento


def _lectura(lectura):
    if lectura in (None, ""):
        return None
    # The money grammar (padron.dinero): "1,5" is ambiguous, not 15.
    valor = leer_cantidad(lectura)
    if valor is None:
        raise ValidationError(
            {"lectura": "La lectura debe ser un número como 1234.5 (la coma solo separa miles)."}
        )
    if not valor.is_finite() or valor < 0 or valor >= Decimal("1e10"):
        raise ValidationError({"lectura": "La lectura debe ser un número positivo."})
    if valor.as_tuple().exponent < -2:
        raise ValidationError({"lectura": "La lectura lleva a lo más dos decimales."})
    return valor


def _foto(foto):
    if not foto:
        return None
    tipo = getattr(foto, "content_type", "") or ""
    if tipo and not tipo.startswith("image/"):
        raise ValidationError({"foto": "La fotografía debe ser una imagen."})
    if foto.size > FOTO_MAXIMA:
        raise ValidationError({"foto": "La fotografía pesa más de 5 MB."})
    return foto


def _orden_disponible(orden, cortador, clave):
    """The locked order, or None when this clave already recorded it (a re-send)."""
    if orden.clave_resultado == clave:
        return None
    if orden.cortador_id != cortador.pk:
        raise ValidationError({"orden": f"La orden {orden.folio} no está asignada a usted."})
    if orden.estado == Estado.CANCELADA:
        motivo = orden.motivo_cancelacion or "ya no procede"
        raise ValidationError({"orden": f"La orden se canceló: {motivo[:1].lower()}{motivo[1:]}"})
    if orden.estado != Estado.PENDIENTE:
        raise ValidationError(
            {"orden": f"La orden {orden.folio} ya tiene un resultado registrado desde otro envío."}
        )
    return orden


def _cuenta_actualizar(orden, momento):
    """An executed order changes the service: cut, restricted, or reconnected."""
    nuevo = {
        Accion.SUSPENSION: Cuenta.Estado.CORTADA,
        Accion.REDUCCION: Cuenta.Estado.RESTRINGIDA,
        Accion.RECONEXION: Cuenta.Estado.ACTIVA,
    }[orden.accion]
    cuenta = cuenta_bloquear(orden.cuenta_id)
    if cuenta.estado == Cuenta.Estado.BAJA or cuenta.estado == nuevo:
        return
    cuenta.estado = nuevo
    cuenta._change_reason = (
        f"{orden.get_accion_display()} ejecutada (orden {orden.folio}, "
        f"{timezone.localtime(momento):%d/%m/%Y %H:%M})"
    )
    cuenta.save(update_fields=["estado"])


def orden_resultado_registrar(
    *,
    orden,
    cortador,
    clave,
    ejecutada: bool,
    momento,
    lectura=None,
    motivo=None,
    notas="",
    foto=None,
):
    """Record what the cortador did at the address. Returns (orden, registrado_ahora).

    Idempotent by `clave`, which the phone generates: the same clave again returns the
    stored result and changes nothing (registrado_ahora False). Only the order's own
    cortador records it; an order cancelled meanwhile (the titular paid) is refused with
    the reason, so the phone can show it. «Usuario pagó en sitio» only records the visit:
    the money is received at caja.
    """
    clave = _clave(clave)
    previa = OrdenCorte.objects.filter(clave_resultado=clave).first()
    if previa is not None and previa.pk != orden.pk:
        raise ValidationError({"clave": "Esta clave ya se usó para el resultado de otra orden."})
    with transaction.atomic():
        orden = OrdenCorte.objects.select_for_update().get(pk=orden.pk)
        if _orden_disponible(orden, cortador, clave) is None:
            return orden, False
        momento = _momento(momento)
        if ejecutada:
            orden.estado, orden.ejecutada = Estado.EJECUTADA, momento
            orden.lectura, orden.motivo_no_ejecutada = _lectura(lectura), ""
            if foto := _foto(foto):
                orden.foto = foto
            razon = f"Ejecutada el {timezone.localtime(momento):%d/%m/%Y %H:%M}"
        else:
            if motivo not in OrdenCorte.Motivo.values:
                raise ValidationError({"motivo": "Indique por qué no se ejecutó la orden."})
            orden.estado, orden.motivo_no_ejecutada = Estado.NO_EJECUTADA, motivo
            razon = (
                f"No ejecutada ({OrdenCorte.Motivo(motivo).label.lower()}), visita del "
                f"{timezone.localtime(momento):%d/%m/%Y %H:%M}"
            )
        orden.notas = (notas or "").strip()
        orden.clave_resultado, orden.registrada = clave, ahora()
        orden._change_reason = razon
        try:
            with transaction.atomic():
                orden.save()
        except IntegrityError:
            # Another request took this clave for another order in the meantime.
            raise ValidationError(
                {"clave": "Esta clave ya se usó para el resultado de otra orden."}
            ) from None
        if ejecutada:
            _cuenta_actualizar(orden, momento)
    return orden, True


# --- does the cut still apply? --------------------------------------------------------------


def _umbral_de_la_lista():
    """The months threshold the order's list used (the supervisor may set another), else
    the cartera's."""
    return Coalesce(
        Cast(KeyTextTransform("meses_minimos", "lista__parametros"), IntegerField()),
        F("cuenta__cartera__umbral_corte_meses"),
    )


def _en_criterio_extra(dia, campo="cuenta_id") -> Q:
    """Accounts still eligible by a registered criterion (e.g. convenio incumplido)."""
    q = Q(pk__in=[])
    for regla in CRITERIOS_EXTRA:
        q |= Q(**{f"{campo}__in": regla.cuentas(dia)})
    return q


def _pagadas(ordenes, dia):
    """Orders whose account paid what made it eligible."""
    return ordenes.annotate(umbral=_umbral_de_la_lista()).filter(
        Q(cuenta__saldo__isnull=True)
        | Q(cuenta__saldo__saldo_vencido__lte=0)
        | (Q(cuenta__saldo__meses_vencidos__lt=F("umbral")) & ~_en_criterio_extra(dia))
    )


def _cancelar(ordenes, motivo) -> int:
    """Cancel the given pending orders (locked), in batches, writing their history."""
    ids = list(ordenes.select_for_update(of=("self",)).order_by("pk").values_list("pk", flat=True))
    instante = ahora()
    for inicio in range(0, len(ids), LOTE):
        lote = OrdenCorte.objects.filter(pk__in=ids[inicio : inicio + LOTE])
        lote.update(estado=Estado.CANCELADA, cancelada=instante, motivo_cancelacion=motivo[:250])
        OrdenCorte.history.bulk_history_create(
            list(lote), update=True, default_change_reason=f"Cancelada: {motivo}"[:250]
        )
    return len(ids)


@transaction.atomic
def ordenes_cancelar_si_no_procede(*, cuenta_ids=None, motivo=MOTIVO_PAGO, dia=None) -> int:
    """Cancel the pending cut orders whose account no longer qualifies (all accounts when
    `cuenta_ids` is None). Set-based and idempotent: a cancelled order is not pending.

    Left out by a registered exclusion (convenio al corriente): cancelled with that
    exclusion's name. Paid what made it eligible: cancelled with `motivo`.
    """
    dia = dia or hoy()
    pendientes = OrdenCorte.objects.filter(estado=Estado.PENDIENTE, tipo=Tipo.CORTE)
    if cuenta_ids is not None:
        pendientes = pendientes.filter(cuenta_id__in=list(cuenta_ids))
    canceladas = 0
    for regla in EXCLUSIONES_EXTRA:
        canceladas += _cancelar(pendientes.filter(cuenta_id__in=regla.cuentas(dia)), regla.etiqueta)
    return canceladas + _cancelar(_pagadas(pendientes, dia), motivo)


def _ultimo_corte(cuenta_id):
    return (
        OrdenCorte.objects.filter(cuenta_id=cuenta_id, tipo=Tipo.CORTE, estado=Estado.EJECUTADA)
        .select_related("lista")
        .order_by("-ejecutada", "-pk")
        .first()
    )


def cuenta_sigue_para_corte(cuenta, *, corte=None, dia=None) -> bool:
    """One account: does it still owe what makes it eligible for a cut?"""
    dia = dia or hoy()
    saldo = SaldoCuenta.objects.filter(cuenta_id=cuenta.pk).first()
    if saldo is None or saldo.saldo_vencido <= 0:
        return False
    umbral = cuenta.cartera.umbral_corte_meses
    if corte is not None and corte.lista_id:
        umbral = int((corte.lista.parametros or {}).get("meses_minimos") or umbral)
    if saldo.meses_vencidos >= umbral:
        return True
    return Cuenta.objects.filter(_en_criterio_extra(dia, campo="pk"), pk=cuenta.pk).exists()


# --- reconexión -----------------------------------------------------------------------------


def _cargo_reconexion(cuenta, corte, usuario):
    tarifa = cuenta.cartera.tarifa_reconexion or Decimal("0")
    if tarifa <= 0:
        return None
    dia = hoy()
    detalle = f"por el corte {corte.folio}" if corte else "del servicio"
    return cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.RECONEXION,
        monto=tarifa,
        fecha_emision=dia,
        fecha_vencimiento=dia,
        servicio=Servicio.AGUA,
        descripcion=f"Reconexión {detalle}",
        registrado_por=usuario,
    )


@transaction.atomic
def reconexion_generar(*, cuenta, motivo, usuario=None):
    """Issue the reconexión of a cut (or restricted) account that no longer qualifies:
    one order for the cortador who cut it and the cartera's reconnection charge
    (`tarifa_reconexion`; none when it is 0). Once per cut: an existing reconexión of the
    same cut (or a pending one) is returned as is. None when the account is not cut.
    """
    cuenta = cuenta_bloquear(cuenta.pk)
    if cuenta.estado not in CORTADAS:
        return None
    corte = _ultimo_corte(cuenta.pk)
    previas = OrdenCorte.objects.filter(cuenta=cuenta, tipo=Tipo.RECONEXION)
    existente = (
        previas.filter(origen=corte).exclude(estado=Estado.CANCELADA)
        if corte
        else previas.filter(estado=Estado.PENDIENTE)
    ).first()
    if existente is not None:
        return existente
    usuario = usuario or _autor_actual()
    orden = OrdenCorte(
        folio=folio_siguiente(f"RX{hoy():%y}"),
        tipo=Tipo.RECONEXION,
        accion=Accion.RECONEXION,
        cuenta=cuenta,
        origen=corte,
        cortador=corte.cortador if corte else None,
        sector=cuenta.sector,
        ruta=cuenta.ruta,
        orden_ruta=corte.orden_ruta if corte else 0,
        motivo_elegible="reconexion",
    )
    orden.cargo_reconexion = _cargo_reconexion(cuenta, corte, usuario)
    saldo = SaldoCuenta.objects.filter(cuenta=cuenta).first()
    if saldo is not None:
        orden.saldo_vencido, orden.meses_vencidos = saldo.saldo_vencido, saldo.meses_vencidos
    orden._change_reason = f"Reconexión: {motivo}"[:250]
    orden._history_user = usuario
    orden.save()
    return orden


@transaction.atomic
def corte_levantar(*, cuenta, motivo, usuario=None):
    """The account signed a convenio: its pending cut is cancelled and, if the service was
    already cut, the reconexión is issued. Called by convenios (cobranza does not import it).
    Returns (orders cancelled, reconexión or None)."""
    pendientes = OrdenCorte.objects.filter(
        cuenta_id=cuenta.pk, estado=Estado.PENDIENTE, tipo=Tipo.CORTE
    )
    canceladas = _cancelar(pendientes, motivo)
    return canceladas, reconexion_generar(cuenta=cuenta, motivo=motivo, usuario=usuario)


def al_registrar_pago(sender, pago, **kwargs):
    """In the payment's transaction: a cut that no longer applies is cancelled, and a cut
    account that no longer qualifies gets its reconexión."""
    cuenta = pago.cuenta
    pendiente = existe(  # by hand: every payment asks (padron.sql)
        f"SELECT 1 FROM {OrdenCorte._meta.db_table} "
        "WHERE cuenta_id = %s AND estado = %s AND tipo = %s",
        [cuenta.pk, Estado.PENDIENTE.value, Tipo.CORTE.value],
    )
    if pendiente:
        ordenes_cancelar_si_no_procede(
            cuenta_ids=[cuenta.pk], motivo=f"El usuario pagó (recibo {pago.folio})"
        )
    if cuenta.estado in CORTADAS:
        corte = _ultimo_corte(cuenta.pk)
        if not cuenta_sigue_para_corte(cuenta, corte=corte):
            reconexion_generar(
                cuenta=cuenta, motivo=f"Pago del recibo {pago.folio}", usuario=pago.registrado_por
            )


def conectar():
    """Connect the payment receiver (called from CobranzaConfig.ready())."""
    from cobranza.signals import pago_registrado

    pago_registrado.connect(al_registrar_pago, dispatch_uid="cobranza.cortes_campo.pago")


# --- the periodic sweep ---------------------------------------------------------------------


@dataclass(frozen=True)
class Barrido:
    dia: object
    canceladas: int
    reconexiones: int


def _cortes_sin_reconexion():
    """The latest executed cut of each account still cut, when it has no reconexión yet."""
    ultimo = (
        OrdenCorte.objects.filter(
            cuenta=OuterRef("cuenta"), tipo=Tipo.CORTE, estado=Estado.EJECUTADA
        )
        .order_by("-ejecutada", "-pk")
        .values("pk")[:1]
    )
    reconexion = OrdenCorte.objects.filter(origen=OuterRef("pk"), tipo=Tipo.RECONEXION).exclude(
        estado=Estado.CANCELADA
    )
    return OrdenCorte.objects.filter(
        tipo=Tipo.CORTE,
        estado=Estado.EJECUTADA,
        cuenta__estado__in=CORTADAS,
        pk=Subquery(ultimo),
    ).filter(~Exists(reconexion))


def ordenes_corte_barrer(*, dia=None, usuario=None) -> Barrido:
    """The periodic sweep: cancel pending cuts that no longer apply and issue the missing
    reconexiones (a payment the signal missed, a convenio now al corriente). Running it
    twice changes nothing more."""
    dia = dia or hoy()
    canceladas = ordenes_cancelar_si_no_procede(motivo=MOTIVO_PAGO, dia=dia)
    cortes = _cortes_sin_reconexion()
    ya_no_proceden = Q(pk__in=_pagadas(cortes, dia).values("pk"))
    for regla in EXCLUSIONES_EXTRA:
        ya_no_proceden |= Q(cuenta_id__in=regla.cuentas(dia))
    cuenta_ids = list(
        cortes.filter(ya_no_proceden).order_by("cuenta_id").values_list("cuenta_id", flat=True)
    )
    reconexiones = 0
    for cuenta_id in cuenta_ids:
        orden = reconexion_generar(
            cuenta=Cuenta(pk=cuenta_id),
            motivo="Barrido periódico: ya no procede el corte",
            usuario=usuario,
        )
        reconexiones += orden is not None
    return Barrido(dia=dia, canceladas=canceladas, reconexiones=reconexiones)
