"""Printable documents of the PEC: each stage's document (invitación, requerimiento,
mandamiento, ...), the citatorio and the acta de notificación, with the diligence's folio.

The institution edits the texts (EtapaPEC.texto, ParametrosPEC.texto_citatorio/_acta);
when empty, templates/cobranza/pec/texto_<documento>.txt is used. Texts are Django templates.
"""

from django.template import Context, Template
from django.template.loader import select_template

from cobranza.models import EtapaPEC, SaldoCuenta
from cobranza.pec.dias_habiles import horario_de
from padron.membrete import membrete, textos_de_institucion
from padron.pdf import pdf_desde_plantilla

DOCUMENTOS = {
    "documento": "Documento de la etapa",
    "citatorio": "Citatorio",
    "acta": "Acta de notificación",
}


def _contexto(diligencia):
    expediente = diligencia.expediente
    cuenta = expediente.cuenta
    saldo = SaldoCuenta.objects.filter(cuenta=cuenta).first()
    return {
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        "diligencia": diligencia,
        "expediente": expediente,
        "cuenta": cuenta,
        "titular": cuenta.titular,
        "cartera": cuenta.cartera,
        "adeudo": saldo.saldo_vencido if saldo else expediente.adeudo_inicial,
        "horario": horario_de(cuenta.cartera),
    }


def _texto_editable(diligencia, documento):
    cartera = diligencia.expediente.cuenta.cartera
    if documento == "documento":
        etapa = EtapaPEC.objects.filter(cartera=cartera, etapa=diligencia.etapa).first()
        return etapa.texto if etapa else ""
    horario = horario_de(cartera)
    return horario.texto_citatorio if documento == "citatorio" else horario.texto_acta


def texto_de(diligencia, documento, contexto) -> str:
    editable = _texto_editable(diligencia, documento)
    if editable.strip():
        return Template("{% load formato %}" + editable).render(Context(contexto))
    nombre = diligencia.etapa if documento == "documento" else documento
    plantilla = select_template(
        [f"cobranza/pec/texto_{nombre}.txt", "cobranza/pec/texto_general.txt"]
    )
    return plantilla.render(contexto)


def diligencia_pdf(diligencia, documento) -> bytes:
    contexto = _contexto(diligencia)
    contexto["titulo"] = (
        diligencia.get_etapa_display() if documento == "documento" else DOCUMENTOS[documento]
    )
    contexto["documento"] = documento
    contexto["texto"] = texto_de(diligencia, documento, contexto)
    return pdf_desde_plantilla("cobranza/pec/documento_pdf.html", contexto)
