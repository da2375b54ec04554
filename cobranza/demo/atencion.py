"""Demo of atención al público (called through `demo_sembrada`; idempotent): six weeks of
attentions at the front desk and on the phone, the áreas' heads, a few quejas in every state
(one overdue) and the standard service-evaluation survey with its answers.

Past attentions are written directly (they happened before the system existed, like the
historic bills); the quejas and the survey go through their services."""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone

from cobranza.atencion.services.encuestas import (
    encuesta_estandar_crear,
    invitacion_crear,
    respuestas_registrar,
)
from cobranza.atencion.services.quejas import (
    PLAZO_DIAS_HABILES,
    queja_asignar,
    queja_cerrar,
    queja_registrar,
    queja_responder,
)
from cobranza.models import (
    AreaResponsable,
    Atencion,
    Invitacion,
    MotivoAtencion,
    Pago,
    Pregunta,
    Queja,
    VinculoAtencion,
)
from cobranza.pec.dias_habiles import sumar_dias_habiles
from padron.fechas import hoy
from padron.models import Cuenta

DIAS = 42
ROLES = ("ventanilla", "caja", "supervisor", "seguimiento")
CANALES = ["ventanilla"] * 6 + ["telefono"] * 3 + ["whatsapp", "correo", "visita"]
RESPONSABLES = {
    "Atención a usuarios": "supervisor",
    "Cobranza": "supervisor",
    "Comercialización": "supervisor",
    "Crédito educativo": "seguimiento",
}


def _momento(dia, minutos):
    return timezone.make_aware(datetime.combine(dia, time(8, 0)) + timedelta(minutes=minutos))


def _atenciones(usuarios, cuentas, dia_final, azar) -> int:
    motivos = list(MotivoAtencion.objects.order_by("orden"))
    filas, pagos_ligables = [], {}
    for atras in range(DIAS, 0, -1):
        dia = dia_final - timedelta(days=atras)
        if dia.weekday() >= 5:
            continue
        for _ in range(azar.randint(6, 16)):
            cuenta = azar.choice(cuentas) if cuentas and azar.random() < 0.7 else None
            llegada = _momento(dia, azar.randint(0, 7 * 60))
            inicio = llegada + timedelta(minutes=azar.choice((0, 0, 2, 5, 9, 15)))
            atencion = Atencion(
                canal=azar.choice(CANALES),
                motivo=azar.choice(motivos),
                cuenta=cuenta,
                titular_id=cuenta.titular_id if cuenta else None,
                persona="" if cuenta else azar.choice(("Vecino", "Familiar del titular", "Gestor")),
                atendio=usuarios[azar.choice(("ventanilla", "ventanilla", "caja", "seguimiento"))],
                llegada=llegada,
                inicio=inicio,
                fin=inicio + timedelta(minutes=azar.randint(2, 18)),
            )
            filas.append(atencion)
            if cuenta:
                pagos_ligables[id(atencion)] = (cuenta.pk, dia)
    Atencion.objects.bulk_create(filas, batch_size=500)
    # A payment of that cuenta on that day is what the attention ended in.
    pagos = {
        (p.cuenta_id, p.fecha): p
        for p in Pago.objects.filter(
            cuenta_id__in={c for c, _ in pagos_ligables.values()},
            fecha__gte=dia_final - timedelta(days=DIAS),
        )
    }
    vinculos = []
    for atencion in filas:
        pago = pagos.get(pagos_ligables.get(id(atencion), (None, None)))
        if pago:
            vinculos.append(
                VinculoAtencion(
                    atencion=atencion,
                    tipo=VinculoAtencion.Tipo.PAGO,
                    objeto_id=pago.pk,
                    descripcion=f"Pago {pago.folio or pago.pk} por ${pago.monto:,.2f}",
                )
            )
    VinculoAtencion.objects.bulk_create(vinculos, ignore_conflicts=True)
    return len(filas)


def atencion_demo_crear(sender=None, *, carteras, **kwargs):
    if Atencion.objects.exists():
        return ""
    usuarios = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    if len(usuarios) < len(ROLES):
        return ""
    azar = random.Random(2026)
    cuentas = list(Cuenta.objects.filter(cartera__in=carteras).order_by("pk")[:300])
    with transaction.atomic():
        for area, rol in RESPONSABLES.items():
            AreaResponsable.objects.filter(nombre=area, responsable__isnull=True).update(
                responsable=usuarios[rol]
            )
        atenciones = _atenciones(usuarios, cuentas, hoy(), azar)
        extras = [
            texto for texto in (_quejas(usuarios, cuentas), _encuestas(usuarios, azar)) if texto
        ]
    return " ".join([f"Atención: {atenciones} atenciones de las últimas seis semanas.", *extras])


QUEJAS = (
    # (tipo, origen, área, días atrás, estado al que llega, descripción)
    (
        "queja",
        "publico",
        "Atención a usuarios",
        20,
        "vencida",
        "Fui tres veces a ventanilla por la aclaración de mi recibo y nadie me da respuesta.",
    ),
    (
        "queja",
        "telefono",
        "Operación",
        6,
        "asignada",
        "Llevo dos días sin agua en la colonia Centro y me siguen cobrando el servicio completo.",
    ),
    (
        "sugerencia",
        "ventanilla",
        "Atención a usuarios",
        12,
        "cerrada",
        "Sería bueno poder pagar con tarjeta en la caja de la oficina del centro.",
    ),
    (
        "felicitacion",
        "publico",
        "Cobranza",
        3,
        "respondida",
        "Gracias a la señorita que me explicó el convenio con mucha paciencia.",
    ),
    (
        "denuncia",
        "publico",
        "Operación",
        1,
        "recibida",
        "Hay una toma clandestina en la esquina de Obregón y Juárez, se ve la manguera.",
    ),
    (
        "queja",
        "ventanilla",
        "Crédito educativo",
        9,
        "asignada",
        "No me han liberado la ministración del semestre aunque entregué la constancia.",
    ),
)


def _quejas(usuarios, cuentas) -> str:
    """Quejas in every state, one of them overdue on the head of its area's home page."""
    areas = {a.nombre: a for a in AreaResponsable.objects.all()}
    ventanilla, supervisor = usuarios["ventanilla"], usuarios["supervisor"]
    for tipo, origen, area, atras, estado, texto in QUEJAS:
        queja = queja_registrar(
            tipo=tipo,
            origen=origen,
            descripcion=texto,
            nombre="" if origen == "publico" else "Usuario de ventanilla",
            usuario=None if origen == "publico" else ventanilla,
        )
        # Received `atras` days ago: its deadline runs from then, like a real one.
        recibida = queja.recibida - timedelta(days=atras)
        Queja.objects.filter(pk=queja.pk).update(
            recibida=recibida,
            vence=sumar_dias_habiles(timezone.localdate(recibida), PLAZO_DIAS_HABILES[tipo]),
        )
        queja.refresh_from_db()
        if estado == "recibida":
            continue
        responsable = areas[area].responsable or supervisor
        queja = queja_asignar(
            queja=queja, area=areas[area], usuario=supervisor, asignada_a=responsable
        )
        if estado in ("respondida", "cerrada"):
            queja = queja_responder(
                queja=queja,
                respuesta="Gracias por escribirnos; lo revisamos con el área y le damos seguimiento.",
                usuario=responsable,
            )
        if estado == "cerrada":
            queja_cerrar(queja=queja, usuario=supervisor, satisfaccion=4)
    return f"Quejas y sugerencias: {len(QUEJAS)} (una vencida)."


COMENTARIOS = (
    "Muy amable la señorita de ventanilla.",
    "Tardaron mucho en atenderme.",
    "Deberían abrir más temprano.",
    "",
    "",
)


def _valor(pregunta, azar) -> str:
    if pregunta.tipo == Pregunta.Tipo.ESCALA:
        return str(azar.choice((2, 3, 4, 4, 5, 5, 5)))
    if pregunta.tipo == Pregunta.Tipo.SI_NO:
        return azar.choice(("si", "si", "si", "no"))
    if pregunta.tipo == Pregunta.Tipo.OPCION:
        return azar.choice(pregunta.opciones)
    return azar.choice(COMENTARIOS)


def _encuestas(usuarios, azar) -> str:
    """The standard survey, answered after some of the past attentions at ventanilla."""
    encuesta = encuesta_estandar_crear(usuario=usuarios["supervisor"])
    preguntas = list(encuesta.preguntas.all())
    atendidas = list(Atencion.objects.filter(canal="ventanilla", fin__isnull=False).order_by("pk"))
    respondidas = 0
    for atencion in azar.sample(atendidas, min(60, len(atendidas))):
        invitacion = invitacion_crear(encuesta=encuesta, canal="ventanilla", atencion=atencion)
        if azar.random() < 0.8:
            valores = {p.pk: _valor(p, azar) for p in preguntas}
            respuestas_registrar(invitacion=invitacion, valores=valores)
            respondidas += 1
        # It was offered when that attention ended, not today.
        Invitacion.objects.filter(pk=invitacion.pk).update(
            creada=atencion.fin,
            respondida=Case(When(respondida__isnull=False, then=Value(atencion.fin))),
        )
    return f"Encuesta «{encuesta.nombre}»: {respondidas} respuestas."
