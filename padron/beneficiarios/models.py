"""The educational credit's beneficiarios (CE-122): the credit as a lifecycle on the titular's
credit cuenta. Catalogs of instituciones educativas and programas; the credit itself (who
studies what, how much was authorised, where it stands); the academic status per periodo
escolar with the evidence that proves it; the ministraciones (disbursements) per periodo;
and the procedures of duty 5 (retención, suspensión, cancelación, conclusión, baja,
reasignación, reprogramación), each authorised at its tier.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.models import DINERO, Cartera, Cuenta


class InstitucionEducativa(models.Model):
    clave = models.SlugField("clave", max_length=30, unique=True)
    nombre = models.CharField("nombre", max_length=200)
    municipio = models.CharField("municipio", max_length=120, blank=True)
    activa = models.BooleanField("activa", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nombre"]
        verbose_name = "institución educativa"
        verbose_name_plural = "instituciones educativas"

    def __str__(self):
        return self.nombre


class Programa(models.Model):
    class Nivel(models.TextChoices):
        TECNICO = "tecnico", "Técnico superior universitario"
        LICENCIATURA = "licenciatura", "Licenciatura"
        MAESTRIA = "maestria", "Maestría"
        DOCTORADO = "doctorado", "Doctorado"

    institucion = models.ForeignKey(
        InstitucionEducativa, on_delete=models.PROTECT, related_name="programas"
    )
    clave = models.SlugField("clave", max_length=30)
    nombre = models.CharField("programa o carrera", max_length=200)
    nivel = models.CharField("nivel", max_length=15, choices=Nivel.choices)
    periodos = models.PositiveSmallIntegerField("duración (periodos escolares)", default=8)
    activo = models.BooleanField("activo", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["institucion", "nombre"]
        constraints = [
            models.UniqueConstraint(fields=["institucion", "clave"], name="programa_clave_unica")
        ]

    def __str__(self):
        return f"{self.nombre} ({self.institucion})"


class CreditoEducativo(models.Model):
    """The credit of one beneficiario: its cuenta carries the pagaré and the ledger."""

    class Modalidad(models.TextChoices):
        CREDITO = "credito", "Crédito educativo"
        BECA_CREDITO = "beca_credito", "Beca-crédito"
        EXTRANJERO = "extranjero", "Estudios en el extranjero"

    class Etapa(models.TextChoices):
        ESTUDIANTE = "estudiante", "Estudiante"
        SUSPENDIDO = "suspendido", "Suspendido"
        EGRESADO = "egresado", "Egresado, en periodo de gracia"
        RECUPERACION = "recuperacion", "En recuperación"
        BAJA = "baja", "Baja"
        CANCELADO = "cancelado", "Cancelado"
        CONCLUIDO = "concluido", "Beneficio concluido"

    cuenta = models.OneToOneField(Cuenta, on_delete=models.PROTECT, related_name="credito")
    institucion = models.ForeignKey(
        InstitucionEducativa, on_delete=models.PROTECT, related_name="creditos"
    )
    programa = models.ForeignKey(Programa, on_delete=models.PROTECT, related_name="creditos")
    modalidad = models.CharField(
        "modalidad", max_length=15, choices=Modalidad.choices, default=Modalidad.CREDITO
    )
    matricula = models.CharField("matrícula", max_length=30, blank=True, db_index=True)
    monto_autorizado = models.DecimalField("monto autorizado", **DINERO)
    cohorte = models.PositiveSmallIntegerField("año de otorgamiento", db_index=True)
    etapa = models.CharField(
        "etapa", max_length=15, choices=Etapa.choices, default=Etapa.ESTUDIANTE, db_index=True
    )
    fecha_egreso = models.DateField("fecha de egreso o de baja", null=True, blank=True)

    class Termino(models.TextChoices):
        EGRESO = "egreso", "Egreso"
        BAJA = "baja", "Baja"
        CONCLUSION = "conclusion", "Conclusión del beneficio"
        CANCELACION = "cancelacion", "Cancelación"

    termino = models.CharField(
        "cómo terminaron los estudios", max_length=12, choices=Termino.choices, blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cuenta__numero"]
        verbose_name = "crédito educativo"
        verbose_name_plural = "créditos educativos"
        constraints = [
            models.CheckConstraint(
                condition=Q(monto_autorizado__gt=0), name="credito_monto_positivo"
            )
        ]

    def __str__(self):
        return f"Crédito {self.cuenta.numero}"


class EstatusAcademico(models.Model):
    """The beneficiario's status in one periodo escolar ("2026-2") and its evidence."""

    class Estatus(models.TextChoices):
        REGULAR = "regular", "Inscrito regular"
        IRREGULAR = "irregular", "Inscrito irregular"
        BAJA_TEMPORAL = "baja_temporal", "Baja temporal"
        BAJA_DEFINITIVA = "baja_definitiva", "Baja definitiva"
        EGRESADO = "egresado", "Egresado"
        TITULADO = "titulado", "Titulado"

    class Evidencia(models.TextChoices):
        CONSTANCIA = "constancia", "Constancia de estudios"
        KARDEX = "kardex", "Kárdex"
        TITULO = "titulo", "Título o cédula"
        CERTIFICADO = "certificado", "Certificado de terminación"

    class Origen(models.TextChoices):
        CAPTURA = "captura", "Capturado en el Instituto"
        ARCHIVO = "archivo", "Archivo de la institución educativa"

    credito = models.ForeignKey(CreditoEducativo, on_delete=models.PROTECT, related_name="estatus")
    periodo = models.CharField("periodo escolar", max_length=7, help_text="aaaa-1 o aaaa-2")
    estatus = models.CharField("estatus", max_length=16, choices=Estatus.choices)
    tipo_evidencia = models.CharField(
        "evidencia que lo prueba", max_length=12, choices=Evidencia.choices
    )
    evidencia = models.FileField("evidencia", upload_to="beneficiarios/%Y/", blank=True)
    evidencia_vence = models.DateField("fecha límite de la evidencia")
    evidencia_recibida = models.DateField("evidencia recibida", null=True, blank=True)
    origen = models.CharField(
        "origen", max_length=8, choices=Origen.choices, default=Origen.CAPTURA
    )
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrado = models.DateTimeField("registrado", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["credito", "-periodo"]
        verbose_name = "estatus académico"
        verbose_name_plural = "estatus académicos"
        constraints = [
            models.UniqueConstraint(fields=["credito", "periodo"], name="estatus_uno_por_periodo")
        ]

    def __str__(self):
        return f"{self.periodo} {self.get_estatus_display()}"

    @property
    def con_evidencia(self) -> bool:
        """A scan on file, or the institution's own file reporting it."""
        if self.evidencia_recibida is None:
            return False
        return bool(self.evidencia) or self.origen == self.Origen.ARCHIVO


class Ministracion(models.Model):
    """A disbursement of the credit for one periodo escolar."""

    class Estado(models.TextChoices):
        PROGRAMADA = "programada", "Programada"
        LIBERADA = "liberada", "Liberada"
        RETENIDA = "retenida", "Retenida"
        CANCELADA = "cancelada", "Cancelada"

    credito = models.ForeignKey(
        CreditoEducativo, on_delete=models.PROTECT, related_name="ministraciones"
    )
    periodo = models.CharField("periodo escolar", max_length=7)
    monto = models.DecimalField("monto", **DINERO)
    fecha_programada = models.DateField("fecha programada")
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.PROGRAMADA
    )
    fecha_liberacion = models.DateField("liberada el", null=True, blank=True)
    liberada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    motivo = models.CharField("motivo (retención, cancelación)", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["credito", "periodo"]
        verbose_name = "ministración"
        verbose_name_plural = "ministraciones"
        constraints = [
            models.UniqueConstraint(
                fields=["credito", "periodo"], name="ministracion_una_por_periodo"
            ),
            models.CheckConstraint(condition=Q(monto__gt=0), name="ministracion_monto_positivo"),
        ]

    def __str__(self):
        return f"{self.periodo} {self.monto} {self.get_estado_display()}"


class Tramite(models.Model):
    """A procedure of CE-122 duty 5 on a credit: requested with motive and evidence, authorised
    at its tier, effective on a date, with its effect on ministraciones and the schedule."""

    class Tipo(models.TextChoices):
        RETENCION = "retencion", "Retención"
        SUSPENSION = "suspension", "Suspensión"
        CANCELACION = "cancelacion", "Cancelación"
        CONCLUSION = "conclusion", "Conclusión"
        BAJA = "baja", "Baja"
        REASIGNACION = "reasignacion", "Reasignación"
        REPROGRAMACION = "reprogramacion", "Reprogramación"

    class Estado(models.TextChoices):
        SOLICITADO = "solicitado", "Por autorizar"
        AUTORIZADO = "autorizado", "Autorizado y aplicado"
        RECHAZADO = "rechazado", "Rechazado"

    folio = models.CharField("folio", max_length=20, unique=True)
    credito = models.ForeignKey(CreditoEducativo, on_delete=models.PROTECT, related_name="tramites")
    tipo = models.CharField("trámite", max_length=15, choices=Tipo.choices)
    motivo = models.CharField("motivo", max_length=250)
    evidencia = models.FileField("evidencia", upload_to="tramites/%Y/", blank=True)
    fecha_efectiva = models.DateField("fecha efectiva")
    datos = models.JSONField("datos del trámite", default=dict, blank=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.SOLICITADO
    )
    solicitado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitado = models.DateTimeField("solicitado", auto_now_add=True)
    resuelto_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resuelto = models.DateTimeField("resuelto", null=True, blank=True)
    motivo_resolucion = models.CharField("motivo de la resolución", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-solicitado"]
        verbose_name = "trámite del crédito"
        verbose_name_plural = "trámites del crédito"

    def __str__(self):
        return f"{self.folio} {self.get_tipo_display()}"


class NivelTramite(models.Model):
    """Who authorises each procedure in a cartera (as convenios have their tiers). Without a
    row, the default of padron/beneficiarios/services.py applies."""

    class Permiso(models.TextChoices):
        SUPERVISION = "padron.autorizar_tramite", "Supervisión"
        GERENCIA = "padron.autorizar_tramite_mayor", "Gerencia"

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="niveles_tramite")
    tipo = models.CharField("trámite", max_length=15, choices=Tramite.Tipo.choices)
    permiso = models.CharField("lo autoriza", max_length=40, choices=Permiso.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "nivel de autorización de trámite"
        verbose_name_plural = "niveles de autorización de trámites"
        constraints = [
            models.UniqueConstraint(fields=["cartera", "tipo"], name="nivel_tramite_unico")
        ]

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.get_permiso_display()}"
