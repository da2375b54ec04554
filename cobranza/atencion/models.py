"""Atención al público: every visit or call logged (with or without a cuenta), quejas y
sugerencias with a deadline in días hábiles, and service-evaluation surveys."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from padron.fechas import ahora
from padron.models import Cuenta, Titular


class Canal(models.TextChoices):
    VENTANILLA = "ventanilla", "Ventanilla"
    TELEFONO = "telefono", "Teléfono"
    CORREO = "correo", "Correo electrónico"
    WHATSAPP = "whatsapp", "WhatsApp"
    VISITA = "visita", "Visita"


# --- registro de atención ---------------------------------------------------------------------


class MotivoAtencion(models.Model):
    """Why the person came or called (catalog the supervisor keeps)."""

    nombre = models.CharField("motivo", max_length=80, unique=True)
    activo = models.BooleanField("activo", default=True)
    orden = models.PositiveSmallIntegerField("orden", default=0)

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = "motivo de atención"
        verbose_name_plural = "motivos de atención"

    def __str__(self):
        return self.nombre


class Atencion(models.Model):
    """One person attended: who, why, by which channel, by whom, and when (arrival, start of
    service, end). Open while `fin` is empty; the clerk has at most one open at a time."""

    canal = models.CharField("canal", max_length=12, choices=Canal.choices)
    motivo = models.ForeignKey(
        MotivoAtencion, on_delete=models.PROTECT, related_name="atenciones", verbose_name="motivo"
    )
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, null=True, blank=True, related_name="atenciones"
    )
    titular = models.ForeignKey(
        Titular, on_delete=models.PROTECT, null=True, blank=True, related_name="atenciones"
    )
    persona = models.CharField("persona atendida", max_length=200, blank=True)
    contacto = models.CharField("teléfono o correo", max_length=120, blank=True)
    atendio = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="atenciones"
    )
    llegada = models.DateTimeField("llegada", default=ahora)
    inicio = models.DateTimeField("inicio de la atención", default=ahora, db_index=True)
    fin = models.DateTimeField("fin de la atención", null=True, blank=True)
    notas = models.TextField("notas", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-inicio"]
        verbose_name = "atención"
        verbose_name_plural = "atenciones"
        constraints = [
            models.CheckConstraint(condition=Q(inicio__gte=F("llegada")), name="atencion_espera"),
            models.CheckConstraint(
                condition=Q(fin__isnull=True) | Q(fin__gte=F("inicio")), name="atencion_duracion"
            ),
            models.UniqueConstraint(
                fields=["atendio"], condition=Q(fin__isnull=True), name="atencion_una_abierta"
            ),
        ]
        indexes = [models.Index(fields=["atendio", "-inicio"], name="atencion_atendio")]

    def __str__(self):
        quien = self.persona or (self.titular and self.titular.nombre_completo) or "Sin nombre"
        return f"{self.get_canal_display()} · {quien} · {self.inicio:%d/%m/%Y %H:%M}"


class VinculoAtencion(models.Model):
    """What was recorded during an attention (a gestión, a pago, a convenio), linked when it
    closes. Kept by type and id so that convenios can register its own kind (no upward import)."""

    class Tipo(models.TextChoices):
        GESTION = "gestion", "Gestión"
        PAGO = "pago", "Pago"
        CONVENIO = "convenio", "Convenio"

    atencion = models.ForeignKey(Atencion, on_delete=models.CASCADE, related_name="vinculos")
    tipo = models.CharField("tipo", max_length=10, choices=Tipo.choices)
    objeto_id = models.PositiveBigIntegerField("id del registro")
    descripcion = models.CharField("descripción", max_length=200)

    class Meta:
        verbose_name = "registro de la atención"
        verbose_name_plural = "registros de la atención"
        constraints = [
            models.UniqueConstraint(
                fields=["atencion", "tipo", "objeto_id"], name="vinculo_atencion_unico"
            )
        ]

    def __str__(self):
        return self.descripcion


# --- quejas y sugerencias ---------------------------------------------------------------------


class AreaResponsable(models.Model):
    """An area that answers quejas, with its head (who sees the overdue ones at home)."""

    nombre = models.CharField("área", max_length=80, unique=True)
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="areas_responsables",
    )
    activa = models.BooleanField("activa", default=True)

    class Meta:
        ordering = ["nombre"]
        verbose_name = "área responsable"
        verbose_name_plural = "áreas responsables"

    def __str__(self):
        return self.nombre


class Queja(models.Model):
    """A queja, sugerencia, felicitación or denuncia, from its reception to the person's
    satisfaction with the answer. The public follows it with its folio and clave."""

    class Tipo(models.TextChoices):
        QUEJA = "queja", "Queja"
        SUGERENCIA = "sugerencia", "Sugerencia"
        FELICITACION = "felicitacion", "Felicitación"
        DENUNCIA = "denuncia", "Denuncia"

    class Origen(models.TextChoices):
        VENTANILLA = "ventanilla", "Ventanilla"
        TELEFONO = "telefono", "Teléfono"
        CORREO = "correo", "Correo electrónico"
        PUBLICO = "publico", "Página pública"

    class Estado(models.TextChoices):
        RECIBIDA = "recibida", "Recibida"
        ASIGNADA = "asignada", "En atención"
        RESPONDIDA = "respondida", "Respondida"
        CERRADA = "cerrada", "Cerrada"

    class Satisfaccion(models.IntegerChoices):
        MUY_MALA = 1, "Muy insatisfecho"
        MALA = 2, "Insatisfecho"
        REGULAR = 3, "Regular"
        BUENA = 4, "Satisfecho"
        MUY_BUENA = 5, "Muy satisfecho"

    folio = models.CharField("folio", max_length=20, unique=True)
    clave = models.CharField("clave de consulta", max_length=12)
    tipo = models.CharField("tipo", max_length=12, choices=Tipo.choices)
    origen = models.CharField("recibida por", max_length=12, choices=Origen.choices)
    area = models.ForeignKey(
        AreaResponsable,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quejas",
        verbose_name="área responsable",
    )
    nombre = models.CharField("nombre", max_length=200, blank=True)
    contacto = models.CharField("teléfono o correo", max_length=120, blank=True)
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, null=True, blank=True, related_name="quejas"
    )
    descripcion = models.TextField("descripción")
    recibida = models.DateTimeField("recibida el", default=ahora, db_index=True)
    vence = models.DateField("fecha límite de respuesta", db_index=True)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.RECIBIDA
    )
    asignada_a = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quejas_asignadas",
    )
    capturada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quejas_capturadas",
    )
    respuesta = models.TextField("respuesta", blank=True)
    respondida = models.DateTimeField("respondida el", null=True, blank=True)
    respondida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quejas_respondidas",
    )
    cerrada = models.DateTimeField("cerrada el", null=True, blank=True)
    satisfaccion = models.PositiveSmallIntegerField(
        "satisfacción con la respuesta", choices=Satisfaccion.choices, null=True, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["vence", "folio"]
        verbose_name = "queja o sugerencia"
        verbose_name_plural = "quejas y sugerencias"
        indexes = [models.Index(fields=["estado", "vence"], name="queja_estado_vence")]

    def __str__(self):
        return f"{self.folio} · {self.get_tipo_display()}"


# --- encuestas --------------------------------------------------------------------------------


class Encuesta(models.Model):
    """A survey the supervisor defines, and where it is applied."""

    nombre = models.CharField("nombre", max_length=120, unique=True)
    descripcion = models.TextField("texto de presentación", blank=True)
    activa = models.BooleanField("activa", default=True)
    en_ventanilla = models.BooleanField("al terminar una atención", default=False)
    en_avisos = models.BooleanField("liga en los avisos por correo y SMS", default=False)
    publica = models.BooleanField("página pública", default=False)
    creada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="encuestas"
    )
    creada = models.DateTimeField("creada el", default=ahora)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nombre"]
        verbose_name = "encuesta"
        verbose_name_plural = "encuestas"

    def __str__(self):
        return self.nombre


class Pregunta(models.Model):
    class Tipo(models.TextChoices):
        ESCALA = "escala", "Escala del 1 al 5"
        SI_NO = "si_no", "Sí o no"
        OPCION = "opcion", "Opción de una lista"
        TEXTO = "texto", "Texto libre"

    encuesta = models.ForeignKey(Encuesta, on_delete=models.CASCADE, related_name="preguntas")
    orden = models.PositiveSmallIntegerField("orden")
    texto = models.CharField("pregunta", max_length=300)
    tipo = models.CharField("tipo", max_length=8, choices=Tipo.choices)
    opciones = models.JSONField("opciones", default=list, blank=True)
    obligatoria = models.BooleanField("obligatoria", default=True)

    class Meta:
        ordering = ["encuesta", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["encuesta", "orden"], name="pregunta_orden_unico")
        ]

    def __str__(self):
        return self.texto


class Invitacion(models.Model):
    """One chance to answer a survey, reached by its token: after an attention, in a notice,
    or created on the public page. Answered once."""

    encuesta = models.ForeignKey(Encuesta, on_delete=models.PROTECT, related_name="invitaciones")
    token = models.CharField("token", max_length=43, unique=True)
    canal = models.CharField(
        "canal",
        max_length=12,
        choices=[("ventanilla", "Ventanilla"), ("aviso", "Aviso"), ("publica", "Página pública")],
    )
    atencion = models.ForeignKey(
        Atencion, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitaciones"
    )
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitaciones"
    )
    creada = models.DateTimeField("creada el", default=ahora)
    respondida = models.DateTimeField("respondida el", null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = "invitación a encuesta"
        verbose_name_plural = "invitaciones a encuestas"
        indexes = [models.Index(fields=["encuesta", "respondida"], name="invitacion_respondida")]

    def __str__(self):
        return f"{self.encuesta} · {self.get_canal_display()}"


class Respuesta(models.Model):
    invitacion = models.ForeignKey(Invitacion, on_delete=models.PROTECT, related_name="respuestas")
    pregunta = models.ForeignKey(Pregunta, on_delete=models.PROTECT, related_name="respuestas")
    valor = models.CharField("respuesta", max_length=2000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitacion", "pregunta"], name="respuesta_unica_por_pregunta"
            )
        ]

    def __str__(self):
        return self.valor[:50]
