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


def _dinero(nombre):
    return models.DecimalField(nombre, max_digits=14, decimal_places=2, default=0)


class CierreMes(models.Model):
    """A cartera's month, closed: its snapshot (ResumenMensual) was written once, and its
    totals. Its existence is what makes the reports read the snapshot (cierres.py)."""

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="cierres")
    periodo = models.DateField("periodo", help_text="Primer día del mes.")
    cerrado = models.DateTimeField("cerrado el")
    filas = models.PositiveIntegerField("filas del resumen", default=0)
    segundos = models.DecimalField("duración (s)", max_digits=9, decimal_places=2, default=0)
    vencido_inicio = _dinero("cartera vencida al inicio")
    cobrado_vencido = _dinero("cobrado de cartera vencida")
    cobrado_corriente = _dinero("cobrado de facturación corriente")
    rezago = _dinero("rezago")
    cuentas_regularizadas = models.PositiveIntegerField("cuentas regularizadas", default=0)
    # The month's report rows, aggregated once from its ResumenMensual rows (a few hundred):
    # {"recuperacion": [[servicio, concepto, clasificacion, sector, gestor_id, vencido_inicio,
    #   cobrado_vencido, cobrado_corriente, rezago], ...],
    #  "estadisticas": [[grupo, clave, cubeta, cuentas, monto], ...]}; money as text.
    cifras = models.JSONField("cifras del mes", default=dict)
    # What was billed for the month's periodo (the comparativo), as of `facturacion_al`:
    # {"clasificacion": {clave: [volumen, monto, cargos, cuentas]}, "concepto": {...}}.
    # Rewritten when a billing run or a cancellation of that periodo comes later (facturado.py).
    facturacion = models.JSONField("facturación del periodo", default=dict)
    facturacion_al = models.DateTimeField("facturación leída el", null=True, blank=True)

    class Meta:
        ordering = ["-periodo", "cartera"]
        verbose_name = "cierre de mes"
        verbose_name_plural = "cierres de mes"
        constraints = [
            models.UniqueConstraint(fields=["cartera", "periodo"], name="cierre_uno_por_mes")
        ]

    def __str__(self):
        return f"Cierre {self.cartera} {self.periodo:%m/%Y}"


class ResumenMensual(models.Model):
    """One row per cuenta, servicio and concepto of a closed month: the recovery figures and
    the past-due saldo at the month's close by aging bucket, with the cuenta's clasificación,
    sector and gestor as they were at the close. Written by one INSERT … SELECT per cartera
    and month (cierres.cerrar_mes); never updated."""

    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, db_index=False, related_name="+")
    periodo = models.DateField("periodo")
    # Plain columns: the rows are read by (cartera, periodo) only, and an index per foreign
    # key would triple the cost of writing a month.
    cuenta = models.ForeignKey(
        "padron.Cuenta",
        on_delete=models.DO_NOTHING,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )
    servicio = models.CharField("servicio", max_length=12)
    concepto = models.CharField("concepto", max_length=20)
    clasificacion = models.CharField("clasificación", max_length=20, blank=True)
    sector = models.CharField("sector", max_length=20, blank=True)
    gestor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        null=True,
        db_index=False,
        db_constraint=False,
        related_name="+",
    )
    vencido_inicio = _dinero("vencido al inicio")
    cobrado_vencido = _dinero("cobrado de cartera vencida")
    cobrado_corriente = _dinero("cobrado de facturación corriente")
    rezago = _dinero("rezago")
    # Past-due saldo at the close (the next month's first day) by the cargo's own age.
    cierre_1_30 = _dinero("vencido al cierre, 1-30 días")
    cierre_31_60 = _dinero("vencido al cierre, 31-60 días")
    cierre_61_90 = _dinero("vencido al cierre, 61-90 días")
    cierre_91_180 = _dinero("vencido al cierre, 91-180 días")
    cierre_181_365 = _dinero("vencido al cierre, 181-365 días")
    cierre_mas_365 = _dinero("vencido al cierre, más de 365 días")

    class Meta:
        verbose_name = "resumen mensual"
        verbose_name_plural = "resúmenes mensuales"
        indexes = [models.Index(fields=["cartera", "periodo"], name="resumen_cartera_periodo")]

    def __str__(self):
        return f"{self.cuenta_id} {self.periodo:%m/%Y} {self.concepto}"
