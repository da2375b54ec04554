"""Collection work on a cuenta: gestiones (with their promesas de pago) and recados.

A gestión records what was done (call, visit, notice...) and what came of it. When the
debtor promises to pay, the gestión carries a PromesaPago that the daily check
(promesas_revisar, below) settles against the ledger. A recado is a phone message taken
for someone absent; only its recipient reads it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    DecimalField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from cobranza.models import Gestion, Pago, PromesaPago, Recado
from padron.dinero import validar_monto
from padron.fechas import ahora, hoy, validar_fecha
from padron.roles import ROLES

FORMATOS_FECHA = ("%d/%m/%Y", "%Y-%m-%d")


def _leer_fecha(valor, campo):
    """A date from a date or a 'dd/mm/aaaa' / 'aaaa-mm-dd' text, or an error naming `campo`."""
    if isinstance(valor, datetime):
        return timezone.localdate(valor) if timezone.is_aware(valor) else valor.date()
    if isinstance(valor, date):
        return valor
    for formato in FORMATOS_FECHA:
        try:
            return datetime.strptime(str(valor).strip(), formato).date()
        except ValueError:
            continue
    raise ValidationError({campo: "Fecha no válida; use dd/mm/aaaa."})


def _momento_de_la_gestion(fecha):
    """When it happened: now by default; a past moment when captured later, never the future."""
    if fecha is None:
        return ahora()
    if not isinstance(fecha, datetime):
        raise ValidationError({"fecha": "Indique fecha y hora de la gestión."})
    if timezone.is_naive(fecha):
        fecha = timezone.make_aware(fecha)
    if fecha > ahora():
        raise ValidationError({"fecha": "La fecha de la gestión no puede ser futura."})
    return fecha


def _promesa_validar(monto, fecha):
    if monto in (None, ""):
        raise ValidationError({"promesa_monto": "Indique el monto que el deudor promete pagar."})
    monto = validar_monto(monto, campo="promesa_monto")
    if fecha in (None, ""):
        raise ValidationError({"promesa_fecha": "Indique la fecha en que el deudor promete pagar."})
    fecha = validar_fecha(
        _leer_fecha(fecha, "promesa_fecha"), campo="promesa_fecha", nombre="La fecha prometida"
    )
    if fecha < hoy():
        raise ValidationError({"promesa_fecha": "La fecha prometida no puede ser anterior a hoy."})
    return monto, fecha


@transaction.atomic
def gestion_registrar(
    *,
    cuenta,
    usuario,
    tipo,
    resultado,
    notas="",
    fecha=None,
    promesa_monto=None,
    promesa_fecha=None,
) -> Gestion:
    """Record a collection action on `cuenta` and its result.

    With resultado «promesa de pago» the debtor's promise (monto > 0, a date from today on)
    is stored with it as a vigente PromesaPago, counted from today (local time). The
    promise fields are ignored for any other result.
    """
    if tipo not in Gestion.Tipo.values:
        raise ValidationError({"tipo": "Elija el tipo de gestión."})
    if resultado not in Gestion.Resultado.values:
        raise ValidationError({"resultado": "Elija el resultado de la gestión."})
    promesa = None
    if resultado == Gestion.Resultado.PROMESA:
        promesa = _promesa_validar(promesa_monto, promesa_fecha)
    gestion = Gestion.objects.create(
        cuenta=cuenta,
        tipo=tipo,
        resultado=resultado,
        notas=(notas or "").strip(),
        fecha=_momento_de_la_gestion(fecha),
        usuario=usuario,
    )
    if promesa:
        monto, fecha_compromiso = promesa
        PromesaPago.objects.create(
            gestion=gestion,
            cuenta=cuenta,
            monto=monto,
            fecha_compromiso=fecha_compromiso,
            prometida_el=hoy(),
        )
    return gestion


def destinatarios_de_recados():
    """Who may receive a recado: active staff holding a role."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[r.clave for r in ROLES])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def recado_tomar(*, para, de, telefono, mensaje, tomado_por, cuenta=None) -> Recado:
    """Take a phone message for `para` (an active user with a role); it waits unread for them."""
    if para is None or not destinatarios_de_recados().filter(pk=para.pk).exists():
        raise ValidationError({"para": "Elija a un usuario activo del sistema."})
    de, mensaje = (de or "").strip(), (mensaje or "").strip()
    telefono = (telefono or "").strip()
    if not de:
        raise ValidationError({"de": "Indique de parte de quién es el recado."})
    if not mensaje:
        raise ValidationError({"mensaje": "Escriba el mensaje."})
    if len(de) > 200:
        raise ValidationError({"de": "Máximo 200 caracteres."})
    if len(telefono) > 30 or any(c not in "0123456789 +-().ext" for c in telefono.lower()):
        raise ValidationError(
            {"telefono": "Teléfono no válido (solo dígitos, espacios, + - y ())."}
        )
    return Recado.objects.create(
        para=para,
        de=de,
        telefono=telefono,
        mensaje=mensaje,
        cuenta=cuenta,
        tomado_por=tomado_por,
    )


@transaction.atomic
def recado_marcar_leido(*, recado, usuario) -> Recado:
    """Only the recipient marks a recado read; marking it again keeps the first time."""
    recado = Recado.objects.select_for_update().get(pk=recado.pk)
    if recado.para_id != usuario.pk:
        raise PermissionDenied("Solo el destinatario puede marcar el recado como leído.")
    if recado.leido is None:
        recado.leido = ahora()
        recado.save(update_fields=["leido"])
    return recado


SIN_LEER = ExpressionWrapper(Q(leido__isnull=True), output_field=BooleanField())


def recados_de(usuario):
    """The user's recados, unread first, then newest first."""
    return (
        Recado.objects.filter(para=usuario)
        .select_related("tomado_por", "cuenta")
        .order_by(SIN_LEER.desc(), "-fecha", "-id")
    )


# --- the daily check of promesas de pago against the ledger ---
#
# What counts as paid: the SUM of the cuenta's pagos still applied (estado «aplicado») whose
# fecha falls in the promise's window, from `prometida_el` to `fecha_compromiso` (and not
# after the day of the check). We add pagos, not Aplicaciones, because
#   - money the debtor brought counts even when it stays as saldo a favor (nothing left
#     to apply it to), and an Aplicacion made later from that saldo carries a later date;
#   - a reversal's negative Aplicaciones are dated when the pago was reversed, possibly
#     after the window, so summing Aplicaciones by date would still count a bounced cheque.
#     A reversed pago is simply «revertido» and never counts, whenever it was reversed.
#
# A promise is cumplida as soon as that sum reaches its monto (even before the date) and
# incumplida once `fecha_compromiso` has passed without it (the day after). Settled promises
# are not reopened. The work is set-based: one annotated query per state finds the rows,
# one UPDATE per batch settles them, and their history rows are written in bulk.
LOTE = 500
DINERO = DecimalField(max_digits=14, decimal_places=2)


@dataclass(frozen=True)
class RevisionPromesas:
    dia: date
    cumplidas: int
    incumplidas: int
    vigentes: int


def pagado_en_plazo(dia):
    """Expression: what the promise's cuenta paid inside its window, up to `dia`."""
    pagos = (
        Pago.objects.filter(
            cuenta=OuterRef("cuenta"),
            estado=Pago.Estado.APLICADO,
            fecha__gte=OuterRef("prometida_el"),
            fecha__lte=OuterRef("fecha_compromiso"),
        )
        .filter(fecha__lte=dia)
        .order_by()
        .values("cuenta")
        .annotate(total=Sum("monto"))
        .values("total")
    )
    return Coalesce(
        Subquery(pagos, output_field=DINERO), Value(Decimal("0.00")), output_field=DINERO
    )


def _resolver(ids, estado, pagado, dia):
    """Set `estado` on the rows `ids`, with what was paid; write their history in bulk."""
    motivo = f"Revisión de promesas del {dia:%d/%m/%Y}: {PromesaPago.Estado(estado).label.lower()}"
    for inicio in range(0, len(ids), LOTE):
        lote = ids[inicio : inicio + LOTE]
        filas = PromesaPago.objects.filter(pk__in=lote)
        filas.update(estado=estado, pagado=pagado, revisada=dia)
        PromesaPago.history.bulk_history_create(
            list(filas), update=True, default_change_reason=motivo
        )


@transaction.atomic
def promesas_revisar(*, dia=None) -> RevisionPromesas:
    """Mark each vigente promesa cumplida (paid in full in its window) or incumplida (its
    date passed before `dia` without it). Running it twice for a day changes nothing more."""
    dia = dia or hoy()
    pagado = pagado_en_plazo(dia)
    vigentes = (
        PromesaPago.objects.select_for_update()
        .filter(estado=PromesaPago.Estado.VIGENTE, prometida_el__lte=dia)
        .annotate(pagado_al=pagado)
        .order_by("pk")
    )
    cumplidas = list(vigentes.filter(pagado_al__gte=F("monto")).values_list("pk", flat=True))
    incumplidas = list(
        vigentes.filter(Q(fecha_compromiso__lt=dia) & Q(pagado_al__lt=F("monto"))).values_list(
            "pk", flat=True
        )
    )
    _resolver(cumplidas, PromesaPago.Estado.CUMPLIDA, pagado, dia)
    _resolver(incumplidas, PromesaPago.Estado.INCUMPLIDA, pagado, dia)
    return RevisionPromesas(
        dia=dia,
        cumplidas=len(cumplidas),
        incumplidas=len(incumplidas),
        vigentes=PromesaPago.objects.filter(estado=PromesaPago.Estado.VIGENTE).count(),
    )


# --- reads for the supervisor's list (page and API) ---------------------------------------

POR_OMISION = (PromesaPago.Estado.VIGENTE, PromesaPago.Estado.INCUMPLIDA)


def promesas_consultar(*, cuentas, estado="", desde=None, hasta=None, gestor=None, dia=None):
    """Promesas on `cuentas` (the user's visible ones), by date promised; vigentes and
    incumplidas unless `estado` says otherwise. `pagado_al`: paid in the window so far."""
    estados = [estado] if estado in PromesaPago.Estado.values else POR_OMISION
    promesas = (
        PromesaPago.objects.filter(cuenta__in=cuentas, estado__in=estados)
        .select_related("cuenta__titular", "gestion__usuario")
        .annotate(pagado_al=pagado_en_plazo(dia or hoy()))
        .order_by("fecha_compromiso", "pk")
    )
    if desde:
        promesas = promesas.filter(fecha_compromiso__gte=desde)
    if hasta:
        promesas = promesas.filter(fecha_compromiso__lte=hasta)
    if gestor:
        promesas = promesas.filter(gestion__usuario=gestor)
    return promesas
