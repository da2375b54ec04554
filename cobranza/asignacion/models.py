"""Who works which account: a gestor or an abogado externo. Reassigning closes the open
row and opens another, so the rows are the assignment's history."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from padron.fechas import ahora
from padron.models import Cuenta


class Asignacion(models.Model):
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="asignaciones")
    asignado_a = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="asignaciones"
    )
    asignado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    desde = models.DateTimeField("desde", default=ahora)
    hasta = models.DateTimeField("hasta", null=True, blank=True)
    motivo = models.CharField("motivo", max_length=250, blank=True)
    lote = models.CharField(
        "lote", max_length=20, blank=True, help_text="Folio de la asignación masiva."
    )

    class Meta:
        ordering = ["-desde"]
        verbose_name = "asignación"
        verbose_name_plural = "asignaciones"
        constraints = [
            # At most one open assignment per cuenta.
            models.UniqueConstraint(
                fields=["cuenta"], condition=Q(hasta__isnull=True), name="asignacion_una_abierta"
            ),
        ]
        indexes = [
            models.Index(
                fields=["asignado_a", "cuenta"],
                condition=Q(hasta__isnull=True),
                name="asignacion_abierta_usuario",
            )
        ]

    def __str__(self):
        return f"{self.cuenta} → {self.asignado_a}"
