"""Payment schedules exact to the centavo.

The parts add up to the total; every parcialidad but the last is the total
divided evenly and rounded down to the centavo, and the last takes the
remainder. Monthly due dates are anchored on the first one, so a convenio
that starts on the 31st falls due on the last day of shorter months and on
the 31st again when the month has it.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from padron.dinero import CENTAVO
from padron.fechas import sumar_meses

MENSUAL, QUINCENAL, SEMANAL = "mensual", "quincenal", "semanal"
PERIODICIDADES = ((MENSUAL, "Mensual"), (QUINCENAL, "Quincenal"), (SEMANAL, "Semanal"))


@dataclass(frozen=True)
class Plazo:
    numero: int
    fecha_vencimiento: date
    monto: Decimal


def fecha_de_plazo(primera: date, indice: int, periodicidad: str) -> date:
    """Due date of the `indice`-th parcialidad (0 = the first)."""
    if periodicidad == MENSUAL:
        return sumar_meses(primera, indice)
    if periodicidad == QUINCENAL:
        return primera + timedelta(days=15 * indice)
    if periodicidad == SEMANAL:
        return primera + timedelta(days=7 * indice)
    raise ValueError(f"Periodicidad desconocida: {periodicidad}")


def montos_parejos(total: Decimal, partes: int) -> list[Decimal]:
    """`partes` amounts that add up to `total` exactly; the last takes the remainder."""
    if partes < 1:
        raise ValueError("Se necesita al menos una parcialidad.")
    base = (total / partes).quantize(CENTAVO, rounding=ROUND_DOWN)
    return [base] * (partes - 1) + [total - base * (partes - 1)]


def calendario(
    *, total: Decimal, numero: int, primera: date, periodicidad: str = MENSUAL
) -> list[Plazo]:
    return [
        Plazo(i + 1, fecha_de_plazo(primera, i, periodicidad), monto)
        for i, monto in enumerate(montos_parejos(total, numero))
    ]
