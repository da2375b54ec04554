"""One timeline per cuenta: everything that happened to it, newest first.

Each app contributes providers `(cuenta, limite) -> list[Evento]`, registered with
`proveedor_de_linea` (cobranza's own below; convenios registers its own at start-up, as
with the account page's sections, so cobranza never imports it). A provider makes ONE
query with a LIMIT, so the timeline costs one query per provider whatever the history's
length; `linea_de_tiempo` merges them and keeps the newest `limite`.
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from cobranza.models import (
    Ajuste,
    Cargo,
    EventoExpediente,
    Gestion,
    OrdenCorte,
    Pago,
    PromesaPago,
    Recado,
    ReversionPago,
)
from padron.dinero import formato_pesos

LIMITE = 200
ULTIMOS = 10  # the account page's «Últimos movimientos»


@dataclass(frozen=True)
class Evento:
    fecha: datetime  # aware
    tipo: str  # cargo, pago, reversion, ajuste, gestion, recado, pec, negociacion, convenio...
    titulo: str
    detalle: str = ""
    monto: Decimal | None = None
    url: str | None = None


PROVEEDORES = []


def proveedor_de_linea(funcion):
    """Register a provider (idempotent: app start-up may run twice in tests)."""
    if funcion not in PROVEEDORES:
        PROVEEDORES.append(funcion)
    return funcion


def linea_de_tiempo(cuenta, *, limite=LIMITE) -> list[Evento]:
    eventos = [evento for proveedor in PROVEEDORES for evento in proveedor(cuenta, limite)]
    eventos.sort(key=lambda e: e.fecha, reverse=True)
    return eventos[:limite]


def momento(dia: date, registrado: datetime | None = None) -> datetime:
    """An aware datetime for a ledger date: the moment it was captured when that was the same
    day (so the day's events keep their order), else the start of that day, local time."""
    if registrado is not None and timezone.localdate(registrado) == dia:
        return registrado
    return timezone.make_aware(datetime.combine(dia, time.min))


def unir(*partes):
    return " · ".join(p for p in partes if p)


def nombre(usuario):
    return (usuario.get_full_name() or usuario.username) if usuario else ""


# --- cobranza's providers ---------------------------------------------------------------


@proveedor_de_linea
def eventos_cargos(cuenta, limite):
    cargos = Cargo.objects.filter(cuenta=cuenta).order_by("-fecha_emision", "-id")[:limite]
    return [
        Evento(
            fecha=momento(c.fecha_emision, c.creado),
            tipo="cargo",
            titulo=unir(f"Cargo: {c.get_concepto_display()}", c.periodo and f"{c.periodo:%m/%Y}"),
            detalle=unir(
                f"Vence el {c.fecha_vencimiento:%d/%m/%Y}",
                c.descripcion,
                "Cancelado" if c.estado == Cargo.Estado.CANCELADO else "",
            ),
            monto=c.monto,
        )
        for c in cargos
    ]


@proveedor_de_linea
def eventos_pagos(cuenta, limite):
    pagos = (
        Pago.objects.filter(cuenta=cuenta)
        .select_related("registrado_por")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=momento(p.fecha, p.registrado),
            tipo="pago",
            titulo=f"Pago {p.folio or ''}".strip(),
            detalle=unir(
                p.get_canal_display(),
                p.referencia,
                nombre(p.registrado_por),
                "Revertido" if p.estado == Pago.Estado.REVERTIDO else "",
            ),
            monto=p.monto,
            url=reverse("cobranza:pago", args=[p.folio]) if p.folio else None,
        )
        for p in pagos
    ]


@proveedor_de_linea
def eventos_reversiones(cuenta, limite):
    reversiones = (
        ReversionPago.objects.filter(pago__cuenta=cuenta)
        .select_related("pago", "autorizado_por")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=momento(r.fecha, r.registrado),
            tipo="reversion",
            titulo=f"Reversión del pago {r.pago.folio or ''}".strip(),
            detalle=unir(r.motivo, f"autorizó {nombre(r.autorizado_por)}"),
            monto=-r.pago.monto,
            url=reverse("cobranza:pago", args=[r.pago.folio]) if r.pago.folio else None,
        )
        for r in reversiones
    ]


@proveedor_de_linea
def eventos_ajustes(cuenta, limite):
    ajustes = (
        Ajuste.objects.filter(cargo__cuenta=cuenta)
        .select_related("cargo", "autorizado_por")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=momento(a.fecha, a.registrado),
            tipo="ajuste",
            titulo=f"{a.get_tipo_display()}: {a.cargo.get_concepto_display()}",
            detalle=unir(a.motivo, f"autorizó {nombre(a.autorizado_por)}"),
            monto=-a.monto,
        )
        for a in ajustes
    ]


def _promesa_texto(promesa):
    texto = (
        f"Promesa de {formato_pesos(promesa.monto)} al {promesa.fecha_compromiso:%d/%m/%Y}: "
        f"{promesa.get_estado_display().lower()}"
    )
    if promesa.estado != promesa.Estado.VIGENTE:
        texto += f" (pagado en el plazo {formato_pesos(promesa.pagado)})"
    return texto


def _promesa_de(gestion):
    try:
        return gestion.promesa
    except PromesaPago.DoesNotExist:
        return None


@proveedor_de_linea
def eventos_gestiones(cuenta, limite):
    gestiones = (
        Gestion.objects.filter(cuenta=cuenta)
        .select_related("usuario", "promesa")
        .order_by("-fecha", "-id")[:limite]
    )
    eventos = []
    for g in gestiones:
        promesa = _promesa_de(g)
        eventos.append(
            Evento(
                fecha=g.fecha,
                tipo="gestion",
                titulo=f"{g.get_tipo_display()}: {g.get_resultado_display()}",
                detalle=unir(promesa and _promesa_texto(promesa), g.notas, nombre(g.usuario)),
                monto=promesa.monto if promesa else None,
            )
        )
    return eventos


@proveedor_de_linea
def eventos_recados(cuenta, limite):
    recados = (
        Recado.objects.filter(cuenta=cuenta)
        .select_related("para", "tomado_por")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=r.fecha,
            tipo="recado",
            titulo=f"Recado para {nombre(r.para)}",
            detalle=unir(f"De {r.de}", r.telefono, r.mensaje, f"tomó {nombre(r.tomado_por)}"),
        )
        for r in recados
    ]


@proveedor_de_linea
def eventos_pec(cuenta, limite):
    """The PEC's record: opening, each stage emitted and served, suspension, closing."""
    eventos = (
        EventoExpediente.objects.filter(expediente__cuenta=cuenta)
        .select_related("expediente", "usuario")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=e.fecha,
            tipo="pec",
            titulo=f"PEC {e.expediente.folio}: {e.get_tipo_display()}",
            detalle=unir(e.detalle or (e.etapa and e.get_etapa_display()), nombre(e.usuario)),
            url=reverse("cobranza:pec_expediente", args=[e.expediente.folio]),
        )
        for e in eventos
    ]


@proveedor_de_linea
def eventos_cortes(cuenta, limite):
    """Corte and reconexión orders: when issued and, once the crew reported, what happened."""
    ordenes = (
        OrdenCorte.objects.filter(cuenta=cuenta)
        .select_related("cortador")
        .order_by("-creada", "-id")[:limite]
    )
    return [
        Evento(
            fecha=o.ejecutada or o.cancelada or o.creada,
            tipo="corte",
            titulo=f"{o.get_tipo_display()} {o.folio}: {o.get_estado_display()}",
            detalle=unir(
                o.get_accion_display(),
                o.get_motivo_no_ejecutada_display() if o.motivo_no_ejecutada else "",
                o.motivo_cancelacion,
                o.notas,
                nombre(o.cortador) if o.cortador_id else "",
            ),
        )
        for o in ordenes
    ]
