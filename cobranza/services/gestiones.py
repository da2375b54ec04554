"""Collection work on a cuenta: gestiones (with their promesas de pago) and recados.

A gestión records what was done (call, visit, notice...) and what came of it. When the
debtor promises to pay, the gestión carries a PromesaPago that the daily check
(services/promesas.py) settles against the ledger. A recado is a phone message taken
for someone absent; only its recipient reads it.
"""

from datetime import date, datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from cobranza.models import Gestion, PromesaPago, Recado
from padron.dinero import validar_monto
from padron.fechas import ahora, hoy
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
    fecha = _leer_fecha(fecha, "promesa_fecha")
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
