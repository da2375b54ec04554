"""Días hábiles and legal hours for the PEC: Monday to Friday except the non-working days
on the editable calendar (DiaInhabil). Terms start counting the día hábil after the
notification (CFF art. 12)."""

from datetime import date, timedelta

from django.utils import timezone

from cobranza.models import DiaInhabil, ParametrosPEC


def inhabiles_entre(desde: date, hasta: date) -> set[date]:
    return set(
        DiaInhabil.objects.filter(fecha__range=(desde, hasta)).values_list("fecha", flat=True)
    )


def es_habil(dia: date, inhabiles: set[date] | None = None) -> bool:
    if dia.weekday() >= 5:
        return False
    if inhabiles is None:
        return not DiaInhabil.objects.filter(fecha=dia).exists()
    return dia not in inhabiles


def sumar_dias_habiles(desde: date, dias: int) -> date:
    """The día hábil on which a term of `dias` días hábiles, notified on `desde`, ends."""
    if dias <= 0:
        return desde
    # Generous window: even with many holidays, 3× the term plus two weeks is enough.
    inhabiles = inhabiles_entre(desde, desde + timedelta(days=dias * 3 + 14))
    dia, contados = desde, 0
    while contados < dias:
        dia += timedelta(days=1)
        if es_habil(dia, inhabiles):
            contados += 1
    return dia


def horario_de(cartera) -> ParametrosPEC:
    """The cartera's legal hours (the defaults 07:30-18:00 when it has no row)."""
    return ParametrosPEC.objects.filter(cartera=cartera).first() or ParametrosPEC(cartera=cartera)


def error_de_horario(momento, cartera) -> str | None:
    """Why a diligence could not be served at `momento`, or None if it could."""
    local = timezone.localtime(momento)
    if not es_habil(local.date()):
        return f"El {local:%d/%m/%Y} no es día hábil: no se practican diligencias."
    horario = horario_de(cartera)
    if not horario.hora_inicio <= local.time() <= horario.hora_fin:
        return (
            f"Las {local:%H:%M} están fuera del horario hábil "
            f"({horario.hora_inicio:%H:%M} a {horario.hora_fin:%H:%M})."
        )
    return None
