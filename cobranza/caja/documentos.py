"""The corte de caja on paper: count, totals by forma de pago, receipts, two signatures."""

from cobranza.caja.models import DENOMINACIONES, clave_denominacion
from cobranza.caja.selectors import recibos_del_corte, resumen_corte
from padron.membrete import membrete
from padron.pdf import pdf_desde_plantilla


def contexto_corte(corte) -> dict:
    """What the corte's page and its PDF show."""
    piezas = corte.conteo or {}
    conteo = []
    for tipo, valor in DENOMINACIONES:
        cantidad = piezas.get(clave_denominacion(tipo, valor), 0)
        conteo.append(
            {"tipo": tipo, "valor": valor, "piezas": cantidad, "importe": valor * cantidad}
        )
    recibos = list(recibos_del_corte(corte))
    return {
        "corte": corte,
        "conteo": conteo,
        "recibos": recibos,
        "revertidos": sum(1 for r in recibos if r.estado == r.Estado.REVERTIDO),
        **resumen_corte(corte),
    }


def corte_pdf(corte) -> bytes:
    """The signed corte. Its cartera's letterhead: the one of its receipts (the first)."""
    contexto = contexto_corte(corte)
    cartera = contexto["recibos"][0].cuenta.cartera if contexto["recibos"] else None
    borrador = "" if corte.cerrado else "el corte sigue abierto; imprímalo al cerrarlo"
    return pdf_desde_plantilla(
        "cobranza/caja/corte_pdf.html",
        {**contexto, "membrete": membrete(cartera), "borrador": borrador},
    )
