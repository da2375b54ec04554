"""Corte de caja: each cashier's day of money received, counted and closed.

Every payment a cashier registers at the counter belongs to its open corte (one per
cashier, opened by the first payment or by hand). Closing counts the cash by denomination
and declares what the card terminal, the cheques and the transfers add up to; what the
system expected is written next to it at that moment, and any sobrante or faltante carries
its reason. A closed corte is final: nothing is reopened or deleted.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.fechas import ahora
from padron.models import DINERO

# The Mexican bills and coins a cashier counts, largest first (key: how it is stored).
BILLETES = ("1000", "500", "200", "100", "50", "20")
MONEDAS = ("20", "10", "5", "2", "1", "0.50")
DENOMINACIONES = tuple(("billete", Decimal(v)) for v in BILLETES) + tuple(
    ("moneda", Decimal(v)) for v in MONEDAS
)


def clave_denominacion(tipo, valor) -> str:
    """'billete_20' and 'moneda_20' are different things in the drawer."""
    return f"{tipo}_{valor}"


class CorteCaja(models.Model):
    class Estado(models.TextChoices):
        ABIERTO = "abierto", "Abierto"
        CERRADO = "cerrado", "Cerrado"

    folio = models.CharField("folio", max_length=20, unique=True)
    cajero = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cortes_caja"
    )
    estado = models.CharField(
        "estado", max_length=8, choices=Estado.choices, default=Estado.ABIERTO
    )
    fecha = models.DateField("fecha de apertura")
    abierto = models.DateTimeField("abierto", default=ahora)
    cerrado = models.DateTimeField("cerrado", null=True, blank=True)
    # Written when it closes (the snapshot the cashier and the supervisor sign).
    conteo = models.JSONField(
        "conteo de efectivo", default=dict, blank=True, help_text="denominación -> piezas"
    )
    efectivo_sistema = models.DecimalField("efectivo según sistema", null=True, **DINERO)
    efectivo_contado = models.DecimalField("efectivo contado", null=True, **DINERO)
    tarjeta_sistema = models.DecimalField("tarjeta según sistema", null=True, **DINERO)
    tarjeta_declarado = models.DecimalField("tarjeta según terminal", null=True, **DINERO)
    cheque_sistema = models.DecimalField("cheques según sistema", null=True, **DINERO)
    cheque_declarado = models.DecimalField("cheques contados", null=True, **DINERO)
    transferencia_sistema = models.DecimalField("transferencias según sistema", null=True, **DINERO)
    transferencia_declarado = models.DecimalField("transferencias confirmadas", null=True, **DINERO)
    diferencia = models.DecimalField(
        "diferencia", null=True, help_text="Sobrante (+) o faltante (−).", **DINERO
    )
    motivo_diferencia = models.CharField("motivo de la diferencia", max_length=250, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "corte de caja"
        verbose_name_plural = "cortes de caja"
        ordering = ["-fecha", "-id"]
        indexes = [models.Index(fields=["fecha", "cajero"], name="corte_caja_fecha_cajero")]
        constraints = [
            models.UniqueConstraint(
                fields=["cajero"],
                condition=Q(estado="abierto"),
                name="corte_caja_uno_abierto_por_cajero",
            ),
            models.CheckConstraint(
                condition=Q(estado="abierto", cerrado__isnull=True)
                | Q(estado="cerrado", cerrado__isnull=False, diferencia__isnull=False),
                name="corte_caja_cerrado_completo",
            ),
            models.CheckConstraint(
                condition=Q(diferencia__isnull=True) | Q(diferencia=0) | ~Q(motivo_diferencia=""),
                name="corte_caja_diferencia_con_motivo",
            ),
        ]

    def __str__(self):
        return self.folio

    @property
    def abierto_ahora(self):
        return self.estado == self.Estado.ABIERTO
