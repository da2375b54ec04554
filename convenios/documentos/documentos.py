"""Printable documents of convenios: the convenio, its pagarés, the constancia de no adeudo.

The institution edits the clauses (PlantillaDocumento, per cartera and document) in the
admin; without one, the text in templates/convenios/clausulas_<tipo>.txt is used. The
clauses are a Django template with the convenio's variables: `institucion`,
`a_la_institucion` ("al Organismo…"), `de_la_institucion`, `convenio`, `cuenta`, `titular`,
`pago` (how it is paid, see `forma_de_pago`) and, in a pagaré, `parcialidad`.

A convenio printed before it is authorised carries "BORRADOR — sin validez" and the reason
(documento.html), on the convenio and on each pagaré.
"""

from django.template import Context, Template
from django.template.loader import get_template
from django.utils import timezone

from cobranza.models import Devolucion
from convenios.models import Convenio, PlantillaDocumento
from padron.membrete import membrete, textos_de_institucion
from padron.pdf import pdf_desde_plantilla

SIN_VALIDEZ = {
    Convenio.Estado.BORRADOR: "el convenio es un borrador; aún no se envía a autorización",
    Convenio.Estado.PENDIENTE: "el convenio está pendiente de autorización",
}


def _texto(cartera, tipo, contexto, plantilla=None):
    if plantilla is None:
        plantilla = PlantillaDocumento.objects.filter(cartera=cartera, tipo=tipo).first()
    if not plantilla:
        return {
            "encabezado": "",
            "clausulas": get_template(f"convenios/clausulas_{tipo}.txt").render(contexto),
            "pie": "",
        }
    return {
        campo: Template("{% load formato %}" + getattr(plantilla, campo)).render(Context(contexto))
        for campo in ("encabezado", "clausulas", "pie")
    }


def forma_de_pago(parcialidades):
    """How the convenio is paid, so the clauses fit 0, 1 or N parcialidades after the
    enganche: `un_solo_pago` (contado, or an enganche that covers everything) has no "resto"
    and no "parcialidades" to stop paying."""
    enganche = next((p for p in parcialidades if p.numero == 0), None)
    plazos = [p for p in parcialidades if p.numero > 0]
    return {
        "enganche": enganche,
        "plazos": plazos,
        "numero_plazos": len(plazos),
        "resto": sum(p.monto for p in plazos),
        "pagos": len(parcialidades),
        "un_solo_pago": len(parcialidades) == 1,
        "unico": parcialidades[0] if len(parcialidades) == 1 else None,
    }


def _contexto(convenio):
    cuenta = convenio.cuenta
    parcialidades = list(convenio.parcialidades.order_by("numero"))
    return {
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        "convenio": convenio,
        "cuenta": cuenta,
        "titular": cuenta.titular,
        "cartera": cuenta.cartera,
        "parcialidades": parcialidades,
        "pago": forma_de_pago(parcialidades),
        "cargos": list(
            convenio.cargos_cubiertos.select_related("cargo").order_by("cargo__fecha_vencimiento")
        ),
        # Convenio and pagarés are signed together: the day it was signed, or captured.
        "fecha_suscripcion": timezone.localtime(convenio.firmado or convenio.capturado).date(),
        "borrador": SIN_VALIDEZ.get(convenio.estado, ""),
    }


def convenio_pdf(convenio) -> bytes:
    contexto = _contexto(convenio)
    contexto["texto"] = _texto(convenio.cuenta.cartera, PlantillaDocumento.Tipo.CONVENIO, contexto)
    return pdf_desde_plantilla("convenios/convenio_pdf.html", contexto)


def pagares_pdf(convenio) -> bytes:
    """One pagaré per parcialidad (the enganche too), each with its own amount in words."""
    contexto = _contexto(convenio)
    cartera, tipo = convenio.cuenta.cartera, PlantillaDocumento.Tipo.PAGARE
    # Read once for all pagarés; False (not None) when the cartera has no text of its own.
    plantilla = PlantillaDocumento.objects.filter(cartera=cartera, tipo=tipo).first() or False
    contexto["pagares"] = [
        {
            "parcialidad": p,
            "texto": _texto(cartera, tipo, {**contexto, "parcialidad": p}, plantilla),
        }
        for p in contexto["parcialidades"]
    ]
    return pdf_desde_plantilla("convenios/pagares_pdf.html", contexto)


def constancia_pdf(constancia, url_verificacion) -> bytes:
    cuenta = constancia.cuenta
    contexto = {
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        "constancia": constancia,
        "cuenta": cuenta,
        "titular": cuenta.titular,
        "url_verificacion": url_verificacion,
        # The originals (pagarés, contratos) already handed back to the debtor, with their acuse.
        "devoluciones": list(
            Devolucion.objects.filter(documento__legajo__cuenta=cuenta)
            .select_related("documento__tipo")
            .order_by("fecha", "folio")
        ),
    }
    contexto["texto"] = _texto(cuenta.cartera, PlantillaDocumento.Tipo.CONSTANCIA, contexto)
    return pdf_desde_plantilla("convenios/constancia_pdf.html", contexto)
