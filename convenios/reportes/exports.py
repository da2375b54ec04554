"""Spreadsheets of convenios: the discounts granted in a period (openpyxl, streaming mode).

Amounts are numbers with the '#,##0.00' format and dates are dates, so the sheet can be
summed and filtered in Excel; the totals row carries the figures computed in SQL.
"""

from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import Cell

from convenios.reportes.selectors import autoridad_del_descuento
from padron.exportar import celda_xlsx

FORMATO_PESOS = "#,##0.00"
FORMATO_FECHA = "DD/MM/YYYY"
LOTE = 2000

ENCABEZADOS = (
    "Folio",
    "Firmado",
    "Cuenta",
    "Titular",
    "Cartera",
    "Alternativa",
    "Campaña",
    "Adeudo",
    "Descuento",
    "Total",
    "Capturado por",
    "Autorizado por",
    "Autoridad",
)
COLUMNAS_DINERO = ("Adeudo", "Descuento", "Total")


def nombre_de(usuario):
    return (usuario.get_full_name() or usuario.username) if usuario else ""


def _celda(hoja, valor, formato=None, negrita=False):
    # padron.exportar: text that starts like a formula (a titular named =HYPERLINK(...))
    # is written as text, never run.
    return celda_xlsx(hoja, valor, formato=formato, negrita=negrita)


def _fila(hoja, convenio):
    return [v if isinstance(v, Cell) else celda_xlsx(hoja, v) for v in _valores(hoja, convenio)]


def _valores(hoja, convenio):
    cuenta = convenio.cuenta
    return [
        convenio.folio,
        _celda(hoja, timezone.localtime(convenio.firmado).date(), FORMATO_FECHA),
        cuenta.numero,
        cuenta.titular.nombre_completo,
        cuenta.cartera.nombre,
        convenio.alternativa.nombre,
        convenio.campana.nombre if convenio.campana_id else "",
        _celda(hoja, convenio.adeudo, FORMATO_PESOS),
        _celda(hoja, convenio.descuento, FORMATO_PESOS),
        _celda(hoja, convenio.total, FORMATO_PESOS),
        nombre_de(convenio.capturado_por),
        nombre_de(convenio.autorizado_por),
        autoridad_del_descuento(convenio),
    ]


def descuentos_xlsx(convenios, totales, *, desde, hasta) -> bytes:
    """The report's rows (a queryset from selectors.descuentos_otorgados) and its totals."""
    libro = Workbook(write_only=True)
    hoja = libro.create_sheet("Descuentos")
    hoja.append([_celda(hoja, "Descuentos otorgados", negrita=True)])
    hoja.append(
        [
            _celda(hoja, "Periodo"),
            _celda(hoja, desde, FORMATO_FECHA),
            _celda(hoja, hasta, FORMATO_FECHA),
        ]
    )
    hoja.append([])
    hoja.append([_celda(hoja, texto, negrita=True) for texto in ENCABEZADOS])
    for convenio in convenios.iterator(chunk_size=LOTE):
        hoja.append(_fila(hoja, convenio))
    total = [_celda(hoja, f"Total ({totales['convenios']} convenios)", negrita=True)]
    total += [""] * (ENCABEZADOS.index("Adeudo") - 1)
    total += [
        _celda(hoja, totales[campo], FORMATO_PESOS, negrita=True)
        for campo in ("adeudo", "descuento", "total")
    ]
    hoja.append(total)
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()
