"""Policies, campaigns, negotiations, convenios and their parcialidades.

A convenio covers cargos of one cuenta. When it becomes vigente its discount
(quita) is booked as ajustes on those cargos, and payments on the cuenta pay
the covered cargos first; each payment's amount is spread over the
parcialidades in order (AbonoParcialidad), so the schedule and the ledger
always say the same thing.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from cobranza.models import Ajuste, Cargo, Pago
from convenios.calendario import MENSUAL, PERIODICIDADES
from padron.models import DINERO, Cartera, CondicionEspecial, Cuenta

PORCENTAJE = {
    "max_digits": 6,
    "decimal_places": 2,
    "validators": [MinValueValidator(0), MaxValueValidator(100)],
}


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of negotiation and convenios, granted in padron/roles.py."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("negociar", "Simular alternativas y registrar negociaciones"),
            ("capturar_convenio", "Capturar convenios"),
            ("autorizar_convenio", "Autorizar convenios y descuentos (nivel supervisor)"),
            ("autorizar_convenio_mayor", "Autorizar convenios y descuentos (nivel superior)"),
            ("cancelar_convenio", "Cancelar convenios"),
            ("editar_politicas", "Editar políticas y campañas de descuento"),
        ]


class Alternativa(models.Model):
    """One authorised way to settle a debt, for one cartera (the policy's rows)."""

    class Tipo(models.TextChoices):
        CONTADO = "contado", "Pago de contado con descuento"
        PARCIALIDADES = "parcialidades", "Convenio a parcialidades"
        REESTRUCTURA = "reestructura", "Reestructura de convenio incumplido"
        CONDICION_ESPECIAL = "condicion_especial", "Descuento por condición especial"

    class Adelantos(models.TextChoices):
        SIGUIENTES = "siguientes", "Reducen las siguientes parcialidades"
        ULTIMAS = "ultimas", "Reducen las últimas parcialidades"

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="alternativas")
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    nombre = models.CharField("nombre", max_length=120)
    activa = models.BooleanField("activa", default=True)
    # What the policy allows at most (nobody may grant more).
    descuento_recargos_pct = models.DecimalField(
        "descuento máximo en recargos (%)", default=0, **PORCENTAJE
    )
    descuento_gastos_pct = models.DecimalField(
        "descuento máximo en gastos de ejecución (%)", default=0, **PORCENTAJE
    )
    descuento_principal_pct = models.DecimalField(
        "descuento máximo en adeudo principal (%)", default=0, **PORCENTAJE
    )
    max_parcialidades = models.PositiveSmallIntegerField("máximo de parcialidades", default=1)
    enganche_minimo_pct = models.DecimalField("enganche mínimo (%)", default=0, **PORCENTAJE)
    periodicidad = models.CharField(
        "periodicidad", max_length=10, choices=PERIODICIDADES, default=MENSUAL
    )
    parcialidad_minima = models.DecimalField(
        "parcialidad mínima", default=Decimal("0.00"), **DINERO
    )
    condiciones = models.JSONField(
        "condiciones especiales que la habilitan",
        default=list,
        blank=True,
        help_text="Solo para el tipo condición especial.",
    )
    # What ventanilla may grant alone; beyond it the convenio waits for authorisation.
    ventanilla_descuento_pct = models.DecimalField(
        "ventanilla: descuento máximo (%)", default=0, **PORCENTAJE
    )
    ventanilla_max_parcialidades = models.PositiveSmallIntegerField(
        "ventanilla: máximo de parcialidades", default=1
    )
    ventanilla_monto_maximo = models.DecimalField(
        "ventanilla: adeudo máximo", null=True, blank=True, **DINERO
    )
    # Breach and reminders.
    parcialidades_para_incumplir = models.PositiveSmallIntegerField(
        "parcialidades vencidas que hacen incumplido el convenio", default=2
    )
    dias_gracia = models.PositiveSmallIntegerField("días de gracia", default=5)
    revertir_descuento = models.BooleanField(
        "al incumplir se cobra el descuento otorgado", default=True
    )
    adelantos = models.CharField(
        "pagos adelantados", max_length=10, choices=Adelantos.choices, default=Adelantos.SIGUIENTES
    )
    dias_recordatorio = models.PositiveSmallIntegerField(
        "días de anticipación del recordatorio", default=3
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cartera", "tipo", "nombre"]
        verbose_name_plural = "alternativas"
        constraints = [
            models.CheckConstraint(
                condition=Q(max_parcialidades__gte=1), name="alternativa_al_menos_un_pago"
            ),
            models.CheckConstraint(
                condition=Q(ventanilla_max_parcialidades__lte=F("max_parcialidades")),
                name="alternativa_ventanilla_dentro_de_politica",
            ),
        ]

    def __str__(self):
        return f"{self.nombre} ({self.cartera})"


class NivelAutorizacion(models.Model):
    """A tier of the authorisation queue: who may approve up to which amount and discount."""

    cartera = models.ForeignKey(
        Cartera, on_delete=models.PROTECT, related_name="niveles_autorizacion"
    )
    nombre = models.CharField("nombre", max_length=80)
    permiso = models.CharField(
        "permiso requerido",
        max_length=60,
        choices=[
            ("convenios.autorizar_convenio", "Supervisión"),
            ("convenios.autorizar_convenio_mayor", "Gerencia"),
        ],
    )
    orden = models.PositiveSmallIntegerField("orden", default=1)
    monto_maximo = models.DecimalField(
        "adeudo máximo (vacío: sin límite)", null=True, blank=True, **DINERO
    )
    descuento_maximo_pct = models.DecimalField("descuento máximo (%)", default=100, **PORCENTAJE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cartera", "orden"]
        verbose_name = "nivel de autorización"
        verbose_name_plural = "niveles de autorización"

    def __str__(self):
        return f"{self.nombre} ({self.cartera})"


class Campana(models.Model):
    """A time-boxed discount programme ("100% de recargos en diciembre")."""

    nombre = models.CharField("nombre", max_length=120)
    carteras = models.ManyToManyField(Cartera, related_name="campanas", verbose_name="carteras")
    clasificaciones = models.JSONField(
        "clasificaciones de predio (vacío: todas)", default=list, blank=True
    )
    inicio = models.DateField("inicio")
    fin = models.DateField("fin")
    descuento_recargos_pct = models.DecimalField(
        "descuento en recargos (%)", default=0, **PORCENTAJE
    )
    descuento_gastos_pct = models.DecimalField(
        "descuento en gastos de ejecución (%)", default=0, **PORCENTAJE
    )
    solo_contado = models.BooleanField("solo pago de contado", default=False)
    presupuesto = models.DecimalField(
        "presupuesto (vacío: sin tope)", null=True, blank=True, **DINERO
    )
    ejercido = models.DecimalField("descuento ejercido", default=Decimal("0.00"), **DINERO)
    activa = models.BooleanField("activa", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-inicio"]
        verbose_name = "campaña de descuento"
        verbose_name_plural = "campañas de descuento"
        constraints = [
            models.CheckConstraint(
                condition=Q(fin__gte=F("inicio")), name="campana_fechas_ordenadas"
            ),
            models.CheckConstraint(
                condition=Q(ejercido__gte=0), name="campana_ejercido_no_negativo"
            ),
        ]

    def __str__(self):
        return self.nombre

    @property
    def disponible(self):
        return None if self.presupuesto is None else self.presupuesto - self.ejercido


class Negociacion(models.Model):
    """What was offered to a debtor and what the debtor answered (a gestión)."""

    class Respuesta(models.TextChoices):
        ACEPTADA = "aceptada", "Aceptada"
        RECHAZADA = "rechazada", "Rechazada"
        LO_PENSARA = "lo_pensara", "Lo pensará"

    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="negociaciones")
    fecha = models.DateTimeField("fecha", auto_now_add=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    cargos = models.ManyToManyField(Cargo, related_name="+", verbose_name="cargos incluidos")
    adeudo = models.DecimalField("adeudo negociado", **DINERO)
    alternativas = models.JSONField("alternativas ofrecidas", default=list)
    alternativa_elegida = models.CharField("alternativa elegida", max_length=160, blank=True)
    respuesta = models.CharField("respuesta del deudor", max_length=12, choices=Respuesta.choices)
    notas = models.TextField("notas", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fecha"]
        verbose_name = "negociación"
        verbose_name_plural = "negociaciones"

    def __str__(self):
        return f"Negociación {self.cuenta} {self.fecha:%d/%m/%Y}"


class Convenio(models.Model):
    class Estado(models.TextChoices):
        BORRADOR = "borrador", "Borrador"
        PENDIENTE = "pendiente", "Pendiente de autorización"
        AUTORIZADO = "autorizado", "Autorizado"
        RECHAZADO = "rechazado", "Rechazado"
        VIGENTE = "vigente", "Vigente"
        CUMPLIDO = "cumplido", "Cumplido"
        INCUMPLIDO = "incumplido", "Incumplido"
        CANCELADO = "cancelado", "Cancelado"

    folio = models.CharField("folio", max_length=20, unique=True)
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="convenios")
    alternativa = models.ForeignKey(Alternativa, on_delete=models.PROTECT, related_name="convenios")
    campana = models.ForeignKey(
        Campana, on_delete=models.PROTECT, null=True, blank=True, related_name="convenios"
    )
    condicion = models.ForeignKey(
        CondicionEspecial, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    negociacion = models.ForeignKey(
        Negociacion, on_delete=models.PROTECT, null=True, blank=True, related_name="convenios"
    )
    reemplaza = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reestructura",
        verbose_name="convenio que reemplaza",
    )
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.BORRADOR
    )

    adeudo = models.DecimalField("adeudo cubierto", **DINERO)
    descuento_recargos_pct = models.DecimalField(
        "descuento en recargos (%)", default=0, **PORCENTAJE
    )
    descuento_gastos_pct = models.DecimalField("descuento en gastos (%)", default=0, **PORCENTAJE)
    descuento_principal_pct = models.DecimalField(
        "descuento en principal (%)", default=0, **PORCENTAJE
    )
    descuento = models.DecimalField("descuento (quita)", default=Decimal("0.00"), **DINERO)
    total = models.DecimalField("total convenido", **DINERO)
    enganche = models.DecimalField("enganche", default=Decimal("0.00"), **DINERO)
    numero_parcialidades = models.PositiveSmallIntegerField("número de parcialidades")
    periodicidad = models.CharField(
        "periodicidad", max_length=10, choices=PERIODICIDADES, default=MENSUAL
    )
    primer_vencimiento = models.DateField("vencimiento de la primera parcialidad")
    clausulas = models.TextField("cláusulas adicionales", blank=True)

    nivel_requerido = models.ForeignKey(
        NivelAutorizacion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="nivel de autorización requerido",
    )
    capturado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    capturado = models.DateTimeField(auto_now_add=True)
    autorizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    autorizado = models.DateTimeField("autorizado el", null=True, blank=True)
    motivo_resolucion = models.CharField(
        "motivo de la autorización o rechazo", max_length=250, blank=True
    )
    firmado = models.DateTimeField("firmado el", null=True, blank=True)
    vigente_desde = models.DateField("vigente desde", null=True, blank=True)
    terminado = models.DateField("cumplido, incumplido o cancelado el", null=True, blank=True)
    motivo_cancelacion = models.CharField("motivo de cancelación", max_length=250, blank=True)
    descuento_revertido = models.BooleanField("descuento cobrado por incumplimiento", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-capturado"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=0) & Q(descuento__gte=0) & Q(enganche__gte=0),
                name="convenio_montos_no_negativos",
            ),
            models.CheckConstraint(
                condition=Q(numero_parcialidades__gte=1), name="convenio_al_menos_una"
            ),
            # One live convenio per cuenta at a time.
            models.UniqueConstraint(
                fields=["cuenta"],
                condition=Q(estado__in=["pendiente", "autorizado", "vigente"]),
                name="convenio_uno_vivo_por_cuenta",
            ),
        ]

    def __str__(self):
        return self.folio


class ConvenioCargo(models.Model):
    """A cargo covered by a convenio, and how much of it the convenio covers."""

    convenio = models.ForeignKey(
        Convenio, on_delete=models.PROTECT, related_name="cargos_cubiertos"
    )
    cargo = models.ForeignKey(Cargo, on_delete=models.PROTECT, related_name="convenios")
    saldo_al_convenir = models.DecimalField("saldo al convenir", **DINERO)
    descuento = models.DecimalField("descuento", default=Decimal("0.00"), **DINERO)
    ajuste = models.OneToOneField(
        Ajuste,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="bonificación con que se aplicó el descuento",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["convenio", "cargo"], name="convenio_cargo_unico")
        ]

    def __str__(self):
        return f"{self.convenio} · {self.cargo_id}"


class Parcialidad(models.Model):
    """One due amount of a convenio; número 0 is the enganche."""

    convenio = models.ForeignKey(Convenio, on_delete=models.PROTECT, related_name="parcialidades")
    numero = models.PositiveSmallIntegerField("número")
    fecha_vencimiento = models.DateField("vencimiento")
    monto = models.DecimalField("monto", **DINERO)
    pagado = models.DecimalField("pagado", default=Decimal("0.00"), **DINERO)
    history = HistoricalRecords()

    class Meta:
        ordering = ["convenio", "numero"]
        verbose_name_plural = "parcialidades"
        constraints = [
            models.UniqueConstraint(fields=["convenio", "numero"], name="parcialidad_numero_unico"),
            models.CheckConstraint(
                condition=Q(pagado__gte=0) & Q(pagado__lte=F("monto")),
                name="parcialidad_pagado_en_rango",
            ),
        ]

    def __str__(self):
        return f"{self.convenio} #{self.numero}"

    def estado_al(self, dia):
        if self.pagado >= self.monto:
            return "pagada"
        if self.fecha_vencimiento < dia:
            return "vencida"
        return "parcial" if self.pagado > 0 else "pendiente"


class AbonoParcialidad(models.Model):
    """How much of a pago went to a parcialidad (negative when the pago is reversed)."""

    parcialidad = models.ForeignKey(Parcialidad, on_delete=models.PROTECT, related_name="abonos")
    pago = models.ForeignKey(Pago, on_delete=models.PROTECT, related_name="abonos_parcialidad")
    monto = models.DecimalField("monto", **DINERO)
    fecha = models.DateField("fecha")

    class Meta:
        verbose_name = "abono a parcialidad"
        verbose_name_plural = "abonos a parcialidades"
        constraints = [
            models.CheckConstraint(condition=~Q(monto=0), name="abono_parcialidad_no_cero")
        ]

    def __str__(self):
        return f"{self.monto} a {self.parcialidad}"


class Recordatorio(models.Model):
    """A reminder sent for a parcialidad: the unique key makes the daily task send it once."""

    parcialidad = models.ForeignKey(
        Parcialidad, on_delete=models.PROTECT, related_name="recordatorios"
    )
    canal = models.CharField("canal", max_length=10)
    destino = models.CharField("destino", max_length=200)
    enviado = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["parcialidad", "canal"], name="recordatorio_una_vez")
        ]

    def __str__(self):
        return f"Recordatorio {self.parcialidad} por {self.canal}"


class Constancia(models.Model):
    """Constancia de no adeudo / finiquito, verifiable later by its folio and code."""

    folio = models.CharField("folio", max_length=20, unique=True)
    codigo = models.CharField("código de verificación", max_length=32, unique=True)
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="constancias")
    convenio = models.ForeignKey(
        Convenio, on_delete=models.PROTECT, null=True, blank=True, related_name="constancias"
    )
    emitida = models.DateTimeField(auto_now_add=True)
    emitida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    anulada = models.BooleanField("anulada", default=False)
    motivo_anulacion = models.CharField("motivo de anulación", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-emitida"]

    def __str__(self):
        return self.folio


class PlantillaDocumento(models.Model):
    """The institution's editable text for a document (convenio, pagaré), per cartera."""

    class Tipo(models.TextChoices):
        CONVENIO = "convenio", "Convenio de pago"
        PAGARE = "pagare", "Pagaré"
        CONSTANCIA = "constancia", "Constancia de no adeudo"

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="plantillas")
    tipo = models.CharField("documento", max_length=12, choices=Tipo.choices)
    encabezado = models.TextField("encabezado", blank=True)
    clausulas = models.TextField(
        "cláusulas",
        help_text="Texto con variables {{ cuenta.numero }}, {{ convenio.total|pesos }}…",
    )
    pie = models.TextField("pie", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "plantilla de documento"
        verbose_name_plural = "plantillas de documentos"
        constraints = [
            models.UniqueConstraint(fields=["cartera", "tipo"], name="plantilla_una_por_tipo")
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} · {self.cartera}"
