"""Custody of documents: the expediente documental of each cuenta (and of each convenio with
its own papers), its documents with their state and scans, where every original physically is
(archivo → estante → caja → carpeta), loans of originals, and the return of paid pagarés."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.fechas import ahora
from padron.models import Cuenta

# --- where the papers are ---------------------------------------------------------------------


class Archivo(models.Model):
    """A room or building where originals are kept."""

    nombre = models.CharField("archivo", max_length=80, unique=True)
    domicilio = models.CharField("domicilio", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nombre"]

    def __str__(self):
        return self.nombre


class Estante(models.Model):
    archivo = models.ForeignKey(Archivo, on_delete=models.PROTECT, related_name="estantes")
    clave = models.CharField("estante", max_length=20)
    history = HistoricalRecords()

    class Meta:
        ordering = ["archivo", "clave"]
        constraints = [
            models.UniqueConstraint(fields=["archivo", "clave"], name="estante_clave_unica")
        ]

    def __str__(self):
        return f"{self.archivo} · estante {self.clave}"


class Caja(models.Model):
    """A box on a shelf. Moving it (another estante) moves everything inside."""

    estante = models.ForeignKey(Estante, on_delete=models.PROTECT, related_name="cajas")
    clave = models.CharField("caja", max_length=20, unique=True)
    descripcion = models.CharField("contenido", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["clave"]

    def __str__(self):
        return f"Caja {self.clave}"


class Carpeta(models.Model):
    caja = models.ForeignKey(Caja, on_delete=models.PROTECT, related_name="carpetas")
    clave = models.CharField("carpeta", max_length=30)
    history = HistoricalRecords()

    class Meta:
        ordering = ["caja", "clave"]
        constraints = [
            models.UniqueConstraint(fields=["caja", "clave"], name="carpeta_clave_unica")
        ]

    def __str__(self):
        return f"{self.caja} · carpeta {self.clave}"


# --- what the papers are ----------------------------------------------------------------------


class TipoDocumento(models.Model):
    """Catalog: convenio, pagaré, citatorio, acta, constancia, INE, comprobante de domicilio…"""

    clave = models.SlugField("clave", max_length=30, unique=True)
    nombre = models.CharField("tipo de documento", max_length=80)
    generado = models.BooleanField("lo genera el sistema", default=False)
    orden = models.PositiveSmallIntegerField("orden", default=0)

    class Meta:
        ordering = ["orden", "nombre"]
        verbose_name = "tipo de documento"
        verbose_name_plural = "tipos de documento"

    def __str__(self):
        return self.nombre


class Legajo(models.Model):
    """The expediente documental: a cuenta's papers (`clave` empty) or those of one of its
    convenios (`clave` = the convenio's folio)."""

    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="legajos")
    clave = models.CharField("convenio", max_length=30, blank=True)
    creado = models.DateTimeField("abierto el", default=ahora)
    history = HistoricalRecords()

    class Meta:
        ordering = ["cuenta", "clave"]
        verbose_name = "expediente documental"
        verbose_name_plural = "expedientes documentales"
        constraints = [models.UniqueConstraint(fields=["cuenta", "clave"], name="legajo_unico")]

    def __str__(self):
        return f"Expediente {self.cuenta.numero}" + (f" · {self.clave}" if self.clave else "")


class Documento(models.Model):
    class Estado(models.TextChoices):
        GENERADO = "generado", "Generado"
        RECIBIDO = "recibido", "Firmado y recibido"
        ESCANEADO = "escaneado", "Escaneado"
        PRESTADO = "prestado", "Prestado"
        DEVUELTO = "devuelto", "Devuelto al deudor"
        BAJA = "baja", "Dado de baja"

    legajo = models.ForeignKey(Legajo, on_delete=models.PROTECT, related_name="documentos")
    tipo = models.ForeignKey(TipoDocumento, on_delete=models.PROTECT, related_name="documentos")
    descripcion = models.CharField("descripción", max_length=200, blank=True)
    # What the system generated it from ("convenio:15", "pagare:15:3", "diligencia:8"): the
    # same paper is registered once however many times its PDF is printed.
    origen = models.CharField("origen", max_length=40, blank=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.GENERADO
    )
    original = models.BooleanField("hay original en papel", default=False)
    recibido = models.DateField("original recibido el", null=True, blank=True)
    carpeta = models.ForeignKey(
        Carpeta, on_delete=models.PROTECT, null=True, blank=True, related_name="documentos"
    )
    registrado = models.DateTimeField("registrado el", default=ahora)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["legajo", "tipo__orden", "registrado"]
        constraints = [
            models.UniqueConstraint(
                fields=["legajo", "origen"], condition=~Q(origen=""), name="documento_origen_unico"
            )
        ]
        indexes = [models.Index(fields=["estado", "carpeta"], name="documento_estado_carpeta")]

    def __str__(self):
        return f"{self.tipo} {self.descripcion}".strip()


def _ruta_escaneo(escaneo, nombre):
    return f"archivo/{escaneo.documento.legajo.cuenta_id}/{escaneo.sha256[:16]}-{nombre}"


class Escaneo(models.Model):
    """A scan of a document, kept with its hash: a replacement is a new row, never an overwrite."""

    documento = models.ForeignKey(Documento, on_delete=models.PROTECT, related_name="escaneos")
    archivo = models.FileField("archivo", upload_to=_ruta_escaneo, max_length=300)
    nombre = models.CharField("nombre del archivo", max_length=200)
    tipo_contenido = models.CharField("tipo", max_length=40)
    tamano = models.PositiveIntegerField("tamaño (bytes)")
    sha256 = models.CharField("huella SHA-256", max_length=64)
    subido = models.DateTimeField("subido el", default=ahora)
    subido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["documento", "-subido"]

    def __str__(self):
        return self.nombre


# --- loans and returns ------------------------------------------------------------------------


class Prestamo(models.Model):
    """An original lent to a user (abogado externo, notificador, staff) until it comes back."""

    documento = models.ForeignKey(Documento, on_delete=models.PROTECT, related_name="prestamos")
    prestatario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prestamos_recibidos"
    )
    proposito = models.CharField("propósito", max_length=200)
    vence = models.DateField("devolver a más tardar el")
    prestado = models.DateTimeField("prestado el", default=ahora)
    entregado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="prestamos_entregados"
    )
    devuelto = models.DateTimeField("devuelto el", null=True, blank=True)
    recibido_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="prestamos_recibidos_de_vuelta",
    )
    recordado = models.DateField("último recordatorio", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["vence"]
        verbose_name = "préstamo"
        constraints = [
            models.UniqueConstraint(
                fields=["documento"],
                condition=Q(devuelto__isnull=True),
                name="prestamo_uno_abierto",
            )
        ]
        indexes = [models.Index(fields=["devuelto", "vence"], name="prestamo_abierto_vence")]

    def __str__(self):
        return f"Préstamo de {self.documento} a {self.prestatario}"


class Devolucion(models.Model):
    """A paid pagaré (or other original) returned to the debtor, with the acuse he signs."""

    folio = models.CharField("folio", max_length=20, unique=True)
    documento = models.OneToOneField(Documento, on_delete=models.PROTECT, related_name="devolucion")
    recibe = models.CharField("recibe (nombre)", max_length=200)
    identificacion = models.CharField("identificación que presenta", max_length=100)
    fecha = models.DateTimeField("devuelto el", default=ahora)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fecha"]
        verbose_name = "devolución al deudor"
        verbose_name_plural = "devoluciones al deudor"

    def __str__(self):
        return self.folio


# --- inventory audit ----------------------------------------------------------------------------


class Inventario(models.Model):
    """An audit walk: someone scans box labels and expediente QR codes to confirm what is there."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    inicio = models.DateTimeField("inicio", default=ahora)
    fin = models.DateTimeField("fin", null=True, blank=True)

    class Meta:
        ordering = ["-inicio"]

    def __str__(self):
        return f"Inventario {self.inicio:%d/%m/%Y %H:%M}"


class Lectura(models.Model):
    inventario = models.ForeignKey(Inventario, on_delete=models.CASCADE, related_name="lecturas")
    codigo = models.CharField("código leído", max_length=100)
    caja = models.ForeignKey(Caja, on_delete=models.SET_NULL, null=True, blank=True)
    legajo = models.ForeignKey(Legajo, on_delete=models.SET_NULL, null=True, blank=True)
    leida = models.DateTimeField("leída el", default=ahora)

    class Meta:
        ordering = ["leida"]

    def __str__(self):
        return self.codigo
