"""Reads of the front desk: which cuentas a user sees, search, estado de cuenta."""

from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from padron.models import Cuenta
from padron.permisos import puede_ver_todas_las_cuentas
from padron.texto import normalizar

from .models import Ajuste, Aplicacion, Cargo, Pago
from .services.saldos import CUBETAS

CERO = Decimal("0.00")
_DINERO = DecimalField(max_digits=14, decimal_places=2)


def cuentas_visibles(usuario):
    """Every cuenta for staff with ver_todas_las_cuentas; none otherwise (assignment comes later)."""
    cuentas = Cuenta.objects.select_related("titular", "cartera", "saldo")
    if puede_ver_todas_las_cuentas(usuario):
        return cuentas
    return cuentas.none()


def cuentas_buscar(*, usuario, texto, limite=50):
    """By número, name fragment, CURP/RFC, clave catastral or domicilio, accent-insensitive.

    Every word must appear in the normalised `busqueda` column (trigram index on PostgreSQL).
    """
    palabras = normalizar(texto).split()
    if not palabras:
        return cuentas_visibles(usuario).none()
    filtro = Q()
    for palabra in palabras:
        filtro &= Q(busqueda__contains=palabra)
    exacta = texto.strip()
    return cuentas_visibles(usuario).filter(filtro | Q(numero=exacta)).order_by("numero")[:limite]


def _sumado(modelo, al):
    return Coalesce(
        Subquery(
            modelo.objects.filter(cargo=OuterRef("pk"), fecha__lte=al)
            .values("cargo")
            .annotate(t=Sum("monto"))
            .values("t"),
            output_field=_DINERO,
        ),
        Value(CERO),
        output_field=_DINERO,
    )


def cubeta(dias):
    for clave, desde, hasta in CUBETAS:
        if desde <= dias <= hasta:
            return clave
    return ">365" if dias > 365 else ""


def estado_de_cuenta(*, cuenta, al):
    """The cuenta's ledger as of `al`: each cargo's saldo rebuilt from rows dated up to that day."""
    cargos = list(
        Cargo.objects.filter(cuenta=cuenta, fecha_emision__lte=al)
        .annotate(pagado_al=_sumado(Aplicacion, al), ajustado_al=_sumado(Ajuste, al))
        .prefetch_related(Prefetch("ajustes", queryset=Ajuste.objects.filter(fecha__lte=al)))
        .order_by("fecha_vencimiento", "id")
    )
    pagos = list(
        Pago.objects.filter(cuenta=cuenta, fecha__lte=al)
        .select_related("registrado_por")
        .prefetch_related(
            Prefetch(
                "aplicaciones",
                queryset=Aplicacion.objects.filter(fecha__lte=al).select_related("cargo"),
            )
        )
        .order_by("fecha", "id")
    )
    saldo = vencido = CERO
    por_concepto, por_antiguedad = {}, {}
    for cargo in cargos:
        cargo.saldo_al = cargo.monto - cargo.pagado_al - cargo.ajustado_al
        saldo += cargo.saldo_al
        if cargo.saldo_al > 0 and cargo.fecha_vencimiento < al:
            vencido += cargo.saldo_al
            concepto = cargo.get_concepto_display()
            por_concepto[concepto] = por_concepto.get(concepto, CERO) + cargo.saldo_al
            clave = cubeta((al - cargo.fecha_vencimiento).days)
            por_antiguedad[clave] = por_antiguedad.get(clave, CERO) + cargo.saldo_al
    return {
        "cuenta": cuenta,
        "al": al,
        "cargos": cargos,
        "pagos": pagos,
        "saldo": saldo,
        "saldo_vencido": vencido,
        "por_concepto": por_concepto,
        "por_antiguedad": [(c, por_antiguedad.get(c, CERO)) for c, _, _ in CUBETAS]
        + [(">365", por_antiguedad.get(">365", CERO))],
    }
