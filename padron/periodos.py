"""Choosing a month ("noviembre de 2026") with a plain <select>.

A native `<input type="month">` is drawn by the browser in the browser's own language, so
on a computer set to English a clerk reads "November 2026"; a select of months is always
Spanish. Values stay "aaaa-mm", what the report views already read.
"""

from django import forms

from padron.fechas import hoy, primer_dia_del_mes, sumar_meses

MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
MESES_ATRAS = 48  # four years of reports to choose from
MESES_ADELANTE = 12  # goals are set ahead


def nombre_periodo(anio: int, mes: int) -> str:
    return f"{MESES[mes - 1]} de {anio}"


def opciones_periodo(valor: str = "", *, adelante: int = 0) -> list[tuple[str, str]]:
    """[("2026-11", "noviembre de 2026"), ...], newest first; the value given is always
    among them, even when it lies outside the usual range."""
    este_mes = primer_dia_del_mes(hoy())
    meses = [sumar_meses(este_mes, n) for n in range(adelante, -MESES_ATRAS - 1, -1)]
    opciones = [(f"{m:%Y-%m}", nombre_periodo(m.year, m.month)) for m in meses]
    valor = str(valor or "")
    if valor and valor not in dict(opciones):
        try:
            anio, mes = (int(parte) for parte in valor.split("-"))
        except ValueError:
            return opciones  # not a period: the view reports it
        if 1 <= mes <= 12:
            opciones.insert(0, (valor, nombre_periodo(anio, mes)))
    return opciones


class PeriodoSelect(forms.Select):
    """A form widget with the months as options, computed when it is drawn."""

    def __init__(self, attrs=None, *, adelante: int = 0):
        super().__init__(attrs)
        self.adelante = adelante

    def get_context(self, name, value, attrs):
        self.choices = opciones_periodo(value, adelante=self.adelante)
        return super().get_context(name, value, attrs)
