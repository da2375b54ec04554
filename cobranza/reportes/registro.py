"""The report types and the sections other apps add to the monthly report.

A report type knows how to compute its figures for (cartera, periodo) as JSON-ready data,
which template prints it, and which sheets its XLSX has. Storage, scheduling, e-mail and
the dashboard work on any registered type (cobranza/reportes/guardados.py).

Sections: the recovery report in cobranza also shows figures owned by other apps
(convenios signed and the money they brought, ...). An app registers a function
`(cartera, inicio, siguiente) -> dict` with `seccion_de_recuperacion`; cobranza never
imports it (CONVENTIONS.md: no upward import).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TipoReporte:
    clave: str
    titulo: str
    calcular: Callable  # (cartera, periodo) -> dict, JSON-serialisable (Decimals as str)
    plantilla_pdf: str
    hojas: Callable  # (datos) -> list[(nombre, encabezados, filas)]
    aplica: Callable = lambda cartera: True  # the carteras it is computed for


REPORTES: dict[str, TipoReporte] = {}
SECCIONES_DE_RECUPERACION: list[Callable] = []


def registrar_reporte(tipo: TipoReporte) -> TipoReporte:
    REPORTES[tipo.clave] = tipo
    return tipo


def seccion_de_recuperacion(funcion):
    if funcion not in SECCIONES_DE_RECUPERACION:
        SECCIONES_DE_RECUPERACION.append(funcion)
    return funcion
