"""Loans of originals and their return to the debtor once the debt is paid off.

A loan takes an original out of the archive to someone who may see its cuenta (an abogado
externo only the cuentas assigned to him) until a due date; the custodian signs it out with a
vale and receives it back. One original is never lent twice at once: the document's row is
locked, and the partial unique constraint `prestamo_uno_abierto` holds it even so.

A devolución hands a pagaré (or contrato de crédito) back to the debtor when what it secured is
paid off (selectors.prestamos.documentos_finiquitados), with an acuse he signs.

History (who changed what, when) is kept by simple_history on every save.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q

from cobranza.archivo.selectors.prestamos import documentos_finiquitados
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Devolucion, Documento, Prestamo
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente

PERMISO = "cobranza.custodiar_documentos"
SERIE_DEVOLUCIONES = "DEV"
PROPOSITO_MAXIMO = 200
Estado = Documento.Estado


def nombre_de(usuario) -> str:
    return usuario.get_full_name() or usuario.username


def _guardar(objeto, usuario, motivo):
    # simple_history takes the user from the request; services also run from the API, tasks
    # and tests, so they say who and why themselves.
    objeto._history_user = usuario
    objeto._change_reason = motivo
    objeto.save()
    return objeto


def _texto(valor, campo, *, maximo, requerido_msg) -> str:
    valor = (valor or "").strip()
    if not valor:
        raise ValidationError({campo: requerido_msg})
    if len(valor) > maximo:
        raise ValidationError({campo: f"Máximo {maximo} caracteres."})
    return valor


def _ya_prestado(documento) -> ValidationError:
    abierto = (
        Prestamo.objects.select_related("prestatario")
        .filter(documento=documento, devuelto__isnull=True)
        .first()
    )
    quien = (
        f"{nombre_de(abierto.prestatario)} desde el {abierto.prestado:%d/%m/%Y}"
        if abierto
        else "otra persona"
    )
    return ValidationError(
        {
            "documento": f"Este original ya está prestado a {quien}; recíbalo antes de prestarlo de nuevo."
        }
    )


def _estado_en_archivo(documento) -> str:
    """The state an original goes back to when it returns to the archive."""
    return Estado.ESCANEADO if documento.escaneos.exists() else Estado.RECIBIDO


@transaction.atomic
def prestamo_registrar(*, documento, prestatario, proposito, vence, usuario) -> Prestamo:
    """Lend an original: only a paper original in the archive (not lent, returned or dropped),
    to an active user who may see its cuenta, until a date not before today."""
    documento = (
        Documento.objects.select_for_update(of=("self",))
        .select_related("legajo__cuenta")
        .get(pk=documento.pk)
    )
    if not documento.original:
        raise ValidationError(
            {"documento": "Solo se prestan originales; este documento no tiene original en papel."}
        )
    if documento.estado == Estado.PRESTADO:
        raise _ya_prestado(documento)
    if documento.estado == Estado.DEVUELTO:
        raise ValidationError({"documento": "Este original ya se devolvió al deudor."})
    if documento.estado == Estado.BAJA:
        raise ValidationError({"documento": "Este documento está dado de baja."})
    if prestatario is None or not prestatario.is_active:
        raise ValidationError({"prestatario": "Indique a quién se presta (un usuario activo)."})
    cuenta = documento.legajo.cuenta
    if not cuentas_visibles(prestatario).filter(pk=cuenta.pk).exists():
        raise ValidationError(
            {
                "prestatario": f"{nombre_de(prestatario)} no tiene acceso a la cuenta "
                f"{cuenta.numero}; solo se prestan expedientes de cuentas que puede consultar."
            }
        )
    proposito = _texto(
        proposito,
        "proposito",
        maximo=PROPOSITO_MAXIMO,
        requerido_msg="Indique para qué se presta el original.",
    )
    if vence is None:
        raise ValidationError({"vence": "Indique la fecha en que debe devolverse."})
    if vence < hoy():
        raise ValidationError({"vence": "La fecha de devolución no puede ser anterior a hoy."})
    prestamo = Prestamo(
        documento=documento,
        prestatario=prestatario,
        proposito=proposito,
        vence=vence,
        prestado=ahora(),
        entregado_por=usuario,
    )
    try:
        with transaction.atomic():
            _guardar(prestamo, usuario, "Préstamo del original")
    except IntegrityError:  # prestamo_uno_abierto: lent at the same moment by someone else
        raise _ya_prestado(documento) from None
    documento.estado = Estado.PRESTADO
    _guardar(documento, usuario, f"Prestado a {nombre_de(prestatario)}")
    return prestamo


@transaction.atomic
def prestamo_devolver(*, prestamo, usuario) -> Prestamo:
    """Receive a lent original back: the loan closes and the document is in the archive again
    (escaneado if it has scans, recibido otherwise)."""
    prestamo = Prestamo.objects.select_for_update().get(pk=prestamo.pk)
    if prestamo.devuelto is not None:
        raise ValidationError(
            {"prestamo": f"Este préstamo ya se devolvió el {prestamo.devuelto:%d/%m/%Y}."}
        )
    prestamo.devuelto = ahora()
    prestamo.recibido_por = usuario
    _guardar(prestamo, usuario, "Original devuelto al archivo")
    documento = Documento.objects.select_for_update().get(pk=prestamo.documento_id)
    if documento.estado == Estado.PRESTADO:
        documento.estado = _estado_en_archivo(documento)
        _guardar(documento, usuario, "Devuelto al archivo")
    prestamo.documento = documento
    return prestamo


def _aviso(prestamos) -> str:
    lineas = [
        f"- {p.documento} de la cuenta {p.documento.legajo.cuenta.numero}: "
        f"debió devolverse el {p.vence:%d/%m/%Y} ({p.proposito})."
        for p in prestamos
    ]
    return (
        f"Estimado(a) {nombre_de(prestamos[0].prestatario)}:\n\n"
        "Tiene en préstamo originales del archivo cuyo plazo ya venció:\n"
        + "\n".join(lineas)
        + "\n\nDevuélvalos al archivo o pida al custodio una nueva fecha."
    )


def prestamos_recordar(*, dia=None) -> int:
    """Daily: one e-mail to each borrower holding overdue originals, at most once a day (the
    loans reminded today carry recordado = today, so a second run sends nothing). Returns how
    many e-mails were sent."""
    dia = dia or hoy()
    pendientes = Prestamo.objects.filter(devuelto__isnull=True, vence__lt=dia).filter(
        Q(recordado__isnull=True) | Q(recordado__lt=dia)
    )
    por_prestatario = defaultdict(list)
    for prestamo_id, prestatario_id in pendientes.values_list("pk", "prestatario_id"):
        por_prestatario[prestatario_id].append(prestamo_id)
    enviados = 0
    for ids in por_prestatario.values():
        with transaction.atomic():
            # Locked and filtered again: a run in another worker may have sent it meanwhile.
            prestamos = list(
                pendientes.filter(pk__in=ids)
                .select_for_update(of=("self",))
                .select_related("prestatario", "documento__tipo", "documento__legajo__cuenta")
                .order_by("vence", "pk")
            )
            if not prestamos:
                continue
            correo = prestamos[0].prestatario.email
            if correo:
                send_mail(
                    "Préstamos de originales vencidos",
                    _aviso(prestamos),
                    None,
                    [correo],
                )
                enviados += 1
            Prestamo.objects.filter(pk__in=[p.pk for p in prestamos]).update(recordado=dia)
    return enviados


@transaction.atomic
def devolucion_registrar(*, documento, recibe, identificacion, usuario) -> Devolucion:
    """Hand a paid-off pagaré (or contrato de crédito) back to the debtor: folio DEV-…, the
    document leaves custody (devuelto) and the acuse is printed for him to sign. Refused while
    the original is lent, once returned, or while the debt it secures is not paid off."""
    documento = Documento.objects.select_for_update().get(pk=documento.pk)
    if documento.estado == Estado.PRESTADO:
        raise _ya_prestado(documento)
    anterior = Devolucion.objects.filter(documento=documento).first()
    if anterior or documento.estado == Estado.DEVUELTO:
        folio = f" con el folio {anterior.folio}" if anterior else ""
        raise ValidationError({"documento": f"Este original ya se devolvió al deudor{folio}."})
    if documento.estado == Estado.BAJA:
        raise ValidationError({"documento": "Este documento está dado de baja."})
    if not documento.original:
        raise ValidationError({"documento": "No hay original en papel que devolver."})
    if not documentos_finiquitados().filter(pk=documento.pk).exists():
        raise ValidationError(
            {
                "documento": "La deuda que garantiza este documento no está liquidada; no se devuelve."
            }
        )
    recibe = _texto(
        recibe, "recibe", maximo=200, requerido_msg="Escriba el nombre de quien recibe."
    )
    identificacion = _texto(
        identificacion,
        "identificacion",
        maximo=100,
        requerido_msg="Indique la identificación que presenta quien recibe.",
    )
    devolucion = Devolucion(
        folio=folio_siguiente(SERIE_DEVOLUCIONES),
        documento=documento,
        recibe=recibe,
        identificacion=identificacion,
        fecha=ahora(),
        usuario=usuario,
    )
    _guardar(devolucion, usuario, "Devolución al deudor")
    documento.estado = Estado.DEVUELTO
    _guardar(documento, usuario, f"Devuelto al deudor, folio {devolucion.folio}")
    return devolucion
