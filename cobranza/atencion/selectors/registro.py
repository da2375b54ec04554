"""Reads of the registro de atención: the clerk's attentions of the day, and the daily or
monthly report (by channel, motive, person and hour; service and waiting time; the share that
ended in a payment or a convenio). Every figure is one GROUP BY in the database."""

from datetime import date, timedelta

from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
)
from django.db.models.functions import ExtractHour

from cobranza.atencion.models import Canal
from cobranza.atencion.services.registro import atencion_abierta
from cobranza.models import Atencion, VinculoAtencion
from padron.fechas import hoy

RESUELVEN = (VinculoAtencion.Tipo.PAGO, VinculoAtencion.Tipo.CONVENIO)


def atenciones_de(*, desde: date, hasta: date, usuario=None):
    """Attentions started between the two days (inclusive), with their times measured."""
    qs = Atencion.objects.filter(inicio__date__gte=desde, inicio__date__lte=hasta)
    if usuario is not None:
        qs = qs.filter(atendio=usuario)
    return qs.annotate(
        servicio=ExpressionWrapper(F("fin") - F("inicio"), output_field=DurationField()),
        espera=ExpressionWrapper(F("inicio") - F("llegada"), output_field=DurationField()),
        resuelta=Exists(
            VinculoAtencion.objects.filter(atencion=OuterRef("pk"), tipo__in=RESUELVEN)
        ),
    )


def _minutos(duracion: timedelta | None) -> float | None:
    return None if duracion is None else round(duracion.total_seconds() / 60, 1)


def _cifras(fila: dict) -> dict:
    n = fila["atenciones"]
    return {
        **fila,
        "servicio_min": _minutos(fila.pop("servicio_prom")),
        "espera_min": _minutos(fila.pop("espera_prom")),
        "pct_resueltas": round(100 * fila["resueltas"] / n, 1) if n else 0.0,
    }


_AGREGADOS = {
    "atenciones": Count("pk"),
    "terminadas": Count("pk", filter=Q(fin__isnull=False)),
    "servicio_prom": Avg("servicio"),
    "espera_prom": Avg("espera"),
    "resueltas": Count("pk", filter=Q(resuelta=True)),
}


def _por(qs, *campos, etiqueta, orden=None):
    """One row per group, with `etiqueta` (what the first column shows) computed from it."""
    filas = qs.values(*campos).annotate(**_AGREGADOS).order_by(*(orden or campos))
    return [{**_cifras(fila), "etiqueta": etiqueta(fila)} for fila in filas]


def _nombre(fila):
    completo = f"{fila['atendio__first_name']} {fila['atendio__last_name']}".strip()
    return completo or fila["atendio__username"]


def reporte_atencion(*, desde: date, hasta: date) -> dict:
    qs = atenciones_de(desde=desde, hasta=hasta)
    total = _cifras(qs.aggregate(**_AGREGADOS))
    canales = dict(Canal.choices)
    return {
        "desde": desde,
        "hasta": hasta,
        "total": total,
        "por_canal": _por(qs, "canal", etiqueta=lambda f: canales.get(f["canal"], f["canal"])),
        "por_motivo": _por(
            qs,
            "motivo__nombre",
            "motivo__orden",
            etiqueta=lambda f: f["motivo__nombre"],
            orden=["motivo__orden", "motivo__nombre"],
        ),
        "por_persona": _por(
            qs,
            "atendio__username",
            "atendio__first_name",
            "atendio__last_name",
            etiqueta=_nombre,
        ),
        "por_hora": _por(
            qs.annotate(hora=ExtractHour("inicio")),
            "hora",
            etiqueta=lambda f: f"{f['hora']:02d}:00",
        ),
    }


def tablero_atencion(usuario) -> dict:
    """The home page's share: the clerk's attentions today and the one still open."""
    dia = hoy()
    mias = atenciones_de(desde=dia, hasta=dia, usuario=usuario)
    return {
        "atenciones_hoy": _cifras(mias.aggregate(**_AGREGADOS)),
        "atencion_abierta": atencion_abierta(usuario),
        "atenciones_recientes": list(
            mias.select_related("motivo", "cuenta").order_by("-inicio")[:10]
        ),
    }


def tablero_atencion_general() -> dict:
    """For the supervisor: everyone's attentions today."""
    dia = hoy()
    return {
        "atenciones_hoy_todos": _cifras(atenciones_de(desde=dia, hasta=dia).aggregate(**_AGREGADOS))
    }
