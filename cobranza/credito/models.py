"""The educational credit's schedule (tabla de amortización): generated when recovery starts
from the amount actually disbursed, the rate and the term, exact to the centavo; a
reprogramación replaces what is not yet posted with a new version. Each month's capital and
interest become cargos when their month comes (cobranza/credito/services.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.models import DINERO, PORCENTAJE, Cartera, Cuenta


class TablaAmortizacion(models.Model):
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="tablas")
    version = models.PositiveSmallIntegerField("versión", default=1)
    capital = models.DecimalField("capital a recuperar", **DINERO)
    tasa_anual = models.DecimalField("tasa de interés anual (%)", **PORCENTAJE)
    plazo_meses = models.PositiveSmallIntegerField("plazo (meses)")
    metodo = models.CharField("método", max_length=20, choices=Cartera.MetodoAmortizacion.choices)
    primer_vencimiento = models.DateField("primer vencimiento")
    vigente = models.BooleanField("vigente", default=True)
    motivo = models.CharField("motivo", max_length=250)
    generada = models.DateTimeField("generada", auto_now_add=True)
    generada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["cuenta", "-version"]
        verbose_name = "tabla de amortización"
        verbose_name_plural = "tablas de amortización"
        constraints = [
            models.UniqueConstraint(fields=["cuenta", "version"], name="tabla_version_unica"),
            models.UniqueConstraint(
                fields=["cuenta"], condition=Q(vigente=True), name="tabla_una_vigente"
            ),
        ]

    def __str__(self):
        return f"Tabla v{self.version} de {self.cuenta}"


class ParcialidadCredito(models.Model):
    """One month of the schedule: what falls due, split into capital and interest."""

    tabla = models.ForeignKey(
        TablaAmortizacion, on_delete=models.PROTECT, related_name="parcialidades"
    )
    numero = models.PositiveSmallIntegerField("número")
    vencimiento = models.DateField("vencimiento", db_index=True)
    capital = models.DecimalField("capital", **DINERO)
    interes = models.DecimalField("interés", **DINERO)
    pago = models.DecimalField("mensualidad", **DINERO)
    saldo_insoluto = models.DecimalField("saldo de capital después del pago", **DINERO)

    class Meta:
        ordering = ["tabla", "numero"]
        verbose_name = "mensualidad del crédito"
        verbose_name_plural = "mensualidades del crédito"
        constraints = [
            models.UniqueConstraint(fields=["tabla", "numero"], name="parcialidad_credito_unica"),
            models.CheckConstraint(
                condition=Q(capital__gte=0, interes__gte=0), name="parcialidad_credito_no_negativa"
            ),
        ]

    def __str__(self):
        return f"{self.numero}/{self.tabla.plazo_meses} vence {self.vencimiento:%d/%m/%Y}"
