"""Reads of assigned cartera: the gestor's work list, coverage per assignee, the preview of a
bulk assignment and one cuenta's history. Every figure is computed in SQL."""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Round
from django.utils import timezone

from cobranza.asignacion.services import PERMISOS_DE_ASIGNADO, cuentas_por_criterios
from cobranza.models import Asignacion, Gestion, PromesaPago
from padron.models import Cuenta

CERO = Decimal("0.00")
DINERO = DecimalField(max_digits=14, decimal_places=2)
PORCENTAJE = DecimalField(max_digits=7, decimal_places=1)
PUNTAJE_DECIMAL = DecimalField(max_digits=20, decimal_places=2)


def _abiertas():
    return Asignacion.objects.filter(hasta__isnull=True)


def usuarios_asignables():
    """Active users who may receive cuentas (a gestor or a lawyer), for the selects."""
    filtro = Q()
    for permiso in PERMISOS_DE_ASIGNADO:
        app, codigo = permiso.split(".")
        filtro |= Q(
            groups__permissions__codename=codigo,
            groups__permissions__content_type__app_label=app,
        )
        filtro |= Q(
            user_permissions__codename=codigo, user_permissions__content_type__app_label=app
        )
    ids = get_user_model().objects.filter(filtro, is_active=True).values("pk")
    return get_user_model().objects.filter(pk__in=ids).order_by("username")


def resumen_por_criterios(criterios):
    """The preview of a bulk assignment: how many cuentas match, their total saldo vencido and
    how many already have someone (skipped unless «reasignar»). One aggregate query."""
    cuentas = cuentas_por_criterios(criterios)
    resumen = cuentas.aggregate(
        cuentas=Count("pk"),
        saldo_vencido=Coalesce(Sum("saldo__saldo_vencido"), Value(CERO), output_field=DINERO),
        asignadas=Count("pk", filter=Exists(_abiertas().filter(cuenta=OuterRef("pk")))),
    )
    return resumen


def muestra_por_criterios(criterios, limite=20):
    """A few of the matched cuentas, biggest saldo vencido first, with their current assignee."""
    asignado = _abiertas().filter(cuenta=OuterRef("pk")).values("asignado_a__username")[:1]
    return (
        cuentas_por_criterios(criterios)
        .select_related("titular", "saldo")
        .annotate(asignado=Subquery(asignado))
        .order_by(F("saldo__saldo_vencido").desc(nulls_last=True), "numero")[:limite]
    )


# --- the work list --------------------------------------------------------------------------

# Priority of an account in the work list, highest first:
#   1. a broken promise: the account's latest PromesaPago is incumplida (an incumplida with a
#      newer vigente or cumplida one is not broken any more);
#   2. puntaje = saldo_vencido × (12 + meses_vencidos) / 12
#      the debt past due, weighted by its age: each year overdue counts the debt once more,
#      so $10,000 at 12 months (20,000) comes before $12,000 at 2 months (14,000);
#   3. the oldest unpaid due date, then the número (a stable order for pagination).
PUNTAJE = (
    "primero las cuentas cuya última promesa de pago quedó incumplida; después, de mayor a "
    "menor saldo vencido × (12 + meses vencidos) ÷ 12: la deuda pesa más cuanto más antigua"
)


def lista_de_trabajo(usuario):
    """The cuentas assigned to `usuario` (open rows), in priority order, with saldo, meses
    vencidos, último contacto (latest gestión) and the priority's figures. One query."""
    ultima_promesa = PromesaPago.objects.filter(cuenta=OuterRef("pk")).order_by(
        "-prometida_el", "-pk"
    )
    ultimo_contacto = (
        Gestion.objects.filter(cuenta=OuterRef("pk"))
        .order_by()
        .values("cuenta")
        .annotate(ultima=Max("fecha"))
        .values("ultima")
    )
    desde = _abiertas().filter(cuenta=OuterRef("pk"), asignado_a=usuario.pk).values("desde")[:1]
    vencido = Coalesce(F("saldo__saldo_vencido"), Value(CERO), output_field=DINERO)
    meses = Coalesce(F("saldo__meses_vencidos"), Value(0))
    return (
        Cuenta.objects.filter(
            Exists(_abiertas().filter(cuenta=OuterRef("pk"), asignado_a=usuario.pk))
        )
        .select_related("titular", "cartera", "saldo")
        .annotate(
            asignada_desde=Subquery(desde),
            estado_ultima_promesa=Subquery(ultima_promesa.values("estado")[:1]),
            fecha_ultima_promesa=Subquery(ultima_promesa.values("fecha_compromiso")[:1]),
            ultimo_contacto=Subquery(ultimo_contacto),
            deuda_vencida=vencido,
            meses=meses,
        )
        .annotate(
            promesa_rota=Case(
                When(estado_ultima_promesa=PromesaPago.Estado.INCUMPLIDA, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            # Divided by a float: SQLite keeps whole pesos as integers and would truncate;
            # the cast back to numeric and Round give the same figure on both databases.
            puntaje=Round(
                Cast(
                    ExpressionWrapper(
                        F("deuda_vencida") * (Value(12) + F("meses")) / Value(12.0),
                        output_field=FloatField(),
                    ),
                    PUNTAJE_DECIMAL,
                ),
                2,
                output_field=PUNTAJE_DECIMAL,
            ),
        )
        .order_by(
            "-promesa_rota",
            F("puntaje").desc(),
            F("saldo__vencimiento_mas_antiguo").asc(nulls_last=True),
            "numero",
        )
    )


# --- coverage -------------------------------------------------------------------------------


def _limites(desde, hasta):
    """[desde 00:00, hasta+1 00:00) in the institutions' time zone."""
    zona = timezone.get_current_timezone()
    inicio = timezone.make_aware(datetime.combine(desde, time.min), zona)
    fin = timezone.make_aware(datetime.combine(hasta + timedelta(days=1), time.min), zona)
    return inicio, fin


def cobertura(*, desde, hasta, cartera=None):
    """Per assignee: cuentas assigned at any moment of [desde, hasta], those among them with at
    least one gestión by that assignee in the period, and the share (%). One GROUP BY query."""
    inicio, fin = _limites(desde, hasta)
    vigentes = Asignacion.objects.filter(
        Q(hasta__isnull=True) | Q(hasta__gte=inicio), desde__lt=fin
    )
    if cartera is not None:
        vigentes = vigentes.filter(cuenta__cartera=cartera)
    gestionada = Exists(
        Gestion.objects.filter(
            cuenta=OuterRef("cuenta"),
            usuario=OuterRef("asignado_a"),
            fecha__gte=inicio,
            fecha__lt=fin,
        )
    )
    return (
        vigentes.order_by()
        .values(
            "asignado_a",
            "asignado_a__username",
            "asignado_a__first_name",
            "asignado_a__last_name",
        )
        .annotate(
            asignadas=Count("cuenta", distinct=True),
            gestionadas=Count("cuenta", distinct=True, filter=gestionada),
        )
        .annotate(
            # Float, then numeric rounded to one decimal: portable (SQLite has no numeric
            # division and PostgreSQL no round() of a float).
            porcentaje=Round(
                Cast(Cast("gestionadas", FloatField()) * Value(100.0) / F("asignadas"), PORCENTAJE),
                1,
                output_field=PORCENTAJE,
            )
        )
        .order_by("asignado_a__username")
    )


# --- one cuenta -----------------------------------------------------------------------------


def historial_de_asignacion(cuenta):
    """Every assignment of the cuenta, the open one first, then the newest."""
    return (
        Asignacion.objects.filter(cuenta=cuenta)
        .select_related("asignado_a", "asignado_por")
        .order_by(F("hasta").desc(nulls_first=True), "-desde", "-pk")
    )
