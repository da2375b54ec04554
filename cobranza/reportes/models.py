"""Goals per cartera and period, and stored reports (data and files, one per type, cartera
and period)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from padron.models import Cartera


class Meta(models.Model):
    class Indicador(models.TextChoices):
        MONTO_RECUPERADO = "monto_recuperado", "Monto recuperado de cartera vencida"
        PORCENTAJE = "porcentaje_recuperacion", "Porcentaje de recuperación"
        CUENTAS_REGULARIZADAS = "cuentas_regularizadas", "Cuentas regularizadas"
        CONVENIOS_FIRMADOS = "convenios_firmados", "Convenios firmados"
        COBERTURA = "cobertura", "Cobertura de la cartera asignada (%)"

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="metas")
    periodo = models.DateField("periodo", help_text="Primer día del mes.")
    indicador = models.CharField("indicador", max_length=30, choices=Indicador.choices)
    valor = models.DecimalField("meta", max_digits=14, decimal_places=2)
    fijada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-periodo", "cartera", "indicador"]
        verbose_name = "meta"
        verbose_name_plural = "metas"
        constraints = [
            models.UniqueConstraint(
                fields=["cartera", "periodo", "indicador"], name="meta_una_por_indicador"
            ),
            models.CheckConstraint(condition=models.Q(valor__gt=0), name="meta_positiva"),
        ]

    def __str__(self):
        return f"{self.get_indicador_display()} {self.periodo:%m/%Y}: {self.valor}"


class ReporteGuardado(models.Model):
    """A report as generated at its cut-off: its figures and its files. Regenerating
    replaces the row and the files in one step; a past month does not change by itself."""

    tipo = models.CharField("reporte", max_length=30)
    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="reportes")
    periodo = models.DateField("periodo")
    datos = models.JSONField("cifras")
    pdf = models.FileField("PDF", upload_to="reportes/%Y/%m/", blank=True)
    xlsx = models.FileField("XLSX", upload_to="reportes/%Y/%m/", blank=True)
    generado = models.DateTimeField("generado el")
    generado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField("versión", default=1)

    class Meta:
        ordering = ["-periodo", "tipo", "cartera"]
        verbose_name = "reporte guardado"
        verbose_name_plural = "reportes guardados"
        constraints = [
            models.UniqueConstraint(
                fields=["tipo", "cartera", "periodo"], name="reporte_uno_por_periodo"
            )
        ]

    def __str__(self):
        return f"{self.tipo} {self.cartera} {self.periodo:%m/%Y}"
