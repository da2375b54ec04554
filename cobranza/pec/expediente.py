"""The PEC's printed papers for a cuenta (the stage document, the citatorio when one was left,
the acta once notified), so the expediente documental lists them."""

from cobranza.archivo.services.expedientes import Generado, generador
from cobranza.models import Diligencia


def papeles_de(cuenta):
    for d in Diligencia.objects.filter(expediente__cuenta=cuenta).order_by("emitida", "pk"):
        etapa = d.get_etapa_display()
        yield Generado(f"diligencia:{d.pk}", "requerimiento", f"{etapa} {d.folio}")
        if d.citatorio:
            yield Generado(f"citatorio:{d.pk}", "citatorio", f"Citatorio de {d.folio}")
        if d.notificada:
            yield Generado(f"acta:{d.pk}", "acta", f"Acta de notificación de {d.folio}")


def registrar():
    generador(papeles_de)
