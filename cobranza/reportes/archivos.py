"""The files of a report, from its data: the PDF (its type's template, laid out by
padron.pdf with WeasyPrint, with its charts as PNG) and the XLSX (its type's sheets, openpyxl write-only).

The same functions serve the stored versions (guardados.py) and the live downloads of the
report pages, so a file always says what the data it came from says.
"""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

from cobranza.reportes.registro import REPORTES, TipoReporte
from padron.exportar import celda_xlsx
from padron.membrete import membrete
from padron.models import Cartera
from padron.pdf import pdf_desde_plantilla

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_PROHIBIDOS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _tipo(tipo) -> TipoReporte:
    return tipo if isinstance(tipo, TipoReporte) else REPORTES[tipo]


def nombre_archivo(datos: dict, extension: str) -> str:
    return f"{datos['tipo']}-{datos['cartera']['clave']}-{datos['periodo']}.{extension}"


# --- PDF -----------------------------------------------------------------------------------


def _graficas_recuperacion(datos, graficas):
    cobrado = {
        f["nombre"]: Decimal(f["cobrado_vencido"]) + Decimal(f["cobrado_corriente"])
        for f in datos["desglose"]["servicio"]
    }
    titulo = "Cobrado en el mes por servicio"
    return [(titulo, graficas.grafica_por_servicio(cobrado, titulo))]


def _graficas_estadisticas(datos, graficas):
    celdas = zip(datos["rangos"], datos["totales"]["celdas"], strict=True)
    montos = {rango["clave"]: Decimal(celda["monto"]) for rango, celda in celdas}
    rangos = [(r["clave"], r["clave"]) for r in datos["rangos"]]
    titulo = graficas.ANTIGUEDAD_POR_CARGO
    figura = graficas.grafica_antiguedad({datos["cartera"]["nombre"]: montos}, rangos, titulo)
    return [(titulo, figura)]


def graficas_de(tipo: TipoReporte, datos: dict) -> list[dict]:
    """The charts of the PDF: [{titulo, src}] with src a PNG data URI. WeasyPrint would draw
    SVG too, but the PNG at 110 dpi is what stored reports already hold. Drawn from the data
    alone, so a stored report's PDF can be redrawn."""
    from cobranza.reportes import graficas

    figuras = {
        "recuperacion": _graficas_recuperacion,
        "estadisticas": _graficas_estadisticas,
    }.get(tipo.clave, lambda *_: [])(datos, graficas)
    metas = [(m["nombre"], m["meta"], m["logrado"]) for m in datos.get("metas", [])]
    if metas:
        titulo = "Metas contra resultados"
        figuras.append((titulo, graficas.grafica_metas(metas, titulo)))
    return [{"titulo": titulo, "src": graficas.png_data_uri(f)} for titulo, f in figuras]


def reporte_pdf(tipo, datos: dict, *, graficas: list | None = None) -> bytes:
    """`tipo` a TipoReporte or its clave; `graficas` [{titulo, src}] or None to draw them."""
    tipo = _tipo(tipo)
    # The data keep the cartera's name; its letterhead (logo, address) is read today.
    cartera = Cartera.objects.filter(clave=datos["cartera"].get("clave")).first()
    contexto = {
        "datos": datos,
        "institucion": datos["cartera"].get("institucion") or datos["cartera"]["nombre"],
        "membrete": {
            **membrete(cartera),
            "institucion": datos["cartera"].get("institucion") or datos["cartera"]["nombre"],
        },
        "graficas": graficas_de(tipo, datos) if graficas is None else graficas,
    }
    return pdf_desde_plantilla(tipo.plantilla_pdf, contexto)


# --- XLSX ----------------------------------------------------------------------------------


def _nombre_hoja(nombre: str, usados: set) -> str:
    # Excel: at most 31 characters, none of []:*?/\ and unique in the book.
    base = nombre.translate(_PROHIBIDOS).strip()[:31] or "Hoja"
    candidato, n = base, 1
    while candidato.lower() in usados:
        n += 1
        candidato = f"{base[: 31 - len(str(n)) - 1]} {n}"
    usados.add(candidato.lower())
    return candidato


def _celda(hoja, valor, negrita=False):
    # padron.exportar: amounts formatted, text that starts like a formula written as text.
    return celda_xlsx(hoja, valor, negrita=negrita)


def reporte_xlsx(tipo, datos: dict) -> bytes:
    """One sheet per (nombre, encabezados, filas) of the type's `hojas(datos)`."""
    tipo = _tipo(tipo)
    libro = Workbook(write_only=True)
    usados = set()
    portada = libro.create_sheet(_nombre_hoja("Reporte", usados))
    for etiqueta, valor in (
        ("Reporte", datos.get("titulo", tipo.titulo)),
        ("Cartera", datos["cartera"]["nombre"]),
        ("Periodo", datos.get("periodo_nombre", datos["periodo"])),
        ("Calculado el", datos.get("calculado", "")),
    ):
        portada.append([_celda(portada, etiqueta, negrita=True), _celda(portada, valor)])
    for nombre, encabezados, filas in tipo.hojas(datos):
        hoja = libro.create_sheet(_nombre_hoja(nombre, usados))
        hoja.append([_celda(hoja, e, negrita=True) for e in encabezados])
        for fila in filas:
            hoja.append([_celda(hoja, v) for v in fila])
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()
