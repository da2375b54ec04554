"""A complete list written to a file in the background: one row per (list, format).

The lists are frozen when generated (listas de morosos, listas de corte), so the file of a
list is written once and served again to whoever may see the list; a failed one is retried
by asking again.
"""

from django.conf import settings
from django.db import models


class Exportacion(models.Model):
    class Tipo(models.TextChoices):
        MOROSOS = "morosos", "Lista de morosos"
        CORTE = "corte", "Lista de corte"

    class Formato(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"
        PDF = "pdf", "PDF"

    class Estado(models.TextChoices):
        PENDIENTE = "pendiente", "Pendiente"
        EN_PROCESO = "en_proceso", "En proceso"
        LISTA = "lista", "Lista"
        FALLIDA = "fallida", "Fallida"

    tipo = models.CharField("lista", max_length=10, choices=Tipo.choices)
    folio = models.CharField("folio de la lista", max_length=20)
    formato = models.CharField("formato", max_length=4, choices=Formato.choices)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.PENDIENTE
    )
    renglones = models.PositiveIntegerField("renglones escritos", default=0)
    total = models.PositiveIntegerField("renglones de la lista", default=0)
    archivo = models.FileField("archivo", upload_to="exportaciones/%Y/%m/", blank=True)
    tamano = models.PositiveBigIntegerField("tamaño en bytes", default=0)
    solicitada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    solicitada = models.DateTimeField("solicitada el")
    iniciada = models.DateTimeField("iniciada el", null=True, blank=True)
    terminada = models.DateTimeField("terminada el", null=True, blank=True)
    # The worker writes the progress every few thousand rows; a job en proceso whose last
    # write is older than the lease belongs to a dead worker (cobranza.tareas.ejecuciones).
    actualizada = models.DateTimeField("último avance", null=True, blank=True)
    intentos = models.PositiveSmallIntegerField("intentos", default=0)
    error = models.TextField("error", blank=True)

    class Meta:
        verbose_name = "exportación"
        verbose_name_plural = "exportaciones"
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "folio", "formato"], name="exportacion_una_por_lista"
            ),
            models.CheckConstraint(
                condition=models.Q(renglones__lte=models.F("total")),
                name="exportacion_renglones_en_total",
            ),
        ]

    def __str__(self):
        return f"{self.folio}.{self.formato}"

    @property
    def porcentaje(self) -> int:
        if self.estado == self.Estado.LISTA:
            return 100
        return min(99, self.renglones * 100 // self.total) if self.total else 0

    @property
    def en_curso(self) -> bool:
        return self.estado in (self.Estado.PENDIENTE, self.Estado.EN_PROCESO)
