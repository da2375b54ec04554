"""The runs of scheduled jobs, as the supervisor sees them on /tareas/."""

from django.db import models


class EjecucionTarea(models.Model):
    """The last run of a scheduled job for one key (e.g. a period): what the supervisor
    checks to see that the night's and the month's jobs ran, and why one failed."""

    class Estado(models.TextChoices):
        CORRIENDO = "corriendo", "Corriendo"
        OK = "ok", "Terminada"
        REINTENTANDO = "reintentando", "Falló; se reintentará"
        FALLIDA = "fallida", "Falló"

    tarea = models.CharField("tarea", max_length=120)
    clave = models.CharField("clave", max_length=120, blank=True)
    estado = models.CharField("estado", max_length=15, choices=Estado.choices)
    intentos = models.PositiveSmallIntegerField("intentos", default=0)
    inicio = models.DateTimeField("inicio")
    fin = models.DateTimeField("fin", null=True, blank=True)
    # The lease of a running row: renewed by its worker while it runs; once past, the worker
    # is taken for dead and the next attempt takes the run over (cobranza/tareas/ejecuciones.py).
    vence = models.DateTimeField("vence", null=True, blank=True)
    resultado = models.TextField("resultado o error", blank=True)

    class Meta:
        ordering = ["-inicio"]
        verbose_name = "ejecución de tarea"
        verbose_name_plural = "ejecuciones de tareas"
        constraints = [
            models.UniqueConstraint(fields=["tarea", "clave"], name="ejecucion_una_por_clave")
        ]

    def __str__(self):
        return f"{self.tarea} {self.clave} {self.estado}"
