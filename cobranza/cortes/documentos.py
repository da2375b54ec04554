"""The printed orders of a cortador: its pending orders of a list, grouped by sector and
route in walking order, with blank columns for the crew (hora, lectura, firma) and
signature lines for the cortador and the supervisor."""

from itertools import groupby

from cobranza.cortes.selectors import ordenes_de_lista
from cobranza.models import OrdenCorte
from padron.membrete import membrete, textos_de_institucion
from padron.pdf import pdf_desde_plantilla


def ordenes_cortador_pdf(*, lista, cortador) -> bytes:
    ordenes = ordenes_de_lista(lista, estado=OrdenCorte.Estado.PENDIENTE, cortador=cortador)
    rutas = [
        {"sector": sector, "ruta": ruta, "ordenes": list(grupo)}
        for (sector, ruta), grupo in groupby(ordenes, key=lambda o: (o.sector, o.ruta))
    ]
    cartera = lista.cartera
    contexto = {
        "lista": lista,
        "cortador": cortador,
        "supervisor": lista.generada_por,
        "rutas": rutas,
        "total": sum(len(r["ordenes"]) for r in rutas),
        **textos_de_institucion(cartera),
        "membrete": membrete(cartera),
    }
    return pdf_desde_plantilla("cobranza/cortes/ordenes_pdf.html", contexto)
