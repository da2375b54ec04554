"""Dates as the institutions live them: America/Hermosillo."""

from datetime import date

from django.utils import timezone


def hoy() -> date:
    return timezone.localdate()


def primer_dia_del_mes(fecha: date) -> date:
    return fecha.replace(day=1)


def sumar_meses(fecha: date, meses: int) -> date:
    """Same day `meses` later; the 31st falls on the last day of shorter months."""
    import calendar

    total = fecha.month - 1 + meses
    anio, mes = fecha.year + total // 12, total % 12 + 1
    return date(anio, mes, min(fecha.day, calendar.monthrange(anio, mes)[1]))
