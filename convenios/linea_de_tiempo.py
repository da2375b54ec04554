"""Negociaciones and convenios on the cuenta's timeline (cobranza.gestiones.linea_de_tiempo).

`registrar()` is called from ConveniosConfig.ready(): cobranza never imports convenios.
Each provider makes one query with a LIMIT.
"""

from django.urls import reverse

from cobranza.gestiones.linea_de_tiempo import Evento, momento, nombre, proveedor_de_linea, unir
from convenios.models import Convenio, Negociacion
from padron.dinero import formato_pesos
from padron.personas import nombre_persona

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
                f"{c.numero_parcialidades} parcialidad{'es' if c.numero_parcialidades != 1 else ''}",
                nombre(c.capturado_por),
            ),
            **base,
        )
    ]
    if c.firmado:
        detalle = (
            f"será vigente al pagarse el enganche de {formato_pesos(c.enganche)}"
            if c.enganche > 0
            else ""
        )
        eventos.append(
            Evento(fecha=c.firmado, titulo=f"Convenio {c.folio} firmado", detalle=detalle, **base)
        )
    if c.vigente_desde:
        eventos.append(
            Evento(
                fecha=momento(c.vigente_desde),
                titulo=f"Convenio {c.folio} vigente",
                detalle="se pagó el enganche" if c.enganche > 0 else "",
                **base,
            )
        )
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


def _etiqueta(registro, convenio):
    """A history row in the words of the convenio's life: signing keeps the estado
    "autorizado" in the table, but people call it "Firmado"."""
    E = Convenio.Estado
    if registro.history_type == "+":
        return (
            "Capturado"
            if registro.estado == E.BORRADOR
            else (f"Capturado: {registro.get_estado_display().lower()}")
        )
    if registro.estado == E.AUTORIZADO and registro.firmado:
        if convenio.enganche > 0:
            return f"Firmado: será vigente al pagarse el enganche de {formato_pesos(convenio.enganche)}"
        return "Firmado"
    if registro.estado == E.VIGENTE and convenio.enganche > 0:
        return "Vigente: se pagó el enganche"
    if registro.estado == E.CUMPLIDO:
        return "Cumplido: se pagó la última parcialidad"
    return registro.get_estado_display()


def historial_del_convenio(convenio, limite=50):
    """[{fecha, etiqueta, persona}] as it happened: captured, authorised, signed, vigente,
    cumplido... Rows that changed nothing a person would name (the same step) are merged."""
    registros = convenio.history.select_related("history_user").order_by("history_date", "pk")
    filas = []
    for registro in registros:
        etiqueta = _etiqueta(registro, convenio)
        if filas and filas[-1]["etiqueta"] == etiqueta:
            continue
        filas.append(
            {
                "fecha": registro.history_date,
                "etiqueta": etiqueta,
                "persona": nombre_persona(registro.history_user) or "el sistema",
            }
        )
    return filas[-limite:]


def registrar():
    proveedor_de_linea(eventos_negociaciones)
    proveedor_de_linea(eventos_convenios)
