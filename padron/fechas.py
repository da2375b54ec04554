"""Dates as the institutions live them: America/Hermosillo.

`ahora()` and `hoy()` are the product's only reading of the clock: every service, view,
task and default asks them, so a test (tests/conftest.py: reloj) moves the whole
product to another day at once.
"""

import calendar
from datetime import date, datetime

from django.core.exceptions import ValidationError
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


# --- the date policy of every entry point (forms, API, imports) ------------------------------
# A year outside these bounds is a typo or a legacy placeholder (01/01/0001, 31/12/9999), never
# a real alta, vencimiento or payment of these institutions.
ANIO_MINIMO = 1950
ANIO_MAXIMO = 2100
# Payments and other historic data older than this are refused unless the cartera says
# otherwise (Cartera.fecha_minima_historica).
FECHA_MINIMA_HISTORICA = date(2000, 1, 1)


def validar_fecha(
    valor: date,
    *,
    campo: str = "fecha",
    futura: bool = True,
    minima: date | None = None,
    nombre: str = "La fecha",
) -> date:
    """`valor` if it is a sane date for `campo`, or a ValidationError naming the field.

    `futura=False` where the domain forbids the future (a payment, a historic record);
    `minima` is the earliest date the cartera accepts (its fecha_minima_historica);
    `nombre` starts the messages ("La fecha del pago no puede ser futura.").
    """
    if isinstance(valor, datetime):
        valor = valor.date()
    if not isinstance(valor, date):
        raise ValidationError({campo: "Fecha no válida; use dd/mm/aaaa."})
    if not ANIO_MINIMO <= valor.year <= ANIO_MAXIMO:
        raise ValidationError(
            {
                campo: f"{nombre} {valor.day:02d}/{valor.month:02d}/{valor.year:04d} no es válida: el año debe estar entre "
                f"{ANIO_MINIMO} y {ANIO_MAXIMO}."
            }
        )
    if minima is not None and valor < minima:
        raise ValidationError(
            {
                campo: f"{nombre} no puede ser anterior al {minima:%d/%m/%Y} "
                "(fecha mínima de datos históricos de la cartera)."
            }
        )
    if not futura and valor > hoy():
        raise ValidationError({campo: f"{nombre} no puede ser futura."})
    return valor


def fecha_minima_de(cartera) -> date:
    """The earliest date a cartera accepts for payments and historic data."""
    return getattr(cartera, "fecha_minima_historica", None) or FECHA_MINIMA_HISTORICA
