"""Reads for the supervisor's ledger work: ajustes and reversals, the cuentas one may touch."""

from datetime import timedelta

from django.db.models import CharField, DecimalField, F, IntegerField, Value
from django.db.models.functions import Coalesce

from cobranza.models import Ajuste, Cargo, Pago, ReversionPago
from padron.fechas import hoy
from padron.models import Cuenta
from padron.permisos import puede_ver_todas_las_cuentas

ETIQUETAS = {**dict(Ajuste.Tipo.choices), "reversion": "Reversión de pago"}


def cuentas_permitidas(usuario):
    """The cuentas `usuario` may see: cobranza.selectors.cuentas_visibles, the one rule."""
    try:
        from cobranza.selectors import cuentas_visibles
    except ImportError:  # the front desk's selector; same rule until it lands
        if puede_ver_todas_las_cuentas(usuario):
            return Cuenta.objects.all()
        return Cuenta.objects.none()
    return cuentas_visibles(usuario)


def pago_para_revertir(*, usuario, folio):
    return (
        Pago.objects.select_related("cuenta", "cuenta__titular", "registrado_por")
        .prefetch_related("aplicaciones__cargo")
        .filter(cuenta__in=cuentas_permitidas(usuario))
        .get(folio=folio)
    )


def cargo_para_ajustar(*, usuario, pk):
    return (
        Cargo.objects.select_related("cuenta", "cuenta__titular")
        .prefetch_related("ajustes__autorizado_por")
        .filter(cuenta__in=cuentas_permitidas(usuario))
        .get(pk=pk)
    )


def rango_de_fechas(desde=None, hasta=None):
    """The list's dates; by default the last 30 days up to today."""
    hasta = hasta or hoy()
    return desde or hasta - timedelta(days=30), hasta


def movimientos_autorizados(*, usuario, desde, hasta):
    """Ajustes and payment reversals dated in [desde, hasta], newest first, as dicts:
    fecha, clase ('ajuste'/'reversion'), tipo, monto, motivo, cuenta, concepto, cargo_id,
    folio, usuario, nombre, apellido, registrado. One query per page (a UNION)."""
    cuentas = cuentas_permitidas(usuario)
    texto = CharField()
    columnas = (
        "fecha",
        "clase",
        "tipo_movimiento",
        "importe",
        "motivo",
        "cuenta_numero",
        "concepto",
        "cargo_num",
        "folio",
        "usuario",
        "nombre",
        "apellido",
        "registrado",
    )
    ajustes = (
        Ajuste.objects.filter(fecha__range=(desde, hasta), cargo__cuenta__in=cuentas)
        .annotate(
            clase=Value("ajuste", output_field=texto),
            tipo_movimiento=F("tipo"),
            importe=F("monto"),
            cuenta_numero=F("cargo__cuenta__numero"),
            concepto=F("cargo__concepto"),
            cargo_num=F("cargo_id"),
            folio=Value("", output_field=texto),
            usuario=F("autorizado_por__username"),
            nombre=F("autorizado_por__first_name"),
            apellido=F("autorizado_por__last_name"),
        )
        .values_list(*columnas, named=True)
        .order_by()
    )
    reversiones = (
        ReversionPago.objects.filter(fecha__range=(desde, hasta), pago__cuenta__in=cuentas)
        .annotate(
            clase=Value("reversion", output_field=texto),
            tipo_movimiento=Value("reversion", output_field=texto),
            importe=Coalesce(F("pago__monto"), Value(0), output_field=DecimalField()),
            cuenta_numero=F("pago__cuenta__numero"),
            concepto=Value("", output_field=texto),
            cargo_num=Value(None, output_field=IntegerField()),
            folio=F("pago__folio"),
            usuario=F("autorizado_por__username"),
            nombre=F("autorizado_por__first_name"),
            apellido=F("autorizado_por__last_name"),
        )
        .values_list(*columnas, named=True)
        .order_by()
    )
    return ajustes.union(reversiones, all=True).order_by("-fecha", "-registrado")
