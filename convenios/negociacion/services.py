"""Recording a negotiation (kept even when no convenio follows; it counts as a gestión)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from convenios.models import Negociacion
from convenios.negociacion.simulacion import cargos_por_omision, simular_todas
from padron.fechas import hoy


def _resumen(simulacion):
    return {
        "alternativa": simulacion.titulo,
        "adeudo": str(simulacion.adeudo),
        "descuento": str(simulacion.descuento),
        "total": str(simulacion.total),
        "enganche": str(simulacion.enganche),
        "parcialidades": simulacion.numero_parcialidades,
        "monto_parcialidad": str(simulacion.parcialidad),
        "requiere_autorizacion": simulacion.requiere_autorizacion,
    }


@transaction.atomic
def negociacion_registrar(
    *, cuenta, usuario, respuesta, cargos=None, alternativa_elegida="", notas="", dia=None
) -> Negociacion:
    dia = dia or hoy()
    if respuesta not in Negociacion.Respuesta.values:
        raise ValidationError(
            {"respuesta": "Indique la respuesta del deudor: aceptada, rechazada o lo pensará."}
        )
    cargos = list(cargos) if cargos is not None else cargos_por_omision(cuenta, dia)
    if not cargos:
        raise ValidationError({"cargos": "No hay adeudo que negociar en esta cuenta."})
    simulaciones = simular_todas(cuenta=cuenta, cargos=cargos, dia=dia)
    negociacion = Negociacion.objects.create(
        cuenta=cuenta,
        usuario=usuario,
        adeudo=sum(c.saldo for c in cargos),
        alternativas=[_resumen(s) for s in simulaciones],
        alternativa_elegida=alternativa_elegida[:160],
        respuesta=respuesta,
        notas=notas.strip(),
    )
    negociacion.cargos.set(cargos)
    return negociacion
