"""One chart per closed question of a survey's results (scale, sí/no, choice), drawn with the
reports' matplotlib style and inlined as SVG (cobranza/reportes/graficas.py)."""

from cobranza.atencion.models import Pregunta
from cobranza.reportes.graficas import COLORES, ESTILO, Figure, rc_context, svg

ALTO_POR_BARRA = 0.45


def _figura(titulo, barras):
    figura = Figure(figsize=(6.4, max(1.6, 0.8 + ALTO_POR_BARRA * barras)), layout="constrained")
    figura.suptitle(titulo, fontsize=10, fontweight="bold")
    return figura, figura.subplots()


def _literal(texto: str) -> str:
    # A pair of "$" would start matplotlib's math mode: money in a question stays text.
    return texto.replace("$", r"\$")


def _titulo(resultado) -> str:
    texto = resultado.pregunta.texto
    texto = _literal(texto if len(texto) <= 70 else f"{texto[:69]}…")
    if resultado.promedio is not None:
        return f"{texto} (promedio {resultado.promedio})"
    return texto


def grafica_pregunta(resultado) -> Figure:
    """Horizontal bars, one per possible answer in its order, labelled with count and %."""
    with rc_context(ESTILO):
        figura, ejes = _figura(_titulo(resultado), len(resultado.conteos))
        if not resultado.respuestas:
            ejes.text(
                0.5,
                0.5,
                "Sin respuestas en el periodo.",
                ha="center",
                va="center",
                transform=ejes.transAxes,
                color="#555",
            )
            ejes.set_xticks([])
            ejes.set_yticks([])
            return figura
        etiquetas = [_literal(etiqueta) for _, etiqueta, _ in resultado.conteos]
        valores = [n for _, _, n in resultado.conteos]
        color = COLORES[0] if resultado.pregunta.tipo == Pregunta.Tipo.ESCALA else COLORES[2]
        # Positions, not the labels, on the axis: "1".."5" would be read as numbers.
        posiciones = list(range(len(valores)))
        barras = ejes.barh(posiciones, valores, color=color)
        ejes.set_yticks(posiciones, etiquetas)
        ejes.bar_label(
            barras,
            labels=[f"{n} ({resultado.porcentaje(n)} %)" for n in valores],
            padding=3,
            fontsize=8,
        )
        ejes.invert_yaxis()  # first value on top
        ejes.set_xticks([])
        ejes.spines["bottom"].set_visible(False)
        ejes.margins(x=0.25)
    return figura


def svg_pregunta(resultado) -> str:
    return svg(grafica_pregunta(resultado), resultado.pregunta.texto)
