"""A generated lista de morosos: frozen rows with the parameters, author and time, so it
reads the same a year later whatever happened to the accounts since."""

from django.conf import settings
from django.db import models

from padron.models import DINERO, Cartera, Cuenta


class ListaMorosos(models.Model):
    folio = models.CharField("folio", max_length=20, unique=True)
    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="listas_morosos")
    parametros = models.JSONField("parámetros")
    generada = models.DateTimeField("generada el", auto_now_add=True)
    generada_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    al = models.DateField("saldos al")
    cuentas = models.PositiveIntegerField("cuentas", default=0)
    total_vencido = models.DecimalField("saldo vencido total", default=0, **DINERO)
    total_saldo = models.DecimalField("saldo total", default=0, **DINERO)

    class Meta:
        ordering = ["-generada"]
        verbose_name = "lista de morosos"
        verbose_name_plural = "listas de morosos"

    def __str__(self):
        return self.folio


class RenglonMorosos(models.Model):
    """One account as it stood when the list was generated (copied, never recomputed)."""

    lista = models.ForeignKey(ListaMorosos, on_delete=models.PROTECT, related_name="renglones")
    orden = models.PositiveIntegerField("orden")
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="+")
    numero = models.CharField("cuenta", max_length=30)
    titular = models.CharField("titular", max_length=250)
    rfc_curp = models.CharField("RFC / CURP", max_length=20, blank=True)
    domicilio = models.CharField("domicilio", max_length=400, blank=True)
    sector = models.CharField("sector", max_length=20, blank=True)
    ruta = models.CharField("ruta", max_length=20, blank=True)
    clasificacion = models.CharField("clasificación", max_length=20, blank=True)
    saldo = models.DecimalField("saldo", **DINERO)
    saldo_vencido = models.DecimalField("saldo vencido", **DINERO)
    meses_vencidos = models.PositiveSmallIntegerField("meses vencidos")
    vencimiento_mas_antiguo = models.DateField("vencimiento más antiguo", null=True)
    ultimo_pago = models.DateField("último pago", null=True)

    class Meta:
        ordering = ["lista", "orden"]
        constraints = [
            models.UniqueConstraint(fields=["lista", "orden"], name="renglon_orden_unico"),
            models.UniqueConstraint(fields=["lista", "cuenta"], name="renglon_cuenta_unica"),
        ]

    def __str__(self):
        return f"{self.lista} #{self.orden}"
