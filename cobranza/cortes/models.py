"""Service cuts of water carteras: the lista de corte (with who was left out and why), the
orders by route for the cortadores, their results from the street, and reconexión.

Protection rules are data with effective dates (e.g. a declared emergency: no domestic cuts
in given municipalities for users registered as unable to pay).

A list writes its orders and exclusions by the tens of thousands in one statement, from its
own rows: their foreign keys have no database constraint, whose check ran once per row at
commit (to the list and the cuenta: a third of the generation), even where the key is empty
(the cortador, the reconnection's origin and cargo, the exclusion's rule: another 7%). The
ORM still applies on_delete=PROTECT; a listed cuenta owes cargos, whose own constraint keeps
it from being deleted; and users, orders, cargos and rules are never deleted (they are
deactivated, cancelled or reversed).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from cobranza.libro.models import Cargo, indices_donde_hay
from padron.historial import historial_de_alto_volumen
from padron.models import DINERO, Cartera, Cuenta


class ReglaProteccion(models.Model):
    """Who may not be cut while the rule is in force. Empty lists mean "any"."""

    nombre = models.CharField("nombre", max_length=160)
    fundamento = models.CharField(
        "fundamento", max_length=250, blank=True, help_text="Declaratoria, acuerdo o ley."
    )
    carteras = models.ManyToManyField(Cartera, related_name="reglas_proteccion", blank=True)
    vigente_desde = models.DateField("vigente desde")
    vigente_hasta = models.DateField("vigente hasta", null=True, blank=True)
    municipios = models.JSONField("municipios", default=list, blank=True)
    sectores = models.JSONField("sectores", default=list, blank=True)
    clasificaciones = models.JSONField("clasificaciones", default=list, blank=True)
    condiciones = models.JSONField(
        "condiciones especiales del titular",
        default=list,
        blank=True,
        help_text="Vacío: todos; p. ej. sin_capacidad_pago protege solo a los registrados.",
    )
    activa = models.BooleanField("activa", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-vigente_desde"]
        verbose_name = "regla de protección"
        verbose_name_plural = "reglas de protección"
        constraints = [
            models.CheckConstraint(
                condition=Q(vigente_hasta__isnull=True)
                | Q(vigente_hasta__gte=models.F("vigente_desde")),
                name="regla_proteccion_fechas",
            )
        ]

    def __str__(self):
        return self.nombre


class ListaCorte(models.Model):
    folio = models.CharField("folio", max_length=20, unique=True)
    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="listas_corte")
    parametros = models.JSONField("parámetros")
    generada = models.DateTimeField("generada el", auto_now_add=True)
    generada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    al = models.DateField("saldos al")
    ordenes = models.PositiveIntegerField("órdenes", default=0)
    excluidas = models.PositiveIntegerField("cuentas excluidas", default=0)
    total_vencido = models.DecimalField("saldo vencido total", default=0, **DINERO)

    class Meta:
        ordering = ["-generada"]
        verbose_name = "lista de corte"
        verbose_name_plural = "listas de corte"

    def __str__(self):
        return self.folio


class ExclusionCorte(models.Model):
    """An account that met the criteria but was left out of the list, and the rule that did it."""

    # No database constraint on lista and cuenta (module docstring); the unique (lista,
    # cuenta) is the list's index.
    lista = models.ForeignKey(
        ListaCorte,
        on_delete=models.PROTECT,
        related_name="exclusiones",
        db_index=False,
        db_constraint=False,
    )
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    motivo = models.CharField("motivo", max_length=40)
    regla = models.ForeignKey(
        ReglaProteccion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # Meta.indexes: only rule exclusions have one
        db_constraint=False,  # module docstring
    )
    detalle = models.CharField("detalle", max_length=250, blank=True)

    class Meta:
        verbose_name = "exclusión de la lista de corte"
        verbose_name_plural = "exclusiones de la lista de corte"
        constraints = [
            models.UniqueConstraint(fields=["lista", "cuenta"], name="exclusion_corte_unica")
        ]
        indexes = indices_donde_hay(["regla"], "exclusion_corte")

    def __str__(self):
        return f"{self.lista} · {self.cuenta_id} · {self.motivo}"


class OrdenCorte(models.Model):
    """An order for the field crew: cut (suspend or restrict) or reconnect one account."""

    class Tipo(models.TextChoices):
        CORTE = "corte", "Corte"
        RECONEXION = "reconexion", "Reconexión"

    class Accion(models.TextChoices):
        SUSPENSION = "suspension", "Suspensión del suministro"
        REDUCCION = "reduccion", "Reducción del suministro"
        RECONEXION = "reconexion", "Reconexión"

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente"
        EJECUTADA = "ejecutada", "Ejecutada"
        NO_EJECUTADA = "no_ejecutada", "No ejecutada"
        CANCELADA = "cancelada", "Cancelada"

    class Motivo(models.TextChoices):
        PAGO_EN_SITIO = "pago_en_sitio", "El usuario pagó en sitio"
        ACCESO_NEGADO = "acceso_negado", "Acceso negado"
        NO_LOCALIZADO = "no_localizado", "Domicilio no localizado"
        TOMA_CLANDESTINA = "toma_clandestina", "Toma clandestina"
        YA_CORTADA = "ya_cortada", "Ya estaba cortada"
        OTRO = "otro", "Otro"

    folio = models.CharField("folio", max_length=20)  # unique: Meta.constraints
    tipo = models.CharField("tipo", max_length=12, choices=Tipo.choices, default=Tipo.CORTE)
    accion = models.CharField("acción", max_length=12, choices=Accion.choices)
    lista = models.ForeignKey(
        ListaCorte,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ordenes_corte",
        db_constraint=False,  # module docstring
    )
    origen = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reconexiones",
        verbose_name="corte que se repone",
        db_index=False,  # Meta.indexes: only reconnections have one
        db_constraint=False,  # module docstring
    )
    cuenta = models.ForeignKey(
        Cuenta,
        on_delete=models.PROTECT,
        related_name="ordenes_corte",
        db_constraint=False,  # module docstring
    )
    estado = models.CharField(
        "estado", max_length=14, choices=Estado.choices, default=Estado.PENDIENTE
    )
    motivo_elegible = models.CharField("por qué se corta", max_length=40, blank=True)
    saldo_vencido = models.DecimalField("saldo vencido al generar", default=0, **DINERO)
    meses_vencidos = models.PositiveSmallIntegerField("meses vencidos al generar", default=0)
    sector = models.CharField("sector", max_length=20, blank=True)
    ruta = models.CharField("ruta", max_length=20, blank=True)
    orden_ruta = models.PositiveIntegerField("orden en la ruta", default=0)
    cortador = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ordenes_corte",
        db_index=False,  # the index (cortador, estado) serves it
        db_constraint=False,  # module docstring
    )
    creada = models.DateTimeField("creada el", auto_now_add=True)
    # the result from the street
    ejecutada = models.DateTimeField("ejecutada el", null=True, blank=True)
    lectura = models.DecimalField(
        "lectura del medidor", max_digits=12, decimal_places=2, null=True, blank=True
    )
    motivo_no_ejecutada = models.CharField(
        "motivo de no ejecución", max_length=20, choices=Motivo.choices, blank=True
    )
    notas = models.TextField("notas", blank=True)
    foto = models.FileField("fotografía", upload_to="cortes/%Y/%m/", blank=True)
    clave_resultado = models.CharField(
        "clave del resultado enviado",
        max_length=64,
        null=True,
        blank=True,
        help_text="La genera el teléfono: un reenvío con la misma clave no registra dos veces.",
    )
    registrada = models.DateTimeField("resultado recibido el", null=True, blank=True)
    cancelada = models.DateTimeField("cancelada el", null=True, blank=True)
    motivo_cancelacion = models.CharField("motivo de cancelación", max_length=250, blank=True)
    cargo_reconexion = models.ForeignKey(
        Cargo,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # unique where set: Meta.constraints
        db_constraint=False,  # module docstring
    )
    # A list writes one history row per order.
    history = historial_de_alto_volumen(
        "folio", "lista", "origen", "cuenta", "cortador", "clave_resultado", "cargo_reconexion"
    )

    class Meta:
        ordering = ["sector", "ruta", "orden_ruta", "id"]
        verbose_name = "orden de corte"
        verbose_name_plural = "órdenes de corte"
        # Constraints rather than unique=True: no second (LIKE) index on the folio, and the
        # clave and the reconnection's origin indexed only where set (a list inserts tens
        # of thousands of orders without either).
        constraints = [
            # One pending order of each type per cuenta.
            models.UniqueConstraint(
                fields=["cuenta", "tipo"],
                condition=Q(estado="pendiente"),
                name="orden_corte_una_pendiente",
            ),
            models.UniqueConstraint(fields=["folio"], name="orden_corte_folio_unico"),
            models.UniqueConstraint(
                fields=["clave_resultado"],
                condition=Q(clave_resultado__isnull=False),
                name="orden_corte_clave_unica",
            ),
            # A reconnection's cargo belongs to that one order.
            models.UniqueConstraint(
                fields=["cargo_reconexion"],
                condition=Q(cargo_reconexion__isnull=False),
                name="orden_corte_cargo_reconexion_unico",
            ),
        ]
        indexes = [
            models.Index(
                fields=["cortador", "estado"],
                condition=Q(cortador__isnull=False),
                name="orden_corte_cortador",
            ),
            # Pending orders are found through orden_corte_una_pendiente; executed ones (the
            # month's report, the reconnection sweep) by date. A new list touches neither.
            models.Index(
                fields=["ejecutada"],
                condition=Q(estado="ejecutada"),
                name="orden_corte_ejecutada",
            ),
            models.Index(
                fields=["origen"], condition=Q(origen__isnull=False), name="orden_corte_origen"
            ),
        ]

    def __str__(self):
        return f"{self.folio} {self.get_tipo_display()} {self.cuenta_id}"
