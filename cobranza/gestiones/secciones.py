"""The account page's «Últimos movimientos»: the 10 newest events of the timeline, loaded
when the clerk opens them (one query per event source, so not on every page view), the
cuenta's vigente promesas and the form to register a gestión (cobranza.libro.secciones)."""

from functools import cache

from django.template.loader import render_to_string

from cobranza.gestiones.linea_de_tiempo import ULTIMOS
from cobranza.gestiones.services import pagado_en_plazo
from cobranza.gestiones.views import GestionForm
from cobranza.models import PromesaPago
from padron.fechas import hoy


@cache
def campos_de_gestion():
    """The empty form's fields as HTML. They are the same on every view of every cuenta, and
    Django's widget templates (a select of a dozen options is a dozen includes) cost more than
    the rest of the page's template: rendered once per process."""
    return render_to_string("cobranza/gestiones/_campos.html", {"form": GestionForm()})


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
        "campos": campos_de_gestion() if puede_registrar else "",
    }
