"""Reads of facturación: a run's comparison with the previous month by tipo de usuario, its
anomalies, the cuentas billed last month that have no bill in it, the queues, and the report
of social-work discounts granted. Every figure is an SQL aggregate."""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth

from cobranza.facturacion.models import (
    CargoPropuesto,
    CorridaFacturacion,
    DescuentoSocial,
    RenglonFacturacion,
)
from cobranza.facturacion.services.corridas import CONCEPTOS_FACTURADOS
from cobranza.models import Ajuste, Cargo, Concepto
from padron.dinero import CERO
from padron.fechas import sumar_meses
from padron.models import Cuenta

Revision = RenglonFacturacion.Revision
CLASIFICACIONES = dict(Cuenta.Clasificacion.choices)
MUESTRA = 200


def _cambio(actual, anterior):
    if not anterior:
        return None
    return (Decimal(actual) - Decimal(anterior)) * 100 / Decimal(anterior)


def _q2(valor):
    return Decimal(str(valor or 0)).quantize(Decimal("0.01"))


def comparacion_anterior(corrida: CorridaFacturacion) -> dict:
    """Last month's billing by tipo de usuario (clasificación del predio), as the comparativo
    report counts it: {clave: {volumen, monto, cuentas}} with money and m³ as text."""
    filas = (
        Cargo.objects.filter(
            cuenta__cartera=corrida.cartera,
            periodo=sumar_meses(corrida.periodo, -1),
            concepto__in=CONCEPTOS_FACTURADOS,
        )
        .exclude(estado=Cargo.Estado.CANCELADO)
        .order_by()
        .values("cuenta__clasificacion")
        .annotate(
            volumen=Sum("volumen_m3", filter=Q(concepto=Concepto.CONSUMO_AGUA)),
            monto=Sum("monto"),
            cuentas=Count("cuenta", distinct=True),
        )
    )
    return {
        f["cuenta__clasificacion"]: {
            "volumen": str(_q2(f["volumen"])),
            "monto": str(_q2(f["monto"])),
            "cuentas": f["cuentas"],
        }
        for f in filas
    }


def corrida_comparacion(corrida: CorridaFacturacion) -> list[dict]:
    """By tipo de usuario: m³, amount and cuentas of this run's valid rows against the cargos
    billed the previous month (stored when the run was staged), with the change %."""
    actual = {
        fila["tipo_usuario"]: fila
        for fila in RenglonFacturacion.objects.filter(corrida=corrida, valido=True)
        .exclude(revision=Revision.RETENIDA)
        .order_by()
        .values("tipo_usuario")
        .annotate(
            volumen=Sum("consumo_m3"),
            monto=Sum(F("agua") + F("drenaje") + F("saneamiento") + F("iva") + F("otros")),
            cuentas=Count("cuenta", distinct=True),
        )
    }
    anterior = (corrida.resumen or {}).get("anterior")
    if anterior is None:
        anterior = comparacion_anterior(corrida)
    filas = []
    for clave in sorted(set(actual) | set(anterior)):
        a, p = actual.get(clave, {}), anterior.get(clave, {})
        fila = {"clave": clave, "nombre": CLASIFICACIONES.get(clave, clave or "Sin tipo")}
        for cifra in ("volumen", "monto", "cuentas"):
            fila[cifra] = _q2(a.get(cifra)) if cifra != "cuentas" else a.get(cifra) or 0
            fila[f"{cifra}_anterior"] = (
                _q2(p.get(cifra)) if cifra != "cuentas" else p.get(cifra) or 0
            )
            fila[f"{cifra}_cambio"] = _cambio(fila[cifra], fila[f"{cifra}_anterior"])
        filas.append(fila)
    total = {"clave": "", "nombre": "Total"}
    for cifra in ("volumen", "monto", "cuentas"):
        total[cifra] = sum((f[cifra] for f in filas), 0)
        total[f"{cifra}_anterior"] = sum((f[f"{cifra}_anterior"] for f in filas), 0)
        total[f"{cifra}_cambio"] = _cambio(total[cifra], total[f"{cifra}_anterior"])
    return [*filas, total] if filas else []


def resumen_de_revision(corrida: CorridaFacturacion) -> dict:
    """What staging stores for the review page: last month, and the cuentas with no bill."""
    faltan = sin_factura(corrida)
    return {
        "anterior": comparacion_anterior(corrida),
        "sin_factura": faltan.count(),
        "sin_factura_muestra": list(faltan.values_list("numero", flat=True)[:50]),
    }


def corrida_anomalias(corrida: CorridaFacturacion) -> dict:
    """Counts of each anomaly and the first rows of each."""
    renglones = RenglonFacturacion.objects.filter(corrida=corrida).select_related("cuenta")
    conteos = renglones.aggregate(
        atipico=Count("id", filter=Q(consumo_atipico=True)),
        cero=Count("id", filter=Q(consumo_cero=True)),
        gran_consumidor=Count("id", filter=Q(gran_consumidor=True)),
        pendientes=Count("id", filter=Q(revision=Revision.PENDIENTE)),
        no_en_padron=Count("id", filter=Q(error_cuenta="no_existe")),
    )
    return {
        **conteos,
        "sin_factura": (corrida.resumen or {}).get("sin_factura", 0),
        "sin_factura_muestra": (corrida.resumen or {}).get("sin_factura_muestra", []),
        "filas_atipico": list(renglones.filter(consumo_atipico=True).order_by("fila")[:MUESTRA]),
        "filas_cero": list(renglones.filter(consumo_cero=True).order_by("fila")[:MUESTRA]),
        "filas_gran_consumidor": list(
            renglones.filter(gran_consumidor=True)
            .select_related("revisado_por")
            .order_by("revision", "fila")[:MUESTRA]
        ),
        "filas_no_en_padron": list(
            renglones.filter(error_cuenta="no_existe").order_by("fila")[:MUESTRA]
        ),
    }


def sin_factura(corrida: CorridaFacturacion):
    """Active water cuentas of the cartera that have no row in the run."""
    con_fila = RenglonFacturacion.objects.filter(corrida=corrida, cuenta__isnull=False).values(
        "cuenta_id"
    )
    return (
        Cuenta.objects.filter(
            cartera=corrida.cartera, estado=Cuenta.Estado.ACTIVA, servicio_agua=True
        )
        .exclude(pk__in=con_fila)
        .select_related("titular")
        .order_by("numero")
    )


def corrida_rechazadas(corrida: CorridaFacturacion):
    return RenglonFacturacion.objects.filter(corrida=corrida, valido=False).order_by("fila")


def corridas_lista(*, cartera=None, tipo=None):
    corridas = CorridaFacturacion.objects.select_related(
        "cartera", "subida_por", "autorizada_por", "cancelada_por", "importacion"
    )
    if cartera is not None:
        corridas = corridas.filter(cartera=cartera)
    if tipo:
        corridas = corridas.filter(tipo=tipo)
    return corridas.order_by("-subida")


def cargos_propuestos(*, estado=None):
    propuestas = CargoPropuesto.objects.select_related(
        "cuenta__titular", "propuesto_por", "resuelto_por", "cargo"
    )
    if estado:
        propuestas = propuestas.filter(estado=estado)
    return propuestas.order_by("-propuesto")


def descuentos_sociales(*, estado=None, cuenta=None):
    descuentos = DescuentoSocial.objects.select_related(
        "cuenta__titular", "solicitado_por", "resuelto_por"
    ).prefetch_related("documentos")
    if estado:
        descuentos = descuentos.filter(estado=estado)
    if cuenta is not None:
        descuentos = descuentos.filter(cuenta=cuenta)
    return descuentos.order_by("-solicitado")


def descuentos_otorgados(*, desde, hasta, cartera=None) -> dict:
    """Social-work discounts booked in [desde, hasta]: by month and type, cuentas and amount."""
    ajustes = Ajuste.objects.filter(descuento_social__isnull=False, fecha__range=(desde, hasta))
    if cartera is not None:
        ajustes = ajustes.filter(cargo__cuenta__cartera=cartera)
    tipos = dict(DescuentoSocial.Tipo.choices)
    filas = [
        {
            "mes": fila["mes"],
            "tipo": fila["descuento_social__tipo"],
            "tipo_nombre": tipos.get(fila["descuento_social__tipo"], ""),
            "cuentas": fila["cuentas"],
            "monto": _q2(fila["monto"]),
        }
        for fila in ajustes.annotate(mes=TruncMonth("fecha"))
        .order_by()
        .values("mes", "descuento_social__tipo")
        .annotate(cuentas=Count("cargo__cuenta", distinct=True), monto=Sum("monto"))
        .order_by("mes", "descuento_social__tipo")
    ]
    total = ajustes.aggregate(cuentas=Count("cargo__cuenta", distinct=True), monto=Sum("monto"))
    return {"filas": filas, "cuentas": total["cuentas"] or 0, "monto": _q2(total["monto"] or CERO)}
