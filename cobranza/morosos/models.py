"""A generated lista de morosos: frozen rows with the parameters, author and time, so it
reads the same a year later whatever happened to the accounts since.

A list writes its rows by the hundred thousand in one statement, from its own cuentas: their
foreign keys to the list and the cuenta have no database constraint, whose check ran once per
row at commit and locked every listed cuenta's row (half the generation of a 64,000-row
list). The ORM still applies on_delete=PROTECT, and a listed cuenta owes cargos, whose own
constraint keeps it from being deleted.
"""

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

    # No database constraint (module docstring); the list's rows are found through the
    # unique (lista, orden).
    lista = models.ForeignKey(
        ListaMorosos,
        on_delete=models.PROTECT,
        related_name="renglones",
        db_index=False,
        db_constraint=False,
    )
    orden = models.PositiveIntegerField("orden")
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
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
