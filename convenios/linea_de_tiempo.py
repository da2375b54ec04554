"""Negociaciones and convenios on the cuenta's timeline (cobranza.gestiones.linea_de_tiempo).

`registrar()` is called from ConveniosConfig.ready(): cobranza never imports convenios.
Each provider makes one query with a LIMIT.
"""

from django.urls import reverse

from cobranza.gestiones.linea_de_tiempo import Evento, momento, nombre, proveedor_de_linea, unir
from convenios.models import Convenio, Negociacion

TERMINADO = {
    Convenio.Estado.CUMPLIDO: "cumplido",
    Convenio.Estado.INCUMPLIDO: "incumplido",
    Convenio.Estado.CANCELADO: "cancelado",
    Convenio.Estado.RECHAZADO: "rechazado",
}


def eventos_negociaciones(cuenta, limite):
    negociaciones = (
        Negociacion.objects.filter(cuenta=cuenta)
        .select_related("usuario")
        .order_by("-fecha", "-id")[:limite]
    )
    return [
        Evento(
            fecha=n.fecha,
            tipo="negociacion",
            titulo=f"Negociación: {n.get_respuesta_display()}",
            detalle=unir(n.alternativa_elegida, n.notas, nombre(n.usuario)),
            monto=n.adeudo,
        )
        for n in negociaciones
    ]


def _eventos_de_convenio(c):
    """A convenio's milestones: captured, signed, and how it ended."""
    url = reverse("convenios:convenio", args=[c.folio])
    base = {"tipo": "convenio", "monto": c.total, "url": url}
    eventos = [
        Evento(
            fecha=c.capturado,
            titulo=f"Convenio {c.folio} capturado",
            detalle=unir(
                c.alternativa.nombre,
                f"{c.numero_parcialidades} parcialidad(es)",
                nombre(c.capturado_por),
            ),
            **base,
        )
    ]
    if c.firmado:
        eventos.append(Evento(fecha=c.firmado, titulo=f"Convenio {c.folio} firmado", **base))
    if c.terminado and c.estado in TERMINADO:
        eventos.append(
            Evento(
                fecha=momento(c.terminado),
                titulo=f"Convenio {c.folio} {TERMINADO[c.estado]}",
                detalle=unir(c.motivo_cancelacion, c.motivo_resolucion),
                **base,
            )
        )
    return eventos


def eventos_convenios(cuenta, limite):
    convenios = (
        Convenio.objects.filter(cuenta=cuenta)
        .select_related("alternativa", "capturado_por")
        .order_by("-capturado", "-id")[:limite]
    )
    return [evento for c in convenios for evento in _eventos_de_convenio(c)]


def registrar():
    proveedor_de_linea(eventos_negociaciones)
    proveedor_de_linea(eventos_convenios)
