"""The ledger: cargos, pagos and what each pago paid, ajustes, maintained saldos.

Nothing that moves money is deleted. A pago is reversed by a ReversionPago,
whose negative Aplicaciones give back what the pago had paid; an ajuste
reduces a cargo's saldo with a reason and the user who authorised it.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from padron.historial import historial_de_alto_volumen
from padron.models import DINERO, Cuenta, GrupoPrelacion


def indices_donde_hay(campos, prefijo):
    """One index per optional foreign key, over the rows that have it: a lookup by value
    (`corrida_id = 7`, the PROTECT check) uses it, and the rows without one (most of the
    ledger) cost nothing to write."""
    return [
        models.Index(
            fields=[campo], condition=Q(**{f"{campo}__isnull": False}), name=f"{prefijo}_{campo}"
        )
        for campo in campos
    ]


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of collection work, granted to roles in padron/roles.py."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("registrar_pago", "Registrar pagos en caja"),
            ("revertir_pago", "Revertir pagos"),
            ("autorizar_ajuste", "Autorizar bonificaciones, condonaciones y cancelaciones"),
            ("registrar_cargo", "Registrar cargos de facturación"),
            ("proponer_cargo", "Proponer cargos extraordinarios"),
            ("autorizar_cargo", "Autorizar cargos extraordinarios propuestos por otro"),
            ("cargar_facturacion", "Cargar corridas de facturación y la carga inicial"),
            ("autorizar_facturacion", "Autorizar, rechazar y cancelar corridas de facturación"),
            ("importar_pagos", "Importar archivos de pagos del banco"),
            ("solicitar_descuento_social", "Capturar solicitudes de descuento de trabajo social"),
            ("autorizar_descuento_social", "Aprobar descuentos de trabajo social"),
            ("registrar_gestion", "Registrar gestiones, llamadas y recados"),
            ("asignar_cartera", "Asignar cartera a gestores y abogados"),
            ("generar_lista_morosos", "Generar listas de morosos"),
            ("gestionar_pec", "Abrir y avanzar expedientes del PEC"),
            ("registrar_diligencia", "Registrar diligencias y acuses"),
            ("registrar_etapa_legal", "Registrar etapas legales de cuentas asignadas"),
            ("generar_lista_corte", "Generar listas de corte"),
            ("registrar_resultado_corte", "Registrar resultados de órdenes de corte"),
            ("ver_reportes", "Consultar reportes de recuperación"),
            ("editar_metas", "Fijar metas"),
            ("registrar_atencion", "Registrar la atención de visitas y llamadas"),
            ("atender_quejas", "Capturar, asignar y responder quejas y sugerencias"),
            ("administrar_encuestas", "Definir encuestas y ver sus resultados"),
            ("custodiar_documentos", "Registrar, escanear, ubicar, prestar y devolver documentos"),
            (
                "administrar_archivo",
                "Administrar archivos, estantes, cajas y carpetas; inventarios",
            ),
            ("supervisar_caja", "Ver los cortes de caja de todos los cajeros"),
        ]


class Concepto(models.TextChoices):
    CONSUMO_AGUA = "consumo_agua", "Consumo de agua"
    DRENAJE = "drenaje", "Drenaje"
    SANEAMIENTO = "saneamiento", "Saneamiento"
    IVA = "iva", "IVA"
    OTROS = "otros_servicios", "Otros conceptos facturados"
    CAPITAL = "capital", "Capital"
    INTERES = "interes", "Interés"
    RECARGO = "recargo", "Recargo"
    GASTO_EJECUCION = "gasto_ejecucion", "Gasto de ejecución"
    MULTA = "multa", "Multa"
    RECONEXION = "reconexion", "Reconexión"
    EXTRAORDINARIO = "extraordinario", "Cargo extraordinario"


GRUPO_DE_CONCEPTO = {
    Concepto.GASTO_EJECUCION: GrupoPrelacion.GASTOS,
    Concepto.RECARGO: GrupoPrelacion.RECARGOS,
    Concepto.MULTA: GrupoPrelacion.MULTAS,
    Concepto.RECONEXION: GrupoPrelacion.MULTAS,
    Concepto.EXTRAORDINARIO: GrupoPrelacion.MULTAS,
    Concepto.CONSUMO_AGUA: GrupoPrelacion.PRINCIPAL,
    Concepto.DRENAJE: GrupoPrelacion.PRINCIPAL,
    Concepto.SANEAMIENTO: GrupoPrelacion.PRINCIPAL,
    Concepto.IVA: GrupoPrelacion.PRINCIPAL,
    Concepto.OTROS: GrupoPrelacion.PRINCIPAL,
    Concepto.CAPITAL: GrupoPrelacion.PRINCIPAL,
    Concepto.INTERES: GrupoPrelacion.PRINCIPAL,
}
CONCEPTOS_PRINCIPAL = [c for c, g in GRUPO_DE_CONCEPTO.items() if g == GrupoPrelacion.PRINCIPAL]


class Servicio(models.TextChoices):
    AGUA = "agua", "Agua"
    DRENAJE = "drenaje", "Drenaje"
    SANEAMIENTO = "saneamiento", "Saneamiento"
    CREDITO = "credito", "Crédito educativo"
    GENERAL = "general", "General"


class Cargo(models.Model):
    class Estado(models.TextChoices):
        VIGENTE = "vigente", "Vigente"
        CANCELADO = "cancelado", "Cancelado"

    # Indexed by (cuenta, fecha_vencimiento): Meta.indexes.
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, related_name="cargos", db_index=False
    )
    concepto = models.CharField("concepto", max_length=20, choices=Concepto.choices)
    servicio = models.CharField(
        "servicio", max_length=12, choices=Servicio.choices, default=Servicio.GENERAL
    )
    periodo = models.DateField(
        "periodo", null=True, blank=True, help_text="Primer día del mes facturado."
    )
    fecha_emision = models.DateField("fecha de emisión")
    fecha_vencimiento = models.DateField("fecha de vencimiento")
    monto = models.DecimalField("monto", **DINERO)
    saldo = models.DecimalField("saldo pendiente", **DINERO)
    volumen_m3 = models.DecimalField(
        "volumen facturado (m³)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    descripcion = models.CharField("descripción", max_length=250, blank=True)
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.VIGENTE
    )
    # The optional references are indexed only where set (Meta.indexes and constraints):
    # most cargos have none, and an index of NULLs grows with every cargo written.
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    autorizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    corrida = models.ForeignKey(
        "cobranza.CorridaFacturacion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cargos",
        db_index=False,
        help_text="La corrida de facturación o de carga inicial que lo escribió.",
    )
    parcialidad_credito = models.ForeignKey(
        "cobranza.ParcialidadCredito",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cargos",
        db_index=False,  # the unique (parcialidad_credito, concepto) where set
        help_text="La mensualidad de la tabla de amortización que lo generó.",
    )
    creado = models.DateTimeField(auto_now_add=True)
    # Every payment writes a history row per cargo it pays, and a nightly job one per recargo.
    history = historial_de_alto_volumen(
        "cuenta", "registrado_por", "autorizado_por", "corrida", "parcialidad_credito"
    )

    class Meta:
        ordering = ["fecha_vencimiento", "id"]
        indexes = [
            models.Index(fields=["cuenta", "fecha_vencimiento"], name="cargo_cuenta_vencimiento"),
            # Balances only ever re-add the cargos still owed.
            models.Index(
                fields=["cuenta"], condition=Q(saldo__gt=0), name="cargo_pendiente_por_cuenta"
            ),
            models.Index(fields=["periodo", "concepto"], name="cargo_periodo_concepto"),
            *indices_donde_hay(["registrado_por", "autorizado_por", "corrida"], "cargo"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(monto__gt=0), name="cargo_monto_positivo"),
            models.CheckConstraint(
                condition=Q(saldo__gte=0) & Q(saldo__lte=F("monto")), name="cargo_saldo_en_rango"
            ),
            # One recargo per account and month: the monthly task can run twice.
            models.UniqueConstraint(
                fields=["cuenta", "periodo"],
                condition=Q(concepto="recargo"),
                name="cargo_un_recargo_por_periodo",
            ),
            # A month of the credit's schedule is charged once (the monthly task may run twice).
            models.UniqueConstraint(
                fields=["parcialidad_credito", "concepto"],
                condition=Q(parcialidad_credito__isnull=False),
                name="cargo_una_vez_por_mensualidad",
            ),
        ]

    def __str__(self):
        return f"{self.get_concepto_display()} {self.periodo or ''} {self.monto}"

    @property
    def etiqueta(self) -> str:
        """ "Recargo 02/2026: 1.47% sobre…", not "Recargo · Recargo 02/2026…"."""
        concepto = self.get_concepto_display()
        if not self.descripcion:
            return concepto
        if self.descripcion.lower().startswith(concepto.lower()):
            return self.descripcion
        return f"{concepto} · {self.descripcion}"

    @property
    def grupo(self):
        return GRUPO_DE_CONCEPTO[self.concepto]


class Pago(models.Model):
    class Canal(models.TextChoices):
        CAJA = "caja", "Caja"
        BANCO = "banco", "Banco"
        TRANSFERENCIA = "transferencia", "Transferencia"
        HISTORICO = "historico", "Histórico (carga inicial)"

    class Estado(models.TextChoices):
        APLICADO = "aplicado", "Aplicado"
        REVERTIDO = "revertido", "Revertido"

    class FormaPago(models.TextChoices):
        EFECTIVO = "efectivo", "Efectivo"
        TARJETA = "tarjeta", "Tarjeta"
        CHEQUE = "cheque", "Cheque"
        TRANSFERENCIA = "transferencia", "Transferencia"

    class TipoTarjeta(models.TextChoices):
        DEBITO = "debito", "Débito"
        CREDITO = "credito", "Crédito"

    # Indexed by (cuenta, fecha): Meta.indexes.
    cuenta = models.ForeignKey(
        Cuenta, on_delete=models.PROTECT, related_name="pagos", db_index=False
    )
    folio = models.CharField("folio", max_length=20, unique=True, null=True, blank=True)
    fecha = models.DateField("fecha de pago")
    monto = models.DecimalField("monto", **DINERO)
    remanente = models.DecimalField("saldo a favor sin aplicar", **DINERO)
    canal = models.CharField("canal", max_length=15, choices=Canal.choices, default=Canal.CAJA)
    referencia = models.CharField("referencia", max_length=60, blank=True)
    # How the money came (cobranza/caja: the corte counts each forma on its own).
    forma_pago = models.CharField(
        "forma de pago",
        max_length=15,
        choices=FormaPago.choices,
        default=FormaPago.EFECTIVO,
        db_default=FormaPago.EFECTIVO,  # rows written by SQL (carga inicial, bench) too
    )
    efectivo_recibido = models.DecimalField("efectivo recibido", null=True, blank=True, **DINERO)
    cambio = models.DecimalField("cambio", null=True, blank=True, **DINERO)
    tipo_tarjeta = models.CharField(
        "tipo de tarjeta",
        max_length=8,
        choices=TipoTarjeta.choices,
        blank=True,
        default="",
        db_default="",
    )
    tarjeta_ultimos = models.CharField(
        "últimos 4 dígitos de la tarjeta", max_length=4, blank=True, default="", db_default=""
    )
    autorizacion = models.CharField(
        "número de autorización", max_length=20, blank=True, default="", db_default=""
    )
    banco = models.CharField("banco", max_length=60, blank=True, default="", db_default="")
    numero_cheque = models.CharField(
        "número de cheque", max_length=20, blank=True, default="", db_default=""
    )
    corte = models.ForeignKey(
        "cobranza.CorteCaja",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pagos",
        db_index=False,  # Meta.indexes: where set
        help_text="El corte de caja del cajero que lo cobró.",
    )
    estado = models.CharField(
        "estado", max_length=10, choices=Estado.choices, default=Estado.APLICADO
    )
    # Unique per user (constraints below): a key is the sender's, not everyone's.
    clave_idempotencia = models.CharField(max_length=80, null=True, blank=True, editable=False)
    registrado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # the unique (registrado_por, clave_idempotencia) where set
    )
    corrida = models.ForeignKey(
        "cobranza.CorridaFacturacion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pagos",
        db_index=False,  # Meta.indexes: where set
        help_text="La carga inicial de pagos históricos que lo escribió.",
    )
    registrado = models.DateTimeField(auto_now_add=True)
    history = historial_de_alto_volumen("cuenta", "folio", "corte", "registrado_por", "corrida")

    class Meta:
        ordering = ["fecha", "id"]
        indexes = [
            models.Index(fields=["cuenta", "fecha"], name="pago_cuenta_fecha"),
            models.Index(fields=["fecha"], name="pago_fecha"),
            *indices_donde_hay(["corte", "corrida"], "pago"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(monto__gt=0), name="pago_monto_positivo"),
            models.CheckConstraint(
                condition=Q(remanente__gte=0) & Q(remanente__lte=F("monto")),
                name="pago_remanente_en_rango",
            ),
            # Cash: what was handed over covers the amount, and the change is the rest.
            models.CheckConstraint(
                condition=Q(efectivo_recibido__isnull=True)
                | (
                    Q(forma_pago="efectivo")
                    & Q(efectivo_recibido__gte=F("monto"))
                    & Q(cambio=F("efectivo_recibido") - F("monto"))
                ),
                name="pago_cambio_exacto",
            ),
            # A bank file's reference can only be paid once per channel.
            models.UniqueConstraint(
                fields=["canal", "referencia"],
                condition=~Q(referencia=""),
                name="pago_referencia_unica_por_canal",
            ),
            # An Idempotency-Key is unique per user that sent it; keys of payments with no
            # user (bank files, the system) share one space.
            models.UniqueConstraint(
                fields=["registrado_por", "clave_idempotencia"],
                condition=Q(registrado_por__isnull=False),
                name="pago_clave_unica_por_usuario",
            ),
            models.UniqueConstraint(
                fields=["clave_idempotencia"],
                condition=Q(registrado_por__isnull=True),
                name="pago_clave_unica_sin_usuario",
            ),
        ]

    def __str__(self):
        return self.folio or f"Pago {self.pk}"


class ReversionPago(models.Model):
    """A pago undone: its own ledger entry, with reason and author."""

    pago = models.OneToOneField(Pago, on_delete=models.PROTECT, related_name="reversion")
    fecha = models.DateField("fecha de la reversión")
    motivo = models.CharField("motivo", max_length=250)
    autorizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registrado = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "reversión de pago"
        verbose_name_plural = "reversiones de pago"
        # The supervisor's list of reversals and ajustes is by date range.
        indexes = [models.Index(fields=["fecha"], name="reversion_fecha")]

    def __str__(self):
        return f"Reversión de {self.pago}"


class Aplicacion(models.Model):
    """What a pago paid: an amount of it applied to one cargo on a date.

    Rows are only ever added; a reversion adds the same rows with negative amounts.
    """

    pago = models.ForeignKey(Pago, on_delete=models.PROTECT, related_name="aplicaciones")
    cargo = models.ForeignKey(Cargo, on_delete=models.PROTECT, related_name="aplicaciones")
    monto = models.DecimalField("monto aplicado", **DINERO)
    fecha = models.DateField("fecha de aplicación")
    reversion = models.ForeignKey(
        ReversionPago,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="aplicaciones",
        db_index=False,  # Meta.indexes: where set
    )

    class Meta:
        verbose_name = "aplicación de pago"
        verbose_name_plural = "aplicaciones de pago"
        indexes = [
            models.Index(fields=["fecha"], name="aplicacion_fecha"),
            *indices_donde_hay(["reversion"], "aplicacion"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(monto=0), name="aplicacion_monto_no_cero")
        ]

    def __str__(self):
        return f"{self.monto} de {self.pago} a {self.cargo_id}"


class Ajuste(models.Model):
    """Bonificación, condonación or cancelación of (part of) a cargo."""

    class Tipo(models.TextChoices):
        BONIFICACION = "bonificacion", "Bonificación"
        CONDONACION = "condonacion", "Condonación"
        CANCELACION = "cancelacion", "Cancelación"
        CARGA_INICIAL = "carga_inicial", "Pagado antes de la carga inicial"

    cargo = models.ForeignKey(Cargo, on_delete=models.PROTECT, related_name="ajustes")
    tipo = models.CharField("tipo", max_length=15, choices=Tipo.choices)
    monto = models.DecimalField("monto", **DINERO)
    fecha = models.DateField("fecha")
    motivo = models.CharField("motivo", max_length=250)
    autorizado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    descuento_social = models.ForeignKey(
        "cobranza.DescuentoSocial",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bonificaciones",
    )
    corrida = models.ForeignKey(
        "cobranza.CorridaFacturacion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ajustes",
        help_text="La corrida que lo escribió (descuentos al publicar, cancelación, carga inicial).",
    )
    registrado = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["fecha", "id"]
        indexes = [models.Index(fields=["fecha"], name="ajuste_fecha")]
        constraints = [
            models.CheckConstraint(condition=Q(monto__gt=0), name="ajuste_monto_positivo")
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} {self.monto}"


class SaldoCuenta(models.Model):
    """One row per cuenta, kept in step with the ledger in the same transaction.

    Lists and reports read this row instead of re-adding the ledger. The
    date-dependent columns (vencido, meses, antigüedad) refer to
    `calculado_al`, the day the row was last written; the nightly conciliation rewrites
    only the rows whose values change with the new day.
    `meses_vencidos` counts the billed periods with past-due principal unpaid.
    """

    class Antiguedad(models.TextChoices):
        AL_CORRIENTE = "", "Al corriente"
        D1_30 = "1-30", "1 a 30 días"
        D31_60 = "31-60", "31 a 60 días"
        D61_90 = "61-90", "61 a 90 días"
        D91_180 = "91-180", "91 a 180 días"
        D181_365 = "181-365", "181 a 365 días"
        MAS_365 = ">365", "Más de 365 días"

    cuenta = models.OneToOneField(
        Cuenta, on_delete=models.CASCADE, primary_key=True, related_name="saldo"
    )
    saldo = models.DecimalField("saldo", default=0, **DINERO)
    saldo_vencido = models.DecimalField("saldo vencido", default=0, **DINERO)
    saldo_a_favor = models.DecimalField("saldo a favor", default=0, **DINERO)
    vencimiento_mas_antiguo = models.DateField(
        "vencimiento impago más antiguo", null=True, blank=True
    )
    meses_vencidos = models.PositiveSmallIntegerField("meses vencidos", default=0)
    antiguedad = models.CharField(
        "antigüedad", max_length=8, choices=Antiguedad.choices, blank=True, default=""
    )
    ultimo_pago_fecha = models.DateField("último pago", null=True, blank=True)
    ultimo_pago_monto = models.DecimalField(
        "monto del último pago", null=True, blank=True, **DINERO
    )
    calculado_al = models.DateField("calculado al", null=True, blank=True)

    class Meta:
        verbose_name = "saldo de cuenta"
        verbose_name_plural = "saldos de cuenta"
        indexes = [
            models.Index(fields=["saldo_vencido"], name="saldo_vencido_idx"),
            models.Index(fields=["meses_vencidos"], name="saldo_meses_idx"),
        ]

    def __str__(self):
        return f"Saldo {self.cuenta_id}: {self.saldo}"

    @property
    def dias_vencido(self):
        if not (self.vencimiento_mas_antiguo and self.calculado_al):
            return 0
        return (self.calculado_al - self.vencimiento_mas_antiguo).days


class CorridaRecargos(models.Model):
    """One row per cartera and month charged: the monthly task's idempotency key."""

    cartera = models.ForeignKey("padron.Cartera", on_delete=models.PROTECT, related_name="+")
    periodo = models.DateField("periodo")
    ejecutada = models.DateTimeField(auto_now_add=True)
    cuentas = models.PositiveIntegerField("cuentas con recargo", default=0)
    total = models.DecimalField("total cargado", default=0, **DINERO)

    class Meta:
        verbose_name = "corrida de recargos"
        verbose_name_plural = "corridas de recargos"
        constraints = [
            models.UniqueConstraint(
                fields=["cartera", "periodo"], name="recargos_una_corrida_por_mes"
            )
        ]

    def __str__(self):
        return f"Recargos {self.cartera} {self.periodo:%Y-%m}"
