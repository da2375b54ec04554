"""Printable documents of convenios: the convenio, its pagarés, the constancia de no adeudo.

The institution edits the clauses (PlantillaDocumento, per cartera and document) in the
admin; without one, the text in templates/convenios/clausulas_<tipo>.txt is used. The
clauses are a Django template with the convenio's variables.
"""

from django.template import Context, Template
from django.template.loader import get_template

from cobranza.models import Devolucion
from convenios.models import PlantillaDocumento
from padron.pdf import pdf_desde_plantilla


def _texto(cartera, tipo, contexto):
    plantilla = PlantillaDocumento.objects.filter(cartera=cartera, tipo=tipo).first()
    if plantilla is None:
        return {
            "encabezado": "",
            "clausulas": get_template(f"convenios/clausulas_{tipo}.txt").render(contexto),
            "pie": "",
        }
    return {
        campo: Template("{% load formato %}" + getattr(plantilla, campo)).render(Context(contexto))
        for campo in ("encabezado", "clausulas", "pie")
    }


def _contexto(convenio):
    cuenta = convenio.cuenta
    return {
        "convenio": convenio,
        "cuenta": cuenta,
        "titular": cuenta.titular,
        "cartera": cuenta.cartera,
        "institucion": cuenta.cartera.institucion or cuenta.cartera.nombre,
        "parcialidades": list(convenio.parcialidades.order_by("numero")),
        "cargos": list(
            convenio.cargos_cubiertos.select_related("cargo").order_by("cargo__fecha_vencimiento")
        ),
    }


def convenio_pdf(convenio) -> bytes:
    contexto = _contexto(convenio)
    contexto["texto"] = _texto(convenio.cuenta.cartera, PlantillaDocumento.Tipo.CONVENIO, contexto)
    return pdf_desde_plantilla("convenios/convenio_pdf.html", contexto)


def pagares_pdf(convenio) -> bytes:
    contexto = _contexto(convenio)
    contexto["texto"] = _texto(convenio.cuenta.cartera, PlantillaDocumento.Tipo.PAGARE, contexto)
    return pdf_desde_plantilla("convenios/pagares_pdf.html", contexto)


def constancia_pdf(constancia, url_verificacion) -> bytes:
    cuenta = constancia.cuenta
    contexto = {
        "constancia": constancia,
        "cuenta": cuenta,
        "titular": cuenta.titular,
        "institucion": cuenta.cartera.institucion or cuenta.cartera.nombre,
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
