"""The procedimiento económico coactivo (PEC): expedientes opened from a lista de morosos,
their stages (diligencias) served on días hábiles within legal hours, the legal terms, the
gastos de ejecución each stage charges, and the events that suspend, resume or close them.

The rules are data: per cartera the order of the stages, their terms in días hábiles and
gastos (ParametrosPEC, EtapaPEC); the non-working days (DiaInhabil); the UMA of each year.
"""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cobranza.libro.models import Cargo
from cobranza.morosos.models import ListaMorosos
from padron.models import DINERO, Cartera, Cuenta


class Etapa(models.TextChoices):
    INVITACION = "invitacion", "Invitación / notificación de adeudo"
    REQUERIMIENTO = "requerimiento", "Requerimiento de pago"
    MANDAMIENTO = "mandamiento", "Mandamiento de ejecución"
    EMBARGO = "embargo", "Embargo"
    AVALUO = "avaluo", "Avalúo"
    REMATE = "remate", "Remate"
    ADJUDICACION = "adjudicacion", "Adjudicación"
    TURNADO_ABOGADO = "turnado_abogado", "Turnado a abogado externo"


class Uma(models.Model):
    """Unidad de Medida y Actualización: its daily value per year (INEGI publishes it)."""

    anio = models.PositiveSmallIntegerField("año", unique=True)
    valor_diario = models.DecimalField("valor diario", **DINERO)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-anio"]
        verbose_name = "UMA"
        verbose_name_plural = "UMA"

    def __str__(self):
        return f"UMA {self.anio}: {self.valor_diario}"


class DiaInhabil(models.Model):
    """A non-working day: no diligence is served and no legal term runs on it."""

    fecha = models.DateField("fecha", unique=True)
    descripcion = models.CharField("descripción", max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fecha"]
        verbose_name = "día inhábil"
        verbose_name_plural = "días inhábiles"

    def __str__(self):
        return f"{self.fecha:%d/%m/%Y} {self.descripcion}"


class ParametrosPEC(models.Model):
    """A cartera's legal hours for diligences."""

    cartera = models.OneToOneField(Cartera, on_delete=models.PROTECT, related_name="parametros_pec")
    hora_inicio = models.TimeField("hora hábil de inicio", default=time(7, 30))
    hora_fin = models.TimeField("hora hábil de fin", default=time(18, 0))
    texto_citatorio = models.TextField("texto del citatorio", blank=True)
    texto_acta = models.TextField("texto del acta de notificación", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "parámetros del PEC"
        verbose_name_plural = "parámetros del PEC"
        constraints = [
            models.CheckConstraint(
                condition=Q(hora_fin__gt=models.F("hora_inicio")), name="pec_horario_ordenado"
            )
        ]

    def __str__(self):
        return f"PEC {self.cartera}"


class EtapaPEC(models.Model):
    """One stage of a cartera's procedure: its order, legal term and gastos de ejecución."""

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="etapas_pec")
    etapa = models.CharField("etapa", max_length=20, choices=Etapa.choices)
    orden = models.PositiveSmallIntegerField("orden")
    plazo_dias_habiles = models.PositiveSmallIntegerField(
        "plazo (días hábiles)", default=0, help_text="0: sin plazo legal."
    )
    genera_gastos = models.BooleanField("genera gastos de ejecución", default=False)
    gasto_pct = models.DecimalField(
        "gastos: % del adeudo", max_digits=5, decimal_places=2, default=0
    )
    gasto_minimo = models.DecimalField("gastos: mínimo", default=0, max_digits=14, decimal_places=2)
    gasto_maximo = models.DecimalField(
        "gastos: máximo (vacío: sin tope)", null=True, blank=True, max_digits=14, decimal_places=2
    )
    en_uma = models.BooleanField(
        "mínimo y máximo en UMA", default=False, help_text="Si no, en pesos."
    )
    texto = models.TextField(
        "texto del documento",
        blank=True,
        help_text="Plantilla con variables {{ cuenta.numero }}, {{ diligencia.folio }}, "
        "{{ adeudo|pesos }}… Vacío: el texto de la institución por omisión.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cartera", "orden"]
        verbose_name = "etapa del PEC"
        verbose_name_plural = "etapas del PEC"
        constraints = [
            models.UniqueConstraint(fields=["cartera", "etapa"], name="etapa_pec_unica"),
            models.UniqueConstraint(fields=["cartera", "orden"], name="etapa_pec_orden_unico"),
            models.CheckConstraint(
                condition=Q(gasto_maximo__isnull=True)
                | Q(gasto_maximo__gte=models.F("gasto_minimo")),
                name="etapa_pec_gasto_ordenado",
            ),
        ]

    def __str__(self):
        return f"{self.orden}. {self.get_etapa_display()} ({self.cartera})"


class Expediente(models.Model):
    class Estado(models.TextChoices):
        ABIERTO = "abierto", "En trámite"
        SUSPENDIDO = "suspendido", "Suspendido por convenio"
        CERRADO = "cerrado", "Cerrado"

    folio = models.CharField("folio", max_length=20, unique=True)
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="expedientes")
    lista = models.ForeignKey(
        ListaMorosos, on_delete=models.PROTECT, null=True, blank=True, related_name="expedientes"
    )
    estado = models.CharField("estado", max_length=12, choices=Estado.choices, default="abierto")
    etapa = models.CharField("etapa actual", max_length=20, choices=Etapa.choices, blank=True)
    adeudo_inicial = models.DecimalField("adeudo al abrir", **DINERO)
    abierto = models.DateTimeField("abierto el", auto_now_add=True)
    abierto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    abogado = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expedientes",
        verbose_name="abogado externo",
    )
    cerrado = models.DateTimeField("cerrado el", null=True, blank=True)
    motivo_cierre = models.CharField("motivo de cierre", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-abierto"]
        constraints = [
            # One expediente in process (open or suspended) per cuenta.
            models.UniqueConstraint(
                fields=["cuenta"],
                condition=Q(estado__in=["abierto", "suspendido"]),
                name="expediente_uno_vivo_por_cuenta",
            )
        ]

    def __str__(self):
        return self.folio


class Diligencia(models.Model):
    """A stage of an expediente: its document (folio), its service and proof, its term."""

    class Resultado(models.TextChoices):
        PENDIENTE = "pendiente", "Por notificar"
        PERSONAL = "personal", "Entregada al titular en persona"
        TERCERO = "tercero", "Entregada a un tercero"
        RECHAZADA = "rechazada", "El titular se negó a recibirla"
        NO_LOCALIZADO = "no_localizado", "No localizado"

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="diligencias")
    etapa = models.CharField("etapa", max_length=20, choices=Etapa.choices)
    folio = models.CharField("folio", max_length=20, unique=True)
    emitida = models.DateField("emitida el")
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    notificador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diligencias",
    )
    resultado = models.CharField(
        "resultado", max_length=15, choices=Resultado.choices, default=Resultado.PENDIENTE
    )
    citatorio = models.DateTimeField(
        "citatorio dejado el", null=True, blank=True, help_text="Cuando el titular no estaba."
    )
    notificada = models.DateTimeField("notificada el", null=True, blank=True)
    recibio_nombre = models.CharField("recibió", max_length=200, blank=True)
    recibio_relacion = models.CharField("relación con el titular", max_length=80, blank=True)
    foto = models.FileField("fotografía", upload_to="diligencias/%Y/%m/", blank=True)
    latitud = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitud = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    notas = models.TextField("notas", blank=True)
    vence = models.DateField("vence el plazo legal", null=True, blank=True)
    gasto = models.OneToOneField(
        Cargo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="diligencia",
        verbose_name="gastos de ejecución cobrados",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["expediente", "emitida", "id"]
        constraints = [
            models.UniqueConstraint(fields=["expediente", "etapa"], name="diligencia_etapa_unica")
        ]
        indexes = [models.Index(fields=["resultado", "notificador"], name="diligencia_pendiente")]

    def __str__(self):
        return f"{self.folio} {self.get_etapa_display()}"


class EventoExpediente(models.Model):
    """What happened to an expediente, in order: the timeline shown on its page."""

    class Tipo(models.TextChoices):
        ABIERTO = "abierto", "Abierto"
        ETAPA = "etapa", "Nueva etapa"
        NOTIFICADA = "notificada", "Diligencia notificada"
        SUSPENDIDO = "suspendido", "Suspendido por convenio"
        REANUDADO = "reanudado", "Reanudado por incumplimiento del convenio"
        TURNADO = "turnado", "Turnado a abogado externo"
        ACTUACION = "actuacion", "Actuación del abogado"
        CERRADO = "cerrado", "Cerrado"

    expediente = models.ForeignKey(Expediente, on_delete=models.PROTECT, related_name="eventos")
    tipo = models.CharField("tipo", max_length=12, choices=Tipo.choices)
    fecha = models.DateTimeField("fecha", auto_now_add=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    etapa = models.CharField("etapa", max_length=20, choices=Etapa.choices, blank=True)
    detalle = models.CharField("detalle", max_length=250, blank=True)

    class Meta:
        ordering = ["expediente", "fecha", "id"]

    def __str__(self):
        return f"{self.expediente} {self.get_tipo_display()}"
