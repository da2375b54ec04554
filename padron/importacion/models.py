"""An uploaded file and the work done on it in the background.

Every import (padrón, bank payments, billing runs, the go-live's historic cargos and pagos)
is uploaded the same way: the file is checked and stored, a Celery task processes it, and
the row below is what the progress bar and the result page read. The processors live with
their subdomain and register by `tipo` (padron/importacion/registro.py).
"""

from django.conf import settings
from django.db import models


class Importacion(models.Model):
    class Tipo(models.TextChoices):
        PADRON = "padron", "Padrón de usuarios"
        PAGOS = "pagos", "Pagos del banco o puntos de cobro"
        FACTURACION = "facturacion", "Corrida de facturación"
        CARGOS_HISTORICOS = "cargos_historicos", "Carga inicial: cargos históricos"
        PAGOS_HISTORICOS = "pagos_historicos", "Carga inicial: pagos históricos"
        ESTATUS_ACADEMICO = "estatus_academico", "Estatus académico (archivo de la institución)"

    class Estado(models.TextChoices):
        EN_COLA = "en_cola", "En cola"
        PROCESANDO = "procesando", "Procesando"
        TERMINADA = "terminada", "Terminada"
        RECHAZADA = "rechazada", "Rechazada: no se escribió nada"
        FALLIDA = "fallida", "Falló"

    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    archivo = models.FileField("archivo", upload_to="importaciones/%Y/%m/")
    nombre = models.CharField("nombre del archivo", max_length=200)
    huella = models.CharField("SHA-256 del archivo", max_length=64, db_index=True)
    tamano = models.PositiveIntegerField("tamaño (bytes)")
    parametros = models.JSONField("parámetros", default=dict, blank=True)
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.EN_COLA
    )
    total = models.PositiveIntegerField("filas por procesar", default=0)
    procesadas = models.PositiveIntegerField("filas procesadas", default=0)
    aceptadas = models.PositiveIntegerField("filas aceptadas", default=0)
    rechazadas = models.PositiveIntegerField("filas rechazadas", default=0)
    mensaje = models.TextField("mensaje", blank=True)
    resumen = models.JSONField("resumen", default=dict, blank=True)
    rechazados = models.FileField("filas rechazadas", upload_to="importaciones/%Y/%m/", blank=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    creada = models.DateTimeField("subida", auto_now_add=True)
    iniciada = models.DateTimeField("iniciada", null=True, blank=True)
    terminada = models.DateTimeField("terminada", null=True, blank=True)

    class Meta:
        ordering = ["-creada"]
        verbose_name = "importación"
        verbose_name_plural = "importaciones"

    def __str__(self):
        return f"{self.get_tipo_display()}: {self.nombre}"

    @property
    def porcentaje(self) -> int:
        if self.estado in (self.Estado.TERMINADA, self.Estado.RECHAZADA):
            return 100
        if not self.total:
            return 0
        return min(100, self.procesadas * 100 // self.total)

    @property
    def en_curso(self) -> bool:
        return self.estado in (self.Estado.EN_COLA, self.Estado.PROCESANDO)
