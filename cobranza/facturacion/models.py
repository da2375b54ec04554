"""Facturación into the cartera (OOMAPAS IX, X, XIX, XX, XXII).

- A CorridaFacturacion is one file of the commercial billing system (the month's bills), or
  one file of the go-live's historic cargos or pagos. Its rows are staged in
  RenglonFacturacion, validated and reviewed; a user with the authorising right who did not
  upload it posts it, and a posted run can be cancelled as a whole while nothing was paid.
- A DescuentoSocial is the social-work discount of a cuenta (tercera edad, discapacidad,
  pensionado, jubilado): applied for, studied, approved with a percentage and scope for a
  year, and applied as a bonificación when a billing run posts.
- A CargoPropuesto is an extraordinary charge waiting for a second person's approval; it
  touches no balance until approved.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.importacion.models import Importacion
from padron.models import DINERO, Cartera, CondicionEspecial, Cuenta

VOLUMEN = {"max_digits": 12, "decimal_places": 2}


class CorridaFacturacion(models.Model):
    class Tipo(models.TextChoices):
        FACTURACION = "facturacion", "Facturación del mes"
        CARGOS_HISTORICOS = "cargos_historicos", "Carga inicial: cargos históricos"
        PAGOS_HISTORICOS = "pagos_historicos", "Carga inicial: pagos históricos"

    class Estado(models.TextChoices):
        CARGANDO = "cargando", "Cargando el archivo"
        EN_REVISION = "en_revision", "En revisión"
        PUBLICADA = "publicada", "Autorizada y aplicada a la cartera"
        RECHAZADA = "rechazada", "Rechazada"
        CANCELADA = "cancelada", "Cancelada"
        FALLIDA = "fallida", "El archivo no se pudo leer"

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="corridas")
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    periodo = models.DateField("periodo facturado", null=True, blank=True)
    fecha_corte = models.DateField(
        "fecha de corte", null=True, blank=True, help_text="Carga inicial: el día del cambio."
    )
    importacion = models.OneToOneField(
        Importacion, on_delete=models.PROTECT, related_name="corrida", null=True, blank=True
    )
    archivo = models.CharField("archivo", max_length=200)
    huella = models.CharField("SHA-256 del archivo", max_length=64)
    encabezados = models.JSONField("columnas del archivo", default=list, blank=True)
    # what staging computed once for the review page: last month by tipo de usuario and the
    # cuentas with no bill (reading them again would cost seconds at a state's scale)
    resumen = models.JSONField("resumen de la revisión", default=dict, blank=True)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.CARGANDO
    )
    filas = models.PositiveIntegerField("filas", default=0)
    validas = models.PositiveIntegerField("filas válidas", default=0)
    rechazadas = models.PositiveIntegerField("filas rechazadas", default=0)
    cuentas = models.PositiveIntegerField("cuentas", default=0)
    volumen_m3 = models.DecimalField("volumen (m³)", default=0, **VOLUMEN)
    total = models.DecimalField("total", default=0, **DINERO)
    cargos_creados = models.PositiveIntegerField("cargos escritos", default=0)
    descuentos = models.DecimalField("descuentos de trabajo social", default=0, **DINERO)
    subida_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subida = models.DateTimeField("subida", auto_now_add=True)
    autorizada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    autorizada = models.DateTimeField("autorizada", null=True, blank=True)
    cancelada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelada = models.DateTimeField("cancelada o rechazada", null=True, blank=True)
    motivo = models.CharField("motivo del rechazo o la cancelación", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-subida"]
        verbose_name = "corrida de facturación"
        verbose_name_plural = "corridas de facturación"
        constraints = [
            # The same file of a cartera is one run (uploading it again finds it).
            models.UniqueConstraint(
                fields=["cartera", "huella"],
                condition=~Q(estado__in=["rechazada", "cancelada", "fallida"]),
                name="corrida_un_archivo_vivo",
            ),
            # A month of a cartera is billed once.
            models.UniqueConstraint(
                fields=["cartera", "periodo"],
                condition=Q(estado="publicada", tipo="facturacion"),
                name="corrida_un_periodo_publicado",
            ),
        ]

    def __str__(self):
        if self.periodo:
            return f"{self.get_tipo_display()} {self.periodo:%m/%Y} ({self.cartera})"
        return f"{self.get_tipo_display()} ({self.cartera})"


class ErrorCuenta(models.TextChoices):
    """What a row may find wrong against the padrón and the ledger (set-based checks)."""

    NINGUNO = "", ""
    NO_EXISTE = "no_existe", "La cuenta no existe en el padrón de la cartera."
    INACTIVA = "inactiva", "La cuenta no está activa; no se factura."
    FACTURADO = "facturado", "El periodo ya está facturado en la cuenta."
    REPETIDO = "repetido", "El cargo ya está en el libro de la cuenta."
    REFERENCIA = "referencia", "La referencia ya fue registrada."


class RenglonFacturacion(models.Model):
    """One row of a run's file, as read and as validated; posting turns the valid ones into
    cargos (or pagos). Kept after posting: it is the run's evidence."""

    class Revision(models.TextChoices):
        NO_APLICA = "", "No requiere"
        PENDIENTE = "pendiente", "Pendiente de validar"
        ACEPTADA = "aceptada", "Aceptada"
        CORREGIDA = "corregida", "Corregida"
        RETENIDA = "retenida", "Retenida (no se factura en esta corrida)"

    corrida = models.ForeignKey(
        CorridaFacturacion, on_delete=models.PROTECT, related_name="renglones"
    )
    fila = models.PositiveIntegerField("fila del archivo")
    numero_cuenta = models.CharField("número de cuenta", max_length=30, blank=True)
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    periodo = models.DateField("periodo", null=True, blank=True)
    tipo_usuario = models.CharField("tipo de usuario", max_length=12, blank=True)
    lectura_anterior = models.DecimalField("lectura anterior", null=True, blank=True, **VOLUMEN)
    lectura_actual = models.DecimalField("lectura actual", null=True, blank=True, **VOLUMEN)
    consumo_m3 = models.DecimalField("consumo (m³)", null=True, blank=True, **VOLUMEN)
    cambio_medidor = models.BooleanField("cambio de medidor", default=False)
    agua = models.DecimalField("agua", default=0, **DINERO)
    drenaje = models.DecimalField("drenaje", default=0, **DINERO)
    saneamiento = models.DecimalField("saneamiento", default=0, **DINERO)
    iva = models.DecimalField("IVA", default=0, **DINERO)
    otros = models.DecimalField("otros", default=0, **DINERO)
    fecha_vencimiento = models.DateField("vencimiento", null=True, blank=True)
    # historic cargos and pagos of the go-live
    concepto = models.CharField("concepto", max_length=20, blank=True)
    servicio = models.CharField("servicio", max_length=12, blank=True)
    fecha = models.DateField("emisión o fecha de pago", null=True, blank=True)
    monto = models.DecimalField("monto", null=True, blank=True, **DINERO)
    saldo_pendiente = models.DecimalField("saldo pendiente", null=True, blank=True, **DINERO)
    referencia = models.CharField("referencia", max_length=60, blank=True)
    # what validation found: the row's own errors, then those against the padrón and ledger
    valido = models.BooleanField("válido", default=False)
    errores = models.JSONField("errores", default=list, blank=True)  # [[columna, mensaje]]
    error_cuenta = models.CharField(
        "error contra el padrón", max_length=12, choices=ErrorCuenta.choices, blank=True, default=""
    )
    consumo_atipico = models.BooleanField("consumo atípico", default=False)
    consumo_cero = models.BooleanField("consumo cero", default=False)
    promedio_m3 = models.DecimalField("promedio de 6 meses (m³)", null=True, blank=True, **VOLUMEN)
    gran_consumidor = models.BooleanField("gran consumidor", default=False)
    revision = models.CharField(
        "validación", max_length=10, choices=Revision.choices, blank=True, default=""
    )
    revision_motivo = models.CharField("motivo de la validación", max_length=250, blank=True)
    revisado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revisado = models.DateTimeField("validado", null=True, blank=True)
    originales = models.JSONField("valores del archivo", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["corrida", "fila"]
        verbose_name = "renglón de facturación"
        verbose_name_plural = "renglones de facturación"
        indexes = [
            models.Index(fields=["corrida", "fila"], name="renglon_corrida_fila"),
            models.Index(fields=["corrida", "cuenta"], name="renglon_corrida_cuenta"),
            models.Index(fields=["corrida", "numero_cuenta"], name="renglon_corrida_numero"),
        ]

    def __str__(self):
        return f"Fila {self.fila} de {self.corrida_id}"

    @property
    def importe(self):
        return self.agua + self.drenaje + self.saneamiento + self.iva + self.otros


class DescuentoSocial(models.Model):
    """The social-work discount of a cuenta (OOMAPAS X), from application to expiry."""

    class Tipo(models.TextChoices):
        ADULTO_MAYOR = CondicionEspecial.Tipo.ADULTO_MAYOR.value, "Tercera edad (INAPAM o edad)"
        DISCAPACIDAD = CondicionEspecial.Tipo.DISCAPACIDAD.value, "Capacidades diferentes"
        PENSIONADO = CondicionEspecial.Tipo.PENSIONADO.value, "Pensionado"
        JUBILADO = CondicionEspecial.Tipo.JUBILADO.value, "Jubilado"

    class Estado(models.TextChoices):
        SOLICITADO = "solicitado", "Solicitado"
        APROBADO = "aprobado", "Aprobado"
        RECHAZADO = "rechazado", "Rechazado"
        REVALIDADO = "revalidado", "Sustituido por su revalidación"

    class Vivienda(models.TextChoices):
        PROPIA = "propia", "Propia"
        RENTADA = "rentada", "Rentada"
        PRESTADA = "prestada", "Prestada"

    folio = models.CharField("folio", max_length=20, unique=True)
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="descuentos_sociales")
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    acreditacion = models.CharField(
        "acredita con",
        max_length=200,
        help_text="Credencial INAPAM, dictamen médico, resolución de pensión...",
    )
    # estudio socioeconómico
    ingreso_mensual = models.DecimalField("ingreso mensual del hogar", **DINERO)
    personas_hogar = models.PositiveSmallIntegerField("personas en el hogar")
    ocupacion = models.CharField("ocupación", max_length=120, blank=True)
    vivienda = models.CharField("vivienda", max_length=10, choices=Vivienda.choices)
    observaciones = models.TextField("observaciones del estudio", blank=True)
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitado = models.DateTimeField("solicitado", auto_now_add=True)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.SOLICITADO
    )
    porcentaje = models.DecimalField(
        "descuento (%)", null=True, blank=True, max_digits=5, decimal_places=2
    )
    conceptos = models.JSONField("conceptos a los que aplica", default=list, blank=True)
    tope_m3 = models.DecimalField(
        "tope mensual (m³)", null=True, blank=True, help_text="Vacío: sin tope.", **VOLUMEN
    )
    vigente_desde = models.DateField("vigente desde", null=True, blank=True)
    vigente_hasta = models.DateField("vigente hasta", null=True, blank=True)
    resuelto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resuelto = models.DateTimeField("resuelto", null=True, blank=True)
    motivo = models.CharField("motivo de la resolución", max_length=250, blank=True)
    renueva = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="revalidacion"
    )
    condicion = models.OneToOneField(
        CondicionEspecial, on_delete=models.PROTECT, null=True, blank=True, related_name="descuento"
    )
    recordatorio_enviado = models.DateField("recordatorio de vencimiento", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-solicitado"]
        verbose_name = "descuento de trabajo social"
        verbose_name_plural = "descuentos de trabajo social"
        constraints = [
            models.CheckConstraint(
                condition=Q(porcentaje__isnull=True) | Q(porcentaje__gt=0, porcentaje__lte=100),
                name="descuento_social_porcentaje_en_rango",
            ),
            models.CheckConstraint(
                condition=Q(vigente_hasta__isnull=True)
                | Q(vigente_hasta__gte=models.F("vigente_desde")),
                name="descuento_social_vigencia_ordenada",
            ),
        ]

    def __str__(self):
        return f"{self.folio} {self.get_tipo_display()} ({self.cuenta})"

    def vigente_en(self, fecha) -> bool:
        return (
            self.estado == self.Estado.APROBADO
            and self.vigente_desde <= fecha <= self.vigente_hasta
        )


class DocumentoDescuento(models.Model):
    descuento = models.ForeignKey(
        DescuentoSocial, on_delete=models.PROTECT, related_name="documentos"
    )
    descripcion = models.CharField("documento", max_length=200)
    archivo = models.FileField("archivo", upload_to="descuentos_sociales/%Y/")
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subido = models.DateTimeField("subido", auto_now_add=True)

    class Meta:
        ordering = ["subido"]
        verbose_name = "documento del descuento"
        verbose_name_plural = "documentos del descuento"

    def __str__(self):
        return self.descripcion


class CargoPropuesto(models.Model):
    """An extraordinary charge (OOMAPAS XIX, XX) waiting for a second person's approval."""

    class Tipo(models.TextChoices):
        AMPLIACION = "ampliacion", "Ampliación"
        REHABILITACION = "rehabilitacion", "Rehabilitación"
        RECONEXION = "reconexion", "Reconexión"
        MULTA = "multa", "Multa"
        OTRO = "otro", "Otro cargo extraordinario"

    class Estado(models.TextChoices):
        PROPUESTO = "propuesto", "Por autorizar"
        APROBADO = "aprobado", "Aprobado"
        RECHAZADO = "rechazado", "Rechazado"

    folio = models.CharField("folio", max_length=20, unique=True)
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="cargos_propuestos")
    tipo = models.CharField("tipo", max_length=15, choices=Tipo.choices)
    monto = models.DecimalField("monto", **DINERO)
    fecha_vencimiento = models.DateField("vencimiento")
    descripcion = models.CharField("descripción del trabajo o motivo", max_length=250)
    evidencia = models.FileField("evidencia", upload_to="cargos_propuestos/%Y/", blank=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.PROPUESTO
    )
    propuesto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    propuesto = models.DateTimeField("propuesto", auto_now_add=True)
    resuelto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resuelto = models.DateTimeField("resuelto", null=True, blank=True)
    motivo_rechazo = models.CharField("motivo del rechazo", max_length=250, blank=True)
    cargo = models.OneToOneField(
        "cobranza.Cargo", on_delete=models.PROTECT, null=True, blank=True, related_name="propuesta"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-propuesto"]
        verbose_name = "cargo extraordinario propuesto"
        verbose_name_plural = "cargos extraordinarios propuestos"
        constraints = [
            models.CheckConstraint(condition=Q(monto__gt=0), name="cargo_propuesto_monto_positivo")
        ]

    def __str__(self):
        return f"{self.folio} {self.get_tipo_display()} {self.monto}"
