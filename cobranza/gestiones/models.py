"""Collection work on an account: gestiones (calls, visits, notices, e-mails), promesas de
pago checked daily against the ledger, and recados taken for absent staff."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from padron.fechas import ahora
from padron.models import DINERO, Cuenta


class Gestion(models.Model):
    """One collection action on a cuenta and its result."""

    class Tipo(models.TextChoices):
        LLAMADA_REALIZADA = "llamada_realizada", "Llamada realizada"
        LLAMADA_RECIBIDA = "llamada_recibida", "Llamada recibida"
        VISITA = "visita", "Visita"
        AVISO = "aviso", "Aviso entregado"
        CORREO = "correo", "Correo electrónico"
        MENSAJE = "mensaje", "Mensaje (SMS o WhatsApp)"
        VENTANILLA = "ventanilla", "Atención en ventanilla"

    class Resultado(models.TextChoices):
        CONTACTADO = "contactado", "Contactado"
        PROMESA = "promesa_pago", "Promesa de pago"
        NO_LOCALIZADO = "no_localizado", "No localizado"
        NUMERO_EQUIVOCADO = "numero_equivocado", "Número equivocado"
        SE_NIEGA = "se_niega", "Se niega a pagar"
        DEJO_RECADO = "dejo_recado", "Se dejó recado"
        PAGARA_EN_VENTANILLA = "pagara", "Acudirá a pagar"
        OTRO = "otro", "Otro"

    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="gestiones")
    tipo = models.CharField("tipo", max_length=20, choices=Tipo.choices)
    resultado = models.CharField("resultado", max_length=20, choices=Resultado.choices)
    notas = models.TextField("notas", blank=True)
    fecha = models.DateTimeField("fecha", default=ahora, db_index=True)
    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="gestiones"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fecha"]
        verbose_name = "gestión"
        verbose_name_plural = "gestiones"
        indexes = [models.Index(fields=["cuenta", "-fecha"], name="gestion_cuenta_fecha")]

    def __str__(self):
        return f"{self.get_tipo_display()} · {self.cuenta} · {self.fecha:%d/%m/%Y}"


class PromesaPago(models.Model):
    """A debtor's promise to pay `monto` by `fecha_compromiso`; the daily check settles it."""

    class Estado(models.TextChoices):
        VIGENTE = "vigente", "Vigente"
        CUMPLIDA = "cumplida", "Cumplida"
        INCUMPLIDA = "incumplida", "Incumplida"

    gestion = models.OneToOneField(Gestion, on_delete=models.PROTECT, related_name="promesa")
    cuenta = models.ForeignKey(Cuenta, on_delete=models.PROTECT, related_name="promesas")
    monto = models.DecimalField("monto prometido", **DINERO)
    fecha_compromiso = models.DateField("fecha comprometida")
    prometida_el = models.DateField("prometida el")
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.VIGENTE
    )
    pagado = models.DecimalField("pagado en el plazo", default=0, **DINERO)
    revisada = models.DateField("revisada el", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fecha_compromiso"]
        verbose_name = "promesa de pago"
        verbose_name_plural = "promesas de pago"
        constraints = [
            models.CheckConstraint(condition=Q(monto__gt=0), name="promesa_monto_positivo"),
            models.CheckConstraint(
                condition=Q(fecha_compromiso__gte=models.F("prometida_el")),
                name="promesa_fecha_no_anterior",
            ),
        ]
        indexes = [models.Index(fields=["estado", "fecha_compromiso"], name="promesa_estado")]

    def __str__(self):
        return f"Promesa {self.cuenta} {self.monto} al {self.fecha_compromiso:%d/%m/%Y}"


class Recado(models.Model):
    """A phone message taken for someone absent; shown to its recipient on login until read."""

    para = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recados"
    )
    de = models.CharField("de parte de", max_length=200)
    telefono = models.CharField("teléfono para devolver la llamada", max_length=30, blank=True)
    mensaje = models.TextField("mensaje")
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, null=True, blank=True, related_name="recados"
    )
    tomado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="recados_tomados"
    )
    fecha = models.DateTimeField("fecha", default=ahora)
    leido = models.DateTimeField("leído el", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-fecha"]
        indexes = [models.Index(fields=["para", "leido"], name="recado_para_leido")]

    def __str__(self):
        return f"Recado para {self.para} de {self.de}"
