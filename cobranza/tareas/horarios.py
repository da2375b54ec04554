"""A Celery beat schedule in plain Spanish, for the supervisor's table of jobs.

    El día 1 de cada mes a las 06:00 (America/Hermosillo)
    Diario a la 01:00 (America/Hermosillo)
    Cada 30 minutos

Patterns not covered fall back to the crontab's five fields, still readable to whoever set
them in the admin.
"""

from django.utils import timezone

DIAS_SEMANA = ("domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado")
UNIDADES = {
    "days": ("día", "días"),
    "hours": ("hora", "horas"),
    "minutes": ("minuto", "minutos"),
    "seconds": ("segundo", "segundos"),
    "microseconds": ("microsegundo", "microsegundos"),
}


def _numeros(campo: str) -> list[int] | None:
    """'1' -> [1], '1,15' -> [1, 15]; None for anything else ('*', '*/5', '1-5')."""
    partes = campo.split(",")
    if all(p.isdigit() for p in partes):
        return [int(p) for p in partes]
    return None


def _lista(palabras) -> str:
    palabras = list(palabras)
    return palabras[0] if len(palabras) == 1 else ", ".join(palabras[:-1]) + " y " + palabras[-1]


def _a_las(horas, minutos) -> str:
    horas_texto = [f"{h:02d}:{m:02d}" for h in horas for m in minutos]
    articulo = "a la" if len(horas_texto) == 1 and horas[0] in (1, 13) else "a las"
    return f"{articulo} {_lista(horas_texto)}"


def crontab_en_palabras(c) -> str:
    minutos, horas = _numeros(c.minute), _numeros(c.hour)
    dias, meses, semana = c.day_of_month, c.month_of_year, c.day_of_week
    zona = f" ({c.timezone})" if str(c.timezone) else ""
    if c.minute.startswith("*/") and c.hour == "*" and {dias, meses, semana} == {"*"}:
        return f"Cada {c.minute[2:]} minutos"
    if minutos is None or horas is None or meses != "*":
        return f"Según cron «{c.minute} {c.hour} {dias} {meses} {semana}»{zona}"
    cuando = _a_las(horas, minutos)
    if dias == "*" and semana == "*":
        return f"Diario {cuando}{zona}"
    numeros_dia, numeros_semana = _numeros(dias), _numeros(semana)
    if numeros_dia and semana == "*":
        return f"El día {_lista(str(d) for d in numeros_dia)} de cada mes {cuando}{zona}"
    if numeros_semana and dias == "*":
        nombres = (DIAS_SEMANA[d % 7] for d in numeros_semana)
        return f"Cada {_lista(nombres)} {cuando}{zona}"
    return f"Según cron «{c.minute} {c.hour} {dias} {meses} {semana}»{zona}"


def intervalo_en_palabras(i) -> str:
    singular, plural = UNIDADES.get(i.period, (i.period, i.period))
    return f"Cada {singular}" if i.every == 1 else f"Cada {i.every} {plural}"


def horario_en_palabras(tarea) -> str:
    """The schedule of a django_celery_beat PeriodicTask, in Spanish."""
    if tarea.crontab_id:
        texto = crontab_en_palabras(tarea.crontab)
    elif tarea.interval_id:
        texto = intervalo_en_palabras(tarea.interval)
    elif tarea.clocked_id:
        momento = timezone.localtime(tarea.clocked.clocked_time)
        texto = f"Una vez, el {momento:%d/%m/%Y} a las {momento:%H:%M}"
    elif tarea.solar_id:
        texto = f"Evento solar: {tarea.solar.get_event_display().lower()}"
    else:
        texto = "Sin horario"
    if tarea.one_off and not tarea.clocked_id:
        texto += " (una sola vez)"
    return texto
