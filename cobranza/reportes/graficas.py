"""The management charts, drawn on the server with matplotlib (Agg, no display, the fonts
matplotlib ships): SVG to inline in the dashboard, PNG (as a data URI) for the PDF. WeasyPrint
(padron.pdf) can draw SVG as well; the PDF keeps PNG because stored reports hold their charts
so, and a raster chart prints the same in every viewer.

Each `grafica_*` takes plain figures (Decimals, labels) and returns a Figure; `svg()` and
`png_data_uri()` turn it into what the page or the PDF needs. No pyplot: a Figure object per
chart keeps no global state, so two requests drawing at once do not mix their charts.
"""

import base64
import re
import threading
import weakref
from decimal import Decimal
from io import BytesIO, StringIO

import matplotlib

matplotlib.use("Agg")

from django.utils.html import escape  # noqa: E402 (after choosing the backend)
from matplotlib import rc_context  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

MESES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
COLORES = ("#1f5f8b", "#d9822b", "#3a8d5c", "#a23b3b", "#6b4c9a", "#7f7f7f")
ESTILO = {
    "svg.fonttype": "none",  # text stays text: lighter, and readable by tests and people
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
}
TAMANO = (6.4, 3.2)


def mes_corto(periodo) -> str:
    return f"{MESES[periodo.month - 1]} {periodo:%y}"


def _pesos_eje(valor, _posicion=None) -> str:
    valor = float(valor)
    if abs(valor) >= 1_000_000:
        return f"${valor / 1_000_000:,.1f} M"
    if abs(valor) >= 1_000:
        return f"${valor / 1_000:,.0f} mil"
    return f"${valor:,.0f}"


def _figura(titulo):
    # The title over the whole figure: long labels on the left do not push it off the edge.
    figura = Figure(figsize=TAMANO, layout="constrained")
    figura.suptitle(titulo, fontsize=11, fontweight="bold")
    return figura, figura.subplots()


def _sin_datos(ejes, texto="Sin datos para el periodo."):
    ejes.text(0.5, 0.5, texto, ha="center", va="center", transform=ejes.transAxes, color="#555")
    ejes.set_xticks([])
    ejes.set_yticks([])


# ---- the four charts ---------------------------------------------------------------
def grafica_recuperacion(series: dict) -> Figure:
    """Recovery % by month, one line per cartera: {nombre: [(periodo, porcentaje|None)]}.
    A month without past-due cartera at its start has no percentage: a gap in the line."""
    with rc_context(ESTILO):
        figura, ejes = _figura("Recuperación de cartera vencida (%), últimos 12 meses")
        periodos = next(iter(series.values()), [])
        if not any(v is not None for puntos in series.values() for _, v in puntos):
            _sin_datos(ejes)
            return figura
        posiciones = list(range(len(periodos)))
        for color, (nombre, puntos) in zip(COLORES, series.items(), strict=False):
            y = [float(v) if v is not None else float("nan") for _, v in puntos]
            ejes.plot(posiciones, y, marker="o", color=color, label=nombre)
        ejes.set_xticks(posiciones, [mes_corto(p) for p, _ in periodos], rotation=45)
        ejes.set_xlim(-0.5, len(periodos) - 0.5)
        ejes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f} %"))
        ejes.set_ylim(bottom=0)
        ejes.grid(axis="y", alpha=0.3)
        ejes.legend(loc="best", fontsize=8, frameon=False)
    return figura


# Two ways to age a debt, so two titles: the home dashboard puts a cuenta's whole past-due
# balance in the bucket of its oldest unpaid cargo; the statistics report puts each cargo in
# its own bucket.
ANTIGUEDAD_POR_CUENTA = "Cartera vencida por antigüedad del adeudo más antiguo de cada cuenta"
ANTIGUEDAD_POR_CARGO = "Cartera vencida por antigüedad de cada cargo"


def grafica_antiguedad(por_cartera: dict, rangos, titulo: str) -> Figure:
    """Past-due balance by aging bucket: {cartera: {rango: monto}}, rangos [(clave, etiqueta)]."""
    with rc_context(ESTILO):
        figura, ejes = _figura(titulo)
        if not any(any(m for m in montos.values()) for montos in por_cartera.values()):
            _sin_datos(ejes, "Sin cartera vencida.")
            return figura
        ancho = 0.8 / max(len(por_cartera), 1)
        posiciones = range(len(rangos))
        for i, (color, (nombre, montos)) in enumerate(
            zip(COLORES, por_cartera.items(), strict=False)
        ):
            valores = [float(montos.get(clave, 0)) for clave, _ in rangos]
            x = [p - 0.4 + ancho * (i + 0.5) for p in posiciones]
            ejes.bar(x, valores, width=ancho, color=color, label=nombre)
        ejes.set_xticks(list(posiciones), [etiqueta for _, etiqueta in rangos])
        ejes.set_xlabel("días vencidos")
        ejes.yaxis.set_major_formatter(FuncFormatter(_pesos_eje))
        ejes.grid(axis="y", alpha=0.3)
        ejes.legend(loc="best", fontsize=8, frameon=False)
    return figura


def grafica_por_servicio(montos: dict, titulo: str) -> Figure:
    """What was recovered by service: {servicio: monto}, largest first."""
    with rc_context(ESTILO):
        figura, ejes = _figura(titulo)
        filas = sorted(((k, float(v)) for k, v in montos.items() if v), key=lambda f: f[1])
        if not filas:
            _sin_datos(ejes, "Sin cobros en el mes.")
            return figura
        etiquetas, valores = zip(*filas, strict=True)
        barras = ejes.barh(etiquetas, valores, color=COLORES[2])
        ejes.bar_label(barras, labels=[_pesos_eje(v) for v in valores], padding=3, fontsize=8)
        ejes.xaxis.set_major_formatter(FuncFormatter(_pesos_eje))
        ejes.margins(x=0.2)
    return figura


def grafica_metas(filas, titulo: str) -> Figure:
    """Goals against results: [(indicador, meta, logrado)] as % of the goal achieved."""
    with rc_context(ESTILO):
        figura, ejes = _figura(titulo)
        filas = [f for f in filas if f[1]]
        if not filas:
            _sin_datos(ejes, "Sin metas fijadas para el periodo.")
            return figura
        etiquetas = [f[0] for f in filas]
        indices = [float(Decimal(f[2] or 0) * 100 / Decimal(f[1])) for f in filas]
        colores = [COLORES[2] if i >= 100 else COLORES[1] for i in indices]
        barras = ejes.barh(etiquetas, indices, color=colores)
        ejes.bar_label(barras, labels=[f"{i:,.1f} %" for i in indices], padding=3, fontsize=8)
        ejes.axvline(100, color="#333", linestyle="--", linewidth=1)
        ejes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f} %"))
        ejes.set_xlabel("índice de cumplimiento (logrado ÷ meta)")
        ejes.invert_yaxis()
        ejes.margins(x=0.2)
    return figura


# ---- output ------------------------------------------------------------------------
_PROLOGO = re.compile(r"^.*?(?=<svg)", re.DOTALL)


# A figure's SVG, kept while the figure lives (the gerencia home reuses its figures while
# their data is the same: tablero.py); one render at a time (matplotlib is not thread-safe).
_SVG_DE = weakref.WeakKeyDictionary()
_DIBUJANDO = threading.Lock()


def svg(figura: Figure, titulo: str = "") -> str:
    """The chart as an <svg> element to inline in HTML (no XML prologue, scales with its
    box). matplotlib's own output: trusted, so the template may mark it safe."""
    with _DIBUJANDO:
        hechos = _SVG_DE.setdefault(figura, {})
        if titulo not in hechos:
            hechos[titulo] = _svg(figura, titulo)
        return hechos[titulo]


def _svg(figura: Figure, titulo: str) -> str:
    salida = StringIO()
    with rc_context(ESTILO):
        figura.savefig(salida, format="svg", metadata={"Date": None, "Title": titulo or None})
    texto = _PROLOGO.sub("", salida.getvalue(), count=1)
    # Width from the container (CSS), height from the viewBox; role and label for readers.
    texto = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"', r"<svg \1", texto, count=1)
    etiqueta = f' role="img" aria-label="{escape(titulo)}"' if titulo else ' role="img"'
    return texto.replace("<svg ", f'<svg class="grafica"{etiqueta} ', 1)


def png(figura: Figure, dpi: int = 110) -> bytes:
    salida = BytesIO()
    with _DIBUJANDO, rc_context(ESTILO):
        figura.savefig(salida, format="png", dpi=dpi)
    return salida.getvalue()


def png_data_uri(figura: Figure, dpi: int = 110) -> str:
    """For the PDF: <img src="data:image/png;base64,..."> (padron.pdf fetches only data URIs)."""
    return "data:image/png;base64," + base64.b64encode(png(figura, dpi)).decode("ascii")
