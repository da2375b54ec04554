"""Dates as the institutions live them: America/Hermosillo.

`ahora()` and `hoy()` are the product's only reading of the clock: every service, view,
task and default asks them, so a test (tests/conftest.py: reloj) moves the whole
product to another day at once.
"""

import calendar
from datetime import date, datetime

from django.utils import timezone


def ahora() -> datetime:
    """This instant, aware (UTC inside; shown in Hermosillo time)."""
    return timezone.now()


def hoy() -> date:
    """Today's date in Hermosillo."""
    return timezone.localdate(ahora())


def primer_dia_del_mes(fecha: date) -> date:
    return fecha.replace(day=1)


def sumar_meses(fecha: date, meses: int) -> date:
    """Same day `meses` later; the 31st falls on the last day of shorter months."""
    total = fecha.month - 1 + meses
    anio, mes = fecha.year + total // 12, total % 12 + 1
    return date(anio, mes, min(fecha.day, calendar.monthrange(anio, mes)[1]))
