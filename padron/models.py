"""The padrón: carteras and their rules, titulares, cuentas.

Every model here keeps its history (who, when, what and, from the UI, why).
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from padron.fechas import FECHA_MINIMA_HISTORICA
from padron.texto import normalizar
from padron.validadores import validar_curp, validar_rfc

DINERO = {"max_digits": 14, "decimal_places": 2}
PORCENTAJE = {"max_digits": 7, "decimal_places": 4}


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of the padrón, granted to roles in padron/roles.py.

    A model without a table: it only carries the permissions.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("ver_padron", "Consultar titulares, cuentas y estados de cuenta"),
            ("ver_todas_las_cuentas", "Ver todas las cuentas, no solo las asignadas"),
            ("editar_padron", "Modificar titulares y cuentas"),
            ("importar_padron", "Importar el padrón desde archivo"),
            ("depurar_padron", "Depurar el padrón (duplicados, cuentas sin movimiento)"),
            ("editar_carteras", "Editar carteras y sus reglas"),
            ("ver_cartera_credito", "Ver las cuentas de las carteras de crédito educativo"),
            ("gestionar_beneficiarios", "Registrar estatus académico, ministraciones y trámites"),
            ("autorizar_tramite", "Autorizar trámites del crédito (supervisión)"),
            ("autorizar_tramite_mayor", "Autorizar trámites del crédito (gerencia)"),
        ]


class GrupoPrelacion(models.TextChoices):
    """The groups a payment is applied to, in an order each cartera chooses."""

    GASTOS = "gastos_ejecucion", "Gastos de ejecución"
    RECARGOS = "recargos", "Recargos"
    MULTAS = "multas_extraordinarios", "Multas y cargos extraordinarios"
    PRINCIPAL = "principal", "Principal (más antiguo primero)"


PRELACION_POR_OMISION = [g.value for g in GrupoPrelacion]


def prelacion_por_omision():
    return list(PRELACION_POR_OMISION)


class Cartera(models.Model):
    class Tipo(models.TextChoices):
        AGUA = "agua", "Servicio de agua"
        CREDITO = "credito", "Crédito educativo"

    clave = models.SlugField("clave", max_length=30, unique=True)
    nombre = models.CharField("nombre", max_length=120)
    tipo = models.CharField("tipo", max_length=10, choices=Tipo.choices)
    institucion = models.CharField("institución", max_length=200, blank=True)
    prelacion = models.JSONField(
        "orden de prelación",
        default=prelacion_por_omision,
        help_text="Grupos en el orden en que se aplican los pagos.",
    )
    tasa_recargo_mensual = models.DecimalField(
        "tasa de recargo mensual (%)",
        default=Decimal("1.47"),
        validators=[MinValueValidator(0)],
        **PORCENTAJE,
    )
    tope_recargos = models.DecimalField(
        "tope de recargos (% del adeudo principal vencido)",
        default=Decimal("100"),
        validators=[MinValueValidator(0)],
        **PORCENTAJE,
    )
    dias_gracia_recargo = models.PositiveSmallIntegerField(
        "días de gracia para recargos", default=0
    )
    umbral_morosos_meses = models.PositiveSmallIntegerField(
        "meses vencidos para lista de morosos", default=3
    )
    umbral_morosos_monto = models.DecimalField(
        "saldo vencido mínimo para lista de morosos", default=Decimal("500.00"), **DINERO
    )
    umbral_corte_meses = models.PositiveSmallIntegerField("meses vencidos para corte", default=2)
    tarifa_reconexion = models.DecimalField(
        "cargo por reconexión", default=Decimal("0.00"), max_digits=14, decimal_places=2
    )
    domesticos_solo_reduccion = models.BooleanField(
        "a usuarios domésticos solo se les reduce el suministro",
        default=True,
        help_text="Si no, también se les suspende.",
    )
    protege_condicion_especial = models.BooleanField(
        "protege a titulares con condición especial",
        default=False,
        help_text="Quedan fuera de las listas de morosos y de corte mientras su condición esté vigente.",
    )
    factor_consumo_atipico = models.DecimalField(
        "consumo atípico: veces el promedio de 6 meses",
        default=Decimal("3"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("1"))],
        help_text="En una corrida de facturación se señala el consumo mayor a este múltiplo "
        "del promedio de los últimos 6 meses de la cuenta.",
    )
    # educational credit
    interes_antes_que_capital = models.BooleanField(
        "los pagos cubren el interés antes que el capital del mismo vencimiento",
        default=False,
        help_text="Crédito educativo: las cantidades pagadas a cuenta de deudas con intereses "
        "no se imputan al capital mientras haya intereses vencidos (Código Civil Federal "
        "art. 2094, supletorio del Código de Comercio por su art. 2).",
    )
    meses_gracia_egreso = models.PositiveSmallIntegerField(
        "meses de gracia tras el egreso", default=6
    )
    dia_vencimiento_credito = models.PositiveSmallIntegerField(
        "día del mes en que vence la mensualidad", default=10
    )

    class MetodoAmortizacion(models.TextChoices):
        FRANCES = "frances", "Pago fijo (francés)"
        CAPITAL_CONSTANTE = "capital_constante", "Capital constante"

    metodo_amortizacion = models.CharField(
        "tabla de amortización",
        max_length=20,
        choices=MetodoAmortizacion.choices,
        default=MetodoAmortizacion.FRANCES,
    )
    # The date policy (padron/fechas.py): payments and historic data older than this are a
    # typo or a legacy placeholder, never real.
    fecha_minima_historica = models.DateField(
        "fecha mínima de datos históricos",
        default=FECHA_MINIMA_HISTORICA,
        help_text="No se aceptan pagos ni datos históricos con fecha anterior.",
    )
    # The letterhead of every printed document and the paper of the receipt.
    logo = models.FileField(
        "logotipo", upload_to="carteras/logos/", blank=True, help_text="PNG, JPG o SVG."
    )
    domicilio_institucion = models.CharField(
        "domicilio de la institución", max_length=250, blank=True
    )
    rfc_institucion = models.CharField("RFC de la institución", max_length=13, blank=True)
    telefono_institucion = models.CharField("teléfono de la institución", max_length=40, blank=True)
    lugar_expedicion = models.CharField(
        "lugar de expedición",
        max_length=120,
        default="Hermosillo, Sonora",
        help_text="Ciudad y estado donde se firman convenios y pagarés.",
    )

    class FormatoRecibo(models.TextChoices):
        MEDIA_CARTA = "media_carta", "Media carta"
        TICKET_80MM = "ticket_80mm", "Ticket de 80 mm"

    formato_recibo = models.CharField(
        "papel del recibo",
        max_length=12,
        choices=FormatoRecibo.choices,
        default=FormatoRecibo.MEDIA_CARTA,
    )
    activa = models.BooleanField("activa", default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["nombre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(tasa_recargo_mensual__gte=0), name="cartera_tasa_no_negativa"
            ),
            models.CheckConstraint(
                condition=models.Q(tope_recargos__gte=0), name="cartera_tope_no_negativo"
            ),
        ]

    def __str__(self):
        return self.nombre

    @property
    def prelacion_etiquetas(self):
        etiquetas = dict(GrupoPrelacion.choices)
        return [etiquetas.get(grupo, grupo) for grupo in self.prelacion or []]

    def clean(self):
        from django.core.exceptions import ValidationError

        if sorted(self.prelacion or []) != sorted(PRELACION_POR_OMISION):
            raise ValidationError(
                {
                    "prelacion": "La prelación debe incluir cada grupo exactamente una vez: "
                    + ", ".join(PRELACION_POR_OMISION)
                    + "."
                }
            )


class Titular(models.Model):
    class TipoPersona(models.TextChoices):
        FISICA = "fisica", "Persona física"
        MORAL = "moral", "Persona moral"

    tipo_persona = models.CharField(
        "tipo de persona", max_length=6, choices=TipoPersona.choices, default=TipoPersona.FISICA
    )
    nombre = models.CharField("nombre o razón social", max_length=200)
    apellido_paterno = models.CharField("apellido paterno", max_length=100, blank=True)
    apellido_materno = models.CharField("apellido materno", max_length=100, blank=True)
    curp = models.CharField(
        "CURP", max_length=18, blank=True, validators=[validar_curp], db_index=True
    )
    rfc = models.CharField(
        "RFC", max_length=13, blank=True, validators=[validar_rfc], db_index=True
    )
    telefono = models.CharField("teléfono", max_length=20, blank=True)
    telefono_alterno = models.CharField("teléfono alterno", max_length=20, blank=True)
    email = models.EmailField("correo electrónico", blank=True)
    domicilio = models.CharField("domicilio para notificar", max_length=250, blank=True)
    colonia = models.CharField("colonia", max_length=120, blank=True)
    municipio = models.CharField("municipio", max_length=120, blank=True)
    codigo_postal = models.CharField("código postal", max_length=5, blank=True)
    nombre_normalizado = models.CharField(max_length=400, editable=False, db_index=True)
    # The depuración groups titulares by normalised name + domicilio in SQL.
    domicilio_normalizado = models.CharField(max_length=250, editable=False, default="")
    creado = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["domicilio_normalizado"])

    class Meta:
        ordering = ["apellido_paterno", "apellido_materno", "nombre"]
        verbose_name_plural = "titulares"
        indexes = [
            models.Index(
                fields=["nombre_normalizado", "domicilio_normalizado"],
                name="titular_nombre_domicilio",
            )
        ]

    def __str__(self):
        return self.nombre_completo

    def save(self, *args, **kwargs):
        self.completar_derivados()
        super().save(*args, **kwargs)

    def completar_derivados(self):
        """The upper-case keys and normalised texts; bulk writes call it themselves."""
        self.curp = self.curp.strip().upper()
        self.rfc = self.rfc.strip().upper()
        self.nombre_normalizado = normalizar(self.nombre_completo)
        self.domicilio_normalizado = normalizar(self.domicilio)[:250]

    @property
    def nombre_completo(self):
        return " ".join(p for p in (self.nombre, self.apellido_paterno, self.apellido_materno) if p)


class CondicionEspecial(models.Model):
    """Adulto mayor, discapacidad, pensionado o jubilado, with evidence and validity."""

    class Tipo(models.TextChoices):
        ADULTO_MAYOR = "adulto_mayor", "Adulto mayor"
        DISCAPACIDAD = "discapacidad", "Discapacidad"
        PENSIONADO = "pensionado", "Pensionado"
        JUBILADO = "jubilado", "Jubilado"
        SIN_CAPACIDAD_PAGO = "sin_capacidad_pago", "Registrado sin capacidad de pago"

    titular = models.ForeignKey(Titular, on_delete=models.PROTECT, related_name="condiciones")
    tipo = models.CharField("condición", max_length=20, choices=Tipo.choices)
    evidencia = models.FileField("evidencia", upload_to="condiciones/", blank=True)
    descripcion_evidencia = models.CharField("documento presentado", max_length=200, blank=True)
    vigente_desde = models.DateField("vigente desde")
    vigente_hasta = models.DateField("vigente hasta", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "condición especial"
        verbose_name_plural = "condiciones especiales"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(vigente_hasta__isnull=True)
                | models.Q(vigente_hasta__gte=models.F("vigente_desde")),
                name="condicion_vigencia_ordenada",
            )
        ]

    def __str__(self):
        return f"{self.get_tipo_display()} ({self.titular})"

    def vigente_en(self, fecha):
        return self.vigente_desde <= fecha and (
            self.vigente_hasta is None or fecha <= self.vigente_hasta
        )


class Cuenta(models.Model):
    class Estado(models.TextChoices):
        ACTIVA = "activa", "Activa"
        CORTADA = "cortada", "Cortada"
        RESTRINGIDA = "restringida", "Restringida"
        BAJA = "baja", "Baja"

    class Clasificacion(models.TextChoices):
        DOMESTICA = "domestica", "Doméstica"
        COMERCIAL = "comercial", "Comercial"
        INDUSTRIAL = "industrial", "Industrial"
        PUBLICA = "publica", "Pública"

    numero = models.CharField("número de cuenta", max_length=30, unique=True)
    titular = models.ForeignKey(Titular, on_delete=models.PROTECT, related_name="cuentas")
    cartera = models.ForeignKey(Cartera, on_delete=models.PROTECT, related_name="cuentas")
    estado = models.CharField(
        "estado", max_length=12, choices=Estado.choices, default=Estado.ACTIVA
    )
    fecha_alta = models.DateField("fecha de alta", null=True, blank=True)

    # Water: the predio and its services.
    clave_catastral = models.CharField("clave catastral", max_length=40, blank=True, db_index=True)
    clasificacion = models.CharField(
        "clasificación del predio", max_length=12, choices=Clasificacion.choices, blank=True
    )
    sector = models.CharField("sector", max_length=20, blank=True)
    ruta = models.CharField("ruta", max_length=20, blank=True)
    manzana = models.CharField("manzana", max_length=20, blank=True)
    domicilio = models.CharField("domicilio del predio", max_length=250, blank=True)
    colonia = models.CharField("colonia", max_length=120, blank=True)
    municipio = models.CharField("municipio", max_length=120, blank=True)
    servicio_agua = models.BooleanField("agua", default=False)
    servicio_drenaje = models.BooleanField("drenaje", default=False)
    servicio_saneamiento = models.BooleanField("saneamiento", default=False)
    medidor = models.CharField("número de medidor", max_length=30, blank=True)
    gran_consumidor = models.CharField("categoría de gran consumidor", max_length=20, blank=True)

    # Educational credit: the pagaré and its terms.
    pagare_folio = models.CharField("folio del pagaré", max_length=30, blank=True)
    programa = models.CharField("programa", max_length=120, blank=True)
    institucion_educativa = models.CharField("institución educativa", max_length=200, blank=True)
    monto_otorgado = models.DecimalField("monto otorgado", null=True, blank=True, **DINERO)
    fecha_otorgamiento = models.DateField("fecha de otorgamiento", null=True, blank=True)
    plazo_meses = models.PositiveSmallIntegerField("plazo (meses)", null=True, blank=True)
    tasa_interes_anual = models.DecimalField(
        "tasa de interés anual (%)", null=True, blank=True, **PORCENTAJE
    )
    inicio_recuperacion = models.DateField("inicio de la recuperación", null=True, blank=True)
    aval_nombre = models.CharField("aval", max_length=200, blank=True)
    aval_telefono = models.CharField("teléfono del aval", max_length=20, blank=True)
    aval_domicilio = models.CharField("domicilio del aval", max_length=250, blank=True)

    # One normalised text (número, titular, CURP/RFC, clave, domicilio) behind a
    # trigram index: the front-desk search reads one indexed column.
    busqueda = models.TextField(editable=False, default="")
    history = HistoricalRecords(excluded_fields=["busqueda"])

    class Meta:
        ordering = ["numero"]
        indexes = [
            models.Index(fields=["cartera", "sector", "ruta"], name="cuenta_cartera_sector_ruta"),
        ]

    def __str__(self):
        return self.numero

    def save(self, *args, **kwargs):
        self.busqueda = self.texto_busqueda()
        super().save(*args, **kwargs)

    @property
    def es_agua(self):
        return self.cartera.tipo == Cartera.Tipo.AGUA

    @property
    def servicios(self):
        nombres = (
            ("agua", self.servicio_agua),
            ("drenaje", self.servicio_drenaje),
            ("saneamiento", self.servicio_saneamiento),
        )
        return [nombre for nombre, tiene in nombres if tiene]

    def texto_busqueda(self, titular=None):
        titular = titular or self.titular
        partes = (
            self.numero,
            titular.nombre_completo,
            titular.curp,
            titular.rfc,
            self.clave_catastral,
            self.domicilio,
            self.colonia,
            self.pagare_folio,
        )
        return normalizar(" ".join(p for p in partes if p))


class Folio(models.Model):
    """The last number issued in each series of folios (recibos, listas, constancias...)."""

    serie = models.CharField("serie", max_length=20, primary_key=True)
    ultimo = models.PositiveIntegerField("último número emitido", default=0)

    def __str__(self):
        return f"{self.serie}-{self.ultimo}"


# The imports' jobs live with the import code; the app's models gather them here.
from padron.beneficiarios.models import (  # noqa: E402, F401
    CreditoEducativo,
    EstatusAcademico,
    InstitucionEducativa,
    Ministracion,
    NivelTramite,
    Programa,
    Tramite,
)
from padron.importacion.models import Importacion  # noqa: E402, F401
