"""Reads of quejas y sugerencias: the list a clerk filters, the overdue ones of a person (their
home page), the public lookup by folio and clave, and the report by area and tipo."""

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate

from cobranza.atencion.services.quejas import ABIERTAS, clave_nueva
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import AreaResponsable, Queja
from cobranza.pec.dias_habiles import sumar_dias_habiles
from padron.fechas import hoy
from padron.permisos import puede_ver_todas_las_cuentas
from padron.roles import roles_de

LIMITE_TABLERO = 20
DIAS_POR_VENCER = 2  # días hábiles: what is due today or in the next two shows as "por vencer"
SIN_AREA = "Sin área asignada"
# Public lookups per address and hour: generous for a person, hopeless for guessing an
# 8-character clave (31^8 combinations).
LIMITE_CONSULTAS = 30
NO_ENCONTRADO = "No encontramos un folio con esa clave."


def _ve_todas(usuario) -> bool:
    # The supervisor answers for every area: sees every overdue queja at home.
    return usuario.is_superuser or any(r.clave == "supervisor" for r in roles_de(usuario))


def areas_activas():
    return AreaResponsable.objects.filter(activa=True).select_related("responsable")


def quejas_de(usuario, filtros=None):
    """The quejas the user may see, filtered: estado, tipo, area (an AreaResponsable),
    vencidas (open past their deadline), mias (assigned to the user or to an area they head),
    folio (a fragment). A queja tied to a cuenta shows only to who sees that cuenta.
    Each row carries `vencida` (open and past its deadline)."""
    filtros = filtros or {}
    quejas = Queja.objects.select_related("area", "asignada_a", "cuenta")
    if not puede_ver_todas_las_cuentas(usuario):
        visibles = cuentas_visibles(usuario).values("pk")
        quejas = quejas.filter(Q(cuenta__isnull=True) | Q(cuenta__in=visibles))
    if filtros.get("estado"):
        quejas = quejas.filter(estado=filtros["estado"])
    if filtros.get("tipo"):
        quejas = quejas.filter(tipo=filtros["tipo"])
    if filtros.get("area"):
        quejas = quejas.filter(area=filtros["area"])
    if filtros.get("vencidas"):
        quejas = quejas.filter(estado__in=ABIERTAS, vence__lt=hoy())
    if filtros.get("mias"):
        quejas = quejas.filter(Q(asignada_a=usuario) | Q(area__responsable=usuario))
    if filtros.get("folio"):
        quejas = quejas.filter(folio__icontains=filtros["folio"].strip())
    vencida = ExpressionWrapper(
        Q(estado__in=ABIERTAS, vence__lt=hoy()), output_field=BooleanField()
    )
    return quejas.annotate(vencida=vencida).order_by("vence", "folio")


def _abiertas_de(usuario):
    """Open quejas the user answers for: assigned to them or in an area they head; all of
    them for a supervisor."""
    abiertas = Queja.objects.filter(estado__in=ABIERTAS)
    if _ve_todas(usuario):
        return abiertas
    return abiertas.filter(Q(asignada_a=usuario) | Q(area__responsable=usuario))


def quejas_vencidas_de(usuario):
    """Open quejas past their deadline that the user answers for, oldest deadline first."""
    return (
        _abiertas_de(usuario)
        .filter(vence__lt=hoy())
        .select_related("area", "asignada_a")
        .order_by("vence", "folio")
    )


def tablero_quejas(usuario) -> dict:
    """For the home pages: {"quejas_vencidas": [...], "quejas_por_vencer": [...],
    "cuantas_quejas": {"vencidas", "por_vencer", "sin_asignar"}}. Lists hold at most
    LIMITE_TABLERO rows (area and assignee already joined); the counts are the totals."""
    hoy_ = hoy()
    limite = sumar_dias_habiles(hoy_, DIAS_POR_VENCER)
    abiertas = _abiertas_de(usuario)
    cuantas = abiertas.aggregate(
        vencidas=Count("pk", filter=Q(vence__lt=hoy_)),
        por_vencer=Count("pk", filter=Q(vence__gte=hoy_, vence__lte=limite)),
        sin_asignar=Count("pk", filter=Q(estado=Queja.Estado.RECIBIDA)),
    )
    por_vencer = abiertas.filter(vence__gte=hoy_, vence__lte=limite)
    return {
        "quejas_vencidas": list(quejas_vencidas_de(usuario)[:LIMITE_TABLERO]),
        "quejas_por_vencer": list(
            por_vencer.select_related("area", "asignada_a").order_by("vence", "folio")[
                :LIMITE_TABLERO
            ]
        ),
        "cuantas_quejas": cuantas,
    }


def queja_por_folio_y_clave(folio, clave) -> Queja | None:
    """The queja whose folio AND clave match, or None either way: the public page must not
    tell an unknown folio from a wrong clave."""
    folio, clave = (folio or "").strip().upper(), (clave or "").strip().upper()
    queja = Queja.objects.select_related("area").filter(folio=folio).first() if folio else None
    # Compare even without a queja, so the time taken does not tell whether the folio exists.
    real = queja.clave if queja else clave_nueva()
    coincide = secrets.compare_digest(real.encode(), clave.encode())
    return queja if queja and coincide else None


# --- reporte ---------------------------------------------------------------------------------


def _metricas():
    dias = ExpressionWrapper(
        TruncDate("respondida") - TruncDate("recibida"), output_field=DurationField()
    )
    return {
        "recibidas": Count("pk"),
        "respondidas": Count("pk", filter=Q(respondida__isnull=False)),
        "a_tiempo": Count("pk", filter=Q(respondida__date__lte=F("vence"))),
        "vencidas_sin_respuesta": Count("pk", filter=Q(respondida__isnull=True, vence__lt=hoy())),
        "duracion_promedio": Avg(dias),  # unanswered ones are NULL, so AVG leaves them out
        "satisfaccion_promedio": Avg("satisfaccion"),
        "calificadas": Count("satisfaccion"),
    }


def _redondear(valor, decimales="0.1"):
    return None if valor is None else Decimal(valor).quantize(Decimal(decimales), ROUND_HALF_UP)


def _fila(nombre, cifras) -> dict:
    """Figures of one group, with the rates worked out. % a tiempo is over the quejas that
    already had to be answered: answered (on time or late) plus overdue without answer."""
    exigibles = cifras["respondidas"] + cifras["vencidas_sin_respuesta"]
    duracion = cifras.pop("duracion_promedio")
    satisfaccion = cifras.pop("satisfaccion_promedio")
    return {
        "nombre": nombre,
        **cifras,
        "porcentaje_a_tiempo": (
            _redondear(Decimal(100 * cifras["a_tiempo"]) / exigibles) if exigibles else None
        ),
        "dias_promedio": (
            None if duracion is None else _redondear(duracion.total_seconds() / 86400)
        ),
        "satisfaccion": _redondear(satisfaccion),
    }


def reporte_quejas(desde, hasta) -> dict:
    """Quejas received from `desde` to `hasta` (local dates), by area, by tipo and in total:
    recibidas, respondidas, respondidas a tiempo (on or before the deadline), vencidas sin
    respuesta, % a tiempo, average calendar days from reception to answer, and the average
    satisfaction (1 to 5) of those rated. Three grouped queries; nothing loops over quejas."""
    quejas = Queja.objects.filter(recibida__date__range=(desde, hasta)).order_by()
    metricas = _metricas()
    por_area = quejas.values("area__nombre").annotate(**metricas).order_by("area__nombre")
    # In the order of Queja.Tipo (queja first), not alphabetical.
    orden_tipo = Case(
        *(When(tipo=t, then=Value(n)) for n, t in enumerate(Queja.Tipo.values)),
        output_field=IntegerField(),
    )
    por_tipo = quejas.values("tipo").annotate(**metricas).order_by(orden_tipo)
    etiquetas = dict(Queja.Tipo.choices)
    areas = [_fila(f.pop("area__nombre") or SIN_AREA, f) for f in por_area]
    # "Sin área" at the end, after the named areas.
    areas.sort(key=lambda f: f["nombre"] == SIN_AREA)
    return {
        "desde": desde,
        "hasta": hasta,
        "por_area": areas,
        "por_tipo": [_fila(etiquetas[f.pop("tipo")], f) for f in por_tipo],
        "total": _fila("Total", quejas.aggregate(**metricas)),
    }
