"""The estado de cuenta as a printed document: the ledger as of a day (selectors.estado_de_cuenta),
the cartera's letterhead, the balance in words and the reference to pay it at the bank."""

from cobranza.libro.selectors import estado_de_cuenta
from padron.membrete import membrete, textos_de_institucion
from padron.pdf import pdf_desde_plantilla


def estado_cuenta_pdf(*, cuenta, al) -> bytes:
    contexto = {
        **estado_de_cuenta(cuenta=cuenta, al=al),
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        # Bank and transfer payments are matched to the cuenta by its number (the bank file
        # of cobranza.libro.services.importacion reads numero_cuenta): that is the reference.
        "referencia": cuenta.numero,
    }
    return pdf_desde_plantilla("cobranza/libro/estado_cuenta_pdf.html", contexto)
