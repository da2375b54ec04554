"""Quejas y sugerencias: reception (ventanilla, teléfono, correo or the public page), assignment
to an area and a person, the answer, closure and the person's satisfaction with the answer.

Every queja gets a gapless folio ("Q26-000001") and a random clave de consulta: the folio is
printed on receipts and said over the phone, so it is guessable; the clave is what lets the
public read the state. The deadline runs in días hábiles on the editable calendar (DiaInhabil).
History (who changed what, when) is kept by simple_history on every save.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.models import Queja
from cobranza.pec.dias_habiles import sumar_dias_habiles
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente

# Días hábiles to answer, by tipo. Quejas and denuncias concern a service already given or a
# wrongdoing, 10 días hábiles (two working weeks) as in the organismos' service charters; a
# sugerencia needs the area to study it, 15; a felicitación only needs an acknowledgement, 5.
# An organismo with other terms sets ATENCION_PLAZO_DIAS_HABILES = {"queja": 8, ...}.
PLAZO_DIAS_HABILES = {
    Queja.Tipo.QUEJA: 10,
    Queja.Tipo.DENUNCIA: 10,
    Queja.Tipo.SUGERENCIA: 15,
    Queja.Tipo.FELICITACION: 5,
    **getattr(settings, "ATENCION_PLAZO_DIAS_HABILES", {}),
}
DESCRIPCION_MINIMA = 10
DESCRIPCION_MAXIMA = 4000
RESPUESTA_MAXIMA = 4000
PERMISO = "cobranza.atender_quejas"
# No 0/O, 1/I/L: the clave is read aloud and copied by hand from a receipt.
ALFABETO_CLAVE = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LARGO_CLAVE = 8
ABIERTAS = (Queja.Estado.RECIBIDA, Queja.Estado.ASIGNADA)


def clave_nueva() -> str:
    return "".join(secrets.choice(ALFABETO_CLAVE) for _ in range(LARGO_CLAVE))


def serie_de_folios() -> str:
    return f"Q{hoy():%y}"


def _texto(valor, campo, *, maximo, minimo=0, requerido_msg=None) -> str:
    valor = (valor or "").strip()
    if requerido_msg and not valor:
        raise ValidationError({campo: requerido_msg})
    if valor and len(valor) < minimo:
        raise ValidationError({campo: f"Escriba al menos {minimo} caracteres."})
    if len(valor) > maximo:
        raise ValidationError({campo: f"Máximo {maximo} caracteres."})
    return valor


def _guardar(queja, usuario, motivo):
    # simple_history takes the user from the request; services also run from the API, tasks
    # and tests, so they say who and why themselves.
    queja._history_user = usuario
    queja._change_reason = motivo
    queja.save()
    return queja


def _bloquear(queja) -> Queja:
    return Queja.objects.select_for_update().get(pk=queja.pk)


@transaction.atomic
def queja_registrar(
    *,
    tipo,
    origen,
    descripcion,
    nombre="",
    contacto="",
    area=None,
    cuenta=None,
    usuario=None,
) -> Queja:
    """Receive a queja, sugerencia, felicitación or denuncia: folio, clave and the deadline
    (PLAZO_DIAS_HABILES[tipo] días hábiles counted from the day after today)."""
    if tipo not in Queja.Tipo.values:
        raise ValidationError({"tipo": "Elija si es queja, sugerencia, felicitación o denuncia."})
    if origen not in Queja.Origen.values:
        raise ValidationError({"origen": "Indique cómo se recibió."})
    if origen != Queja.Origen.PUBLICO and usuario is None:
        raise ValidationError({"origen": "Solo la página pública recibe quejas sin usuario."})
    descripcion = _texto(
        descripcion,
        "descripcion",
        minimo=DESCRIPCION_MINIMA,
        maximo=DESCRIPCION_MAXIMA,
        requerido_msg="Describa la queja o sugerencia.",
    )
    if area is not None and not area.activa:
        raise ValidationError({"area": "Esa área ya no recibe quejas; elija otra."})
    queja = Queja(
        folio=folio_siguiente(serie_de_folios()),
        clave=clave_nueva(),
        tipo=tipo,
        origen=origen,
        descripcion=descripcion,
        nombre=_texto(nombre, "nombre", maximo=200),
        contacto=_texto(contacto, "contacto", maximo=120),
        area=area,
        cuenta=cuenta,
        capturada_por=usuario,
        recibida=ahora(),
        vence=sumar_dias_habiles(hoy(), PLAZO_DIAS_HABILES[tipo]),
    )
    return _guardar(queja, usuario, f"Recibida por {queja.get_origen_display().lower()}")


def quienes_atienden_quejas():
    """Who may be assigned a queja: active users holding atender_quejas through their role."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__codename="atender_quejas",
            groups__permissions__content_type__app_label="cobranza",
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@transaction.atomic
def queja_asignar(*, queja, area, usuario, asignada_a=None) -> Queja:
    """Send an open queja to an area and a person (the area's head when none is named).
    Reassigning an open queja is allowed; an answered one is not reassigned."""
    queja = _bloquear(queja)
    if queja.estado not in ABIERTAS:
        raise ValidationError({"area": "La queja ya fue respondida; no se reasigna."})
    if area is None or not area.activa:
        raise ValidationError({"area": "Elija un área activa."})
    asignada_a = asignada_a or area.responsable
    if asignada_a is None:
        raise ValidationError(
            {"asignada_a": "El área no tiene responsable; indique a quién se asigna."}
        )
    if not quienes_atienden_quejas().filter(pk=asignada_a.pk).exists():
        raise ValidationError(
            {"asignada_a": "Asigne a un usuario activo que atienda quejas y sugerencias."}
        )
    queja.area, queja.asignada_a, queja.estado = area, asignada_a, Queja.Estado.ASIGNADA
    quien = asignada_a.get_full_name() or asignada_a.username
    return _guardar(queja, usuario, f"Asignada a {area.nombre} ({quien})")


@transaction.atomic
def queja_responder(*, queja, respuesta, usuario) -> Queja:
    """Record the answer given to the person. Answered once: the first answer's date is the
    one the report measures against the deadline."""
    queja = _bloquear(queja)
    if queja.estado == Queja.Estado.CERRADA:
        raise ValidationError({"respuesta": "La queja está cerrada; ya no se responde."})
    if queja.respondida is not None:
        raise ValidationError({"respuesta": "La queja ya tiene respuesta."})
    queja.respuesta = _texto(
        respuesta, "respuesta", maximo=RESPUESTA_MAXIMA, requerido_msg="Escriba la respuesta."
    )
    queja.respondida, queja.respondida_por = ahora(), usuario
    queja.estado = Queja.Estado.RESPONDIDA
    return _guardar(queja, usuario, "Respondida")


def _satisfaccion(valor):
    try:
        valor = int(valor)
    except (TypeError, ValueError):
        valor = None
    if valor not in Queja.Satisfaccion.values:
        raise ValidationError({"satisfaccion": "Califique del 1 (muy insatisfecho) al 5."})
    return valor


@transaction.atomic
def queja_cerrar(*, queja, usuario, satisfaccion=None) -> Queja:
    """Close an answered queja, optionally with the satisfaction the person told the clerk
    (by phone or at the window). A rating the person already gave is not overwritten."""
    queja = _bloquear(queja)
    if queja.estado == Queja.Estado.CERRADA:
        raise ValidationError({"estado": "La queja ya está cerrada."})
    if queja.respondida is None:
        raise ValidationError({"estado": "Responda la queja antes de cerrarla."})
    if satisfaccion not in (None, ""):
        if queja.satisfaccion is not None:
            raise ValidationError({"satisfaccion": "La persona ya calificó la respuesta."})
        queja.satisfaccion = _satisfaccion(satisfaccion)
    queja.cerrada, queja.estado = ahora(), Queja.Estado.CERRADA
    return _guardar(queja, usuario, "Cerrada")


@transaction.atomic
def queja_calificar(*, queja, satisfaccion) -> Queja:
    """The person rates the answer from the public page: only once it is answered, only once."""
    queja = _bloquear(queja)
    if queja.respondida is None:
        raise ValidationError({"satisfaccion": "Podrá calificar cuando tenga respuesta."})
    if queja.satisfaccion is not None:
        raise ValidationError({"satisfaccion": "Esta respuesta ya fue calificada. Gracias."})
    queja.satisfaccion = _satisfaccion(satisfaccion)
    return _guardar(queja, None, "Calificada por la persona")
