"""The account page's «Últimos movimientos»: the 10 newest events of the timeline, loaded
when the clerk opens them (one query per event source, so not on every page view), the
cuenta's vigente promesas and the form to register a gestión (cobranza.libro.secciones)."""

from cobranza.gestiones.linea_de_tiempo import ULTIMOS
from cobranza.gestiones.services import pagado_en_plazo
from cobranza.gestiones.views import GestionForm
from cobranza.models import PromesaPago
from padron.fechas import hoy


def seccion_gestiones(request, cuenta):
    puede_registrar = request.user.has_perm("cobranza.registrar_gestion")
    promesas = (
        PromesaPago.objects.filter(cuenta=cuenta, estado=PromesaPago.Estado.VIGENTE)
        .annotate(pagado_al=pagado_en_plazo(hoy()))
        .order_by("fecha_compromiso", "pk")
    )
    return {
        "plantilla": "cobranza/gestiones/_seccion.html",
        "cuenta": cuenta,
        "ultimos": ULTIMOS,
        "promesas": promesas,
        "form": GestionForm() if puede_registrar else None,
    }
