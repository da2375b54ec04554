"""Encuestas de satisfacción: the supervisor defines a survey and where it is applied (after
an attention at ventanilla, by a link in the e-mail/SMS notices, or on a public page); each
person answers through an invitation, once.

A survey's questions are frozen once it has answers: the results compare like with like. To
ask something else, create a new survey.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from cobranza.atencion.models import Atencion, Encuesta, Invitacion, Pregunta, Respuesta
from cobranza.atencion.publico import sin_html
from padron.fechas import ahora

Tipo = Pregunta.Tipo
CANALES = {"ventanilla": "en_ventanilla", "aviso": "en_avisos", "publica": "publica"}
TEXTO_MAXIMO = 1000
SI_NO = {"si": "si", "sí": "si", "no": "no"}

# Notices go by SMS too (cut at 300 characters): their token is shorter, still 128 random bits.
BYTES_TOKEN = {"aviso": 16}
BYTES_TOKEN_POR_OMISION = 32

ENCUESTA_ESTANDAR = {
    "nombre": "Evaluación de la prestación del servicio",
    "descripcion": (
        "Su opinión nos ayuda a mejorar. Responder toma menos de un minuto y es anónimo: "
        "no se pide su nombre."
    ),
    "en_ventanilla": True,
    "en_avisos": True,
    "publica": True,
    "preguntas": [
        {"texto": "¿Cómo califica la atención que recibió?", "tipo": Tipo.ESCALA},
        {"texto": "¿Cómo califica el tiempo de espera?", "tipo": Tipo.ESCALA},
        {"texto": "¿Qué tan clara fue la información que le dimos?", "tipo": Tipo.ESCALA},
        {"texto": "¿Resolvimos su asunto?", "tipo": Tipo.SI_NO},
        {
            "texto": "¿Por qué medio prefiere que lo atendamos?",
            "tipo": Tipo.OPCION,
            "opciones": ["Ventanilla", "Teléfono", "Correo electrónico", "WhatsApp"],
        },
        {
            "texto": "Comentarios o sugerencias",
            "tipo": Tipo.TEXTO,
            "obligatoria": False,
        },
    ],
}


# --- defining a survey ------------------------------------------------------------------------


def _pregunta_limpia(indice, pregunta) -> dict:
    campo = f"preguntas[{indice}]"
    numero = f"Pregunta {indice + 1}"
    texto = str(pregunta.get("texto") or "").strip()
    if not texto:
        raise ValidationError({f"{campo}.texto": f"{numero}: escriba la pregunta."})
    if len(texto) > 300:
        raise ValidationError({f"{campo}.texto": f"{numero}: máximo 300 caracteres."})
    tipo = pregunta.get("tipo")
    if tipo not in Tipo.values:
        raise ValidationError({f"{campo}.tipo": f"{numero}: elija el tipo de pregunta."})
    opciones = []
    if tipo == Tipo.OPCION:
        for opcion in pregunta.get("opciones") or []:
            opcion = str(opcion).strip()
            if opcion and opcion not in opciones:
                opciones.append(opcion[:120])
        if len(opciones) < 2:
            raise ValidationError(
                {f"{campo}.opciones": f"{numero}: indique al menos dos opciones distintas."}
            )
    obligatoria = pregunta.get("obligatoria")
    return {
        "texto": texto,
        "tipo": tipo,
        "opciones": opciones,
        "obligatoria": True if obligatoria is None else bool(obligatoria),
    }


def _preguntas_limpias(preguntas) -> list[dict]:
    if not preguntas:
        raise ValidationError({"preguntas": "Agregue al menos una pregunta."})
    return [_pregunta_limpia(i, p) for i, p in enumerate(preguntas)]


def _nombre_limpio(nombre, excepto=None) -> str:
    nombre = str(nombre or "").strip()
    if not nombre:
        raise ValidationError({"nombre": "Escriba el nombre de la encuesta."})
    if len(nombre) > 120:
        raise ValidationError({"nombre": "Máximo 120 caracteres."})
    otras = Encuesta.objects.filter(nombre__iexact=nombre)
    if excepto is not None:
        otras = otras.exclude(pk=excepto.pk)
    if otras.exists():
        raise ValidationError({"nombre": "Ya existe una encuesta con ese nombre."})
    return nombre


def _preguntas_guardar(encuesta, preguntas):
    Pregunta.objects.bulk_create(
        Pregunta(encuesta=encuesta, orden=i, **p) for i, p in enumerate(preguntas, start=1)
    )


def _preguntas_actuales(encuesta) -> list[dict]:
    return list(
        encuesta.preguntas.order_by("orden").values("texto", "tipo", "opciones", "obligatoria")
    )


def tiene_respuestas(encuesta) -> bool:
    return encuesta.invitaciones.filter(respondida__isnull=False).exists()


@transaction.atomic
def encuesta_crear(
    *,
    nombre,
    preguntas,
    usuario,
    descripcion="",
    en_ventanilla=False,
    en_avisos=False,
    publica=False,
) -> Encuesta:
    """A new active survey with its questions, in the order given. `preguntas` is a list of
    {texto, tipo, opciones, obligatoria}; a choice question needs two options or more."""
    nombre = _nombre_limpio(nombre)
    preguntas = _preguntas_limpias(preguntas)
    encuesta = Encuesta.objects.create(
        nombre=nombre,
        descripcion=str(descripcion or "").strip(),
        en_ventanilla=bool(en_ventanilla),
        en_avisos=bool(en_avisos),
        publica=bool(publica),
        creada_por=usuario,
    )
    _preguntas_guardar(encuesta, preguntas)
    return encuesta


@transaction.atomic
def encuesta_actualizar(
    *,
    encuesta,
    nombre=None,
    descripcion=None,
    en_ventanilla=None,
    en_avisos=None,
    publica=None,
    preguntas=None,
) -> Encuesta:
    """Change what was given (None leaves it). The questions of a survey with answers cannot
    change: its results would mix answers to different questions."""
    encuesta = Encuesta.objects.select_for_update().get(pk=encuesta.pk)
    if nombre is not None:
        encuesta.nombre = _nombre_limpio(nombre, excepto=encuesta)
    if descripcion is not None:
        encuesta.descripcion = str(descripcion).strip()
    for campo, valor in (
        ("en_ventanilla", en_ventanilla),
        ("en_avisos", en_avisos),
        ("publica", publica),
    ):
        if valor is not None:
            setattr(encuesta, campo, bool(valor))
    encuesta.save()
    if preguntas is not None:
        preguntas = _preguntas_limpias(preguntas)
        if preguntas != _preguntas_actuales(encuesta):
            if tiene_respuestas(encuesta):
                raise ValidationError(
                    {
                        "preguntas": "La encuesta ya tiene respuestas: sus preguntas no se pueden "
                        "cambiar. Cree una encuesta nueva."
                    }
                )
            encuesta.preguntas.all().delete()
            _preguntas_guardar(encuesta, preguntas)
    return encuesta


def _activa_poner(encuesta, activa) -> Encuesta:
    with transaction.atomic():
        encuesta = Encuesta.objects.select_for_update().get(pk=encuesta.pk)
        encuesta.activa = activa
        encuesta.save(update_fields=["activa"])
    return encuesta


def encuesta_activar(*, encuesta) -> Encuesta:
    return _activa_poner(encuesta, True)


def encuesta_desactivar(*, encuesta) -> Encuesta:
    """Stops new invitations and answers; what was answered stays in its results."""
    return _activa_poner(encuesta, False)


def encuesta_estandar_crear(*, usuario) -> Encuesta:
    """The standard «evaluación de la prestación del servicio» survey; once (by its name)."""
    existente = Encuesta.objects.filter(nombre=ENCUESTA_ESTANDAR["nombre"]).first()
    return existente or encuesta_crear(**ENCUESTA_ESTANDAR, usuario=usuario)


# --- invitations ------------------------------------------------------------------------------


def encuesta_vigente(canal):
    """The survey applied on `canal` (ventanilla, aviso): the newest active one there."""
    filtro = {CANALES[canal]: True}
    return Encuesta.objects.filter(activa=True, **filtro).order_by("-creada", "-pk").first()


@transaction.atomic
def invitacion_crear(*, encuesta, canal, atencion=None, cuenta=None) -> Invitacion:
    """One chance to answer `encuesta`, on a channel the survey is applied on."""
    if canal not in CANALES:
        raise ValidationError({"canal": "Canal no válido: ventanilla, aviso o publica."})
    encuesta = Encuesta.objects.get(pk=encuesta.pk)  # as it is now, not as the caller read it
    if not encuesta.activa:
        raise ValidationError({"encuesta": "La encuesta no está activa."})
    if not getattr(encuesta, CANALES[canal]):
        raise ValidationError({"canal": "La encuesta no se aplica por ese canal."})
    if atencion is not None and cuenta is None:
        cuenta = atencion.cuenta
    token = secrets.token_urlsafe(BYTES_TOKEN.get(canal, BYTES_TOKEN_POR_OMISION))
    return Invitacion.objects.create(
        encuesta=encuesta, canal=canal, token=token, atencion=atencion, cuenta=cuenta
    )


@transaction.atomic
def invitacion_para_atencion(atencion) -> Invitacion | None:
    """The invitation of this attention to the ventanilla survey (created the first time,
    the same one afterwards), or None when no active survey is applied at ventanilla."""
    encuesta = encuesta_vigente("ventanilla")
    if encuesta is None:
        return None
    # The lock makes two clicks on the button one invitation.
    Atencion.objects.select_for_update().filter(pk=atencion.pk).first()
    existente = Invitacion.objects.filter(encuesta=encuesta, atencion=atencion).first()
    return existente or invitacion_crear(encuesta=encuesta, canal="ventanilla", atencion=atencion)


def liga_de(invitacion) -> str:
    """Where the person answers: absolute with settings.SITIO_URL, else a path on this site."""
    ruta = reverse("cobranza:encuesta_responder", args=[invitacion.token])
    sitio = getattr(settings, "SITIO_URL", "") or ""
    return f"{sitio.rstrip('/')}{ruta}"


def liga_para_aviso(cuenta) -> str | None:
    """A new invitation (canal aviso) for the survey sent with notices, as its link; None when
    no active survey goes with them."""
    encuesta = encuesta_vigente("aviso")
    if encuesta is None:
        return None
    return liga_de(invitacion_crear(encuesta=encuesta, canal="aviso", cuenta=cuenta))


# --- answering --------------------------------------------------------------------------------


def _valor_limpio(pregunta, valor) -> str:
    """The answer as stored, or a ValidationError message for the person."""
    if pregunta.tipo == Tipo.ESCALA:
        if valor not in {"1", "2", "3", "4", "5"}:
            raise ValidationError("Elija un valor del 1 al 5.")
    elif pregunta.tipo == Tipo.SI_NO:
        if valor.lower() not in SI_NO:
            raise ValidationError("Responda sí o no.")
        valor = SI_NO[valor.lower()]
    elif pregunta.tipo == Tipo.OPCION:
        if valor not in pregunta.opciones:
            raise ValidationError("Elija una de las opciones.")
    else:
        if len(valor) > TEXTO_MAXIMO:
            raise ValidationError(f"Máximo {TEXTO_MAXIMO} caracteres.")
        sin_html(valor)
    return valor


def _valores_por_pregunta(valores) -> dict:
    # Keys arrive as ints (services, API) or as text (a form's field names carry the id).
    try:
        return {int(clave): ("" if v is None else str(v).strip()) for clave, v in valores.items()}
    except (TypeError, ValueError):
        raise ValidationError({"valores": "Identificador de pregunta no válido."}) from None


def invitacion_bloquear(invitacion_id) -> Invitacion:
    """The invitation with its encuesta, only the invitation locked: every answer reads the
    encuesta, and locking that row too queued all the debtors answering one survey."""
    return (
        Invitacion.objects.select_for_update(of=("self",))
        .select_related("encuesta")
        .get(pk=invitacion_id)
    )


@transaction.atomic
def respuestas_registrar(*, invitacion, valores) -> Invitacion:
    """Store the answers of one invitation: all of them or none, and only once.

    `valores` maps pregunta id -> text. Each is checked by its question's type (escala 1 to 5,
    sí/no, one of the options, free text up to 1000 characters without HTML); a required
    question cannot be left empty. Errors name the question as `pregunta_<id>`."""
    invitacion = invitacion_bloquear(invitacion.pk)
    if invitacion.respondida is not None:
        raise ValidationError("Esta encuesta ya fue respondida.", code="respondida")
    if not invitacion.encuesta.activa:
        raise ValidationError("Esta encuesta ya no está disponible.", code="inactiva")
    preguntas = {p.pk: p for p in invitacion.encuesta.preguntas.all()}
    valores = _valores_por_pregunta(valores)
    errores, respuestas = {}, []
    for ajena in set(valores) - set(preguntas):
        errores[f"pregunta_{ajena}"] = ["La pregunta no pertenece a esta encuesta."]
    for pk, pregunta in preguntas.items():
        valor = valores.get(pk, "")
        if not valor:
            if pregunta.obligatoria:
                errores[f"pregunta_{pk}"] = ["Responda esta pregunta."]
            continue
        try:
            valor = _valor_limpio(pregunta, valor)
        except ValidationError as exc:
            errores[f"pregunta_{pk}"] = exc.messages
            continue
        respuestas.append(Respuesta(invitacion=invitacion, pregunta=pregunta, valor=valor))
    if errores:
        raise ValidationError(errores)
    if not respuestas:
        raise ValidationError("Responda al menos una pregunta.", code="vacia")
    Respuesta.objects.bulk_create(respuestas)
    invitacion.respondida = ahora()
    invitacion.save(update_fields=["respondida"])
    return invitacion


@transaction.atomic
def respuesta_publica_registrar(*, encuesta, valores) -> Invitacion:
    """An answer on the public page: its invitation (canal publica) and the answers together;
    when an answer is refused, no invitation remains either."""
    invitacion = invitacion_crear(encuesta=encuesta, canal="publica")
    return respuestas_registrar(invitacion=invitacion, valores=valores)
