"""{% tablero_gerencia as tablero %}: the gerencia dashboard's charts (inline SVG) and the
links to the last closed month's stored PDFs, for the role's home page."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

register = template.Library()


def _url_archivo(reporte, cartera, formato):
    return reverse(
        "cobranza:reporte_guardado_archivo",
        kwargs={
            "tipo": reporte.tipo,
            "cartera": cartera.clave,
            "periodo": f"{reporte.periodo:%Y-%m}",
            "formato": formato,
        },
    )


@register.simple_tag(takes_context=True)
def tablero_gerencia(context):
    request = context.get("request")
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.has_perm("cobranza.ver_reportes"):
        return None
    from cobranza.reportes import graficas
    from cobranza.reportes.tablero import graficas_del_tablero, tablero_cargar

    tablero = tablero_cargar()
    return {
        "periodo_nombre": tablero.periodo_nombre,
        "sin_reporte": tablero.sin_reporte_del_mes(),
        # matplotlib's own SVG (graficas.svg escapes the titles): trusted markup.
        "graficas": [
            {"clave": clave, "titulo": titulo, "svg": mark_safe(graficas.svg(figura, titulo))}  # noqa: S308
            for clave, (titulo, figura) in graficas_del_tablero(tablero).items()
        ],
        "reportes": [
            {
                "cartera": cartera,
                "reporte": reporte,
                "pdf": _url_archivo(reporte, cartera, "pdf"),
                "xlsx": _url_archivo(reporte, cartera, "xlsx"),
            }
            for cartera, reporte in ((c, tablero.del_mes(c)) for c in tablero.carteras)
            if reporte is not None
        ],
    }
