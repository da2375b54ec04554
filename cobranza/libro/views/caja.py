"""Caja: register a payment on a cuenta (forma de pago, cash and change, the parcialidad
that is due) and show its receipt, on screen and on paper."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cobranza.caja import registro
from cobranza.libro.selectors import cuentas_visibles
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Pago
from padron.campos import CampoMonto
from padron.forms import errores_a_formulario
from padron.membrete import membrete
from padron.models import Cartera
from padron.pdf import pdf_desde_plantilla, respuesta_pdf
from padron.permisos import requiere

DINERO = {"inputmode": "decimal", "autocomplete": "off"}


class PagoForm(forms.Form):
    monto = CampoMonto(label="Monto a pagar", widget=forms.TextInput(attrs=DINERO))
    forma_pago = forms.ChoiceField(
        label="Forma de pago",
        choices=Pago.FormaPago.choices,
        initial=Pago.FormaPago.EFECTIVO,
        required=False,  # none chosen: cash, as the page always was
        widget=forms.RadioSelect,
    )
    efectivo_recibido = CampoMonto(
        label="Efectivo recibido",
        required=False,
        widget=forms.TextInput(attrs=DINERO),
        help_text="Lo que entrega el contribuyente; el cambio se calcula solo.",
    )
    tipo_tarjeta = forms.ChoiceField(
        label="Tarjeta",
        choices=[("", "—"), *Pago.TipoTarjeta.choices],
        required=False,
    )
    tarjeta_ultimos = forms.CharField(
        label="Últimos 4 dígitos",
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]{4}"}),
    )
    autorizacion = forms.CharField(label="Número de autorización", required=False, max_length=20)
    banco = forms.CharField(label="Banco", required=False, max_length=60)
    numero_cheque = forms.CharField(label="Número de cheque", required=False, max_length=20)
    referencia = forms.CharField(
        label="Referencia",
        required=False,
        max_length=60,
        help_text="En transferencias, la clave de rastreo SPEI. Se imprime en el recibo.",
    )
    canal = forms.ChoiceField(
        label="Dónde se recibió", choices=Pago.Canal.choices, initial=Pago.Canal.CAJA
    )
    clave = forms.CharField(
        widget=forms.HiddenInput
    )  # one per rendered form: a double click pays once

    # Which fields belong to which forma de pago (the page shows only those).
    DE_LA_FORMA = {
        "efectivo_recibido": Pago.FormaPago.EFECTIVO,
        "tipo_tarjeta": Pago.FormaPago.TARJETA,
        "tarjeta_ultimos": Pago.FormaPago.TARJETA,
        "autorizacion": Pago.FormaPago.TARJETA,
        "banco": Pago.FormaPago.CHEQUE,
        "numero_cheque": Pago.FormaPago.CHEQUE,
    }

    def campos_de_forma(self):
        return [(self[nombre], forma) for nombre, forma in self.DE_LA_FORMA.items()]


@requiere("cobranza.registrar_pago")
def pagar(request, numero):
    cuenta = get_object_or_404(
        cuentas_visibles(request.user).select_related("titular", "saldo"), numero=numero
    )
    por_pagar = registro.parcialidad_por_pagar(cuenta)
    inicial = {"clave": uuid.uuid4().hex}
    if por_pagar:
        inicial["monto"] = f"{por_pagar['propuesto']:.2f}"
    form = PagoForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            pago = pago_registrar(
                cuenta=cuenta,
                monto=datos["monto"],
                canal=datos["canal"],
                referencia=datos["referencia"],
                forma_pago=datos["forma_pago"] or Pago.FormaPago.EFECTIVO,
                efectivo_recibido=datos["efectivo_recibido"],
                tipo_tarjeta=datos["tipo_tarjeta"],
                tarjeta_ultimos=datos["tarjeta_ultimos"],
                autorizacion=datos["autorizacion"],
                banco=datos["banco"],
                numero_cheque=datos["numero_cheque"],
                registrado_por=request.user,
                clave_idempotencia=datos["clave"],
            )
            return redirect("cobranza:pago", folio=pago.folio)
        except ValidationError as error:
            errores_a_formulario(form, error)
    return render(
        request,
        "cobranza/libro/pagar.html",
        {"cuenta": cuenta, "form": form, "por_pagar": por_pagar},
    )


def _recibo(request, folio):
    pago = get_object_or_404(
        Pago.objects.select_related(
            "cuenta__saldo", "cuenta__titular", "cuenta__cartera", "registrado_por", "corte"
        ),
        folio=folio,
        cuenta__in=cuentas_visibles(request.user),
    )
    cartera = pago.cuenta.cartera
    return {
        "pago": pago,
        "otro_dia": pago.fecha != timezone.localdate(pago.registrado),  # a back-dated payment
        "aplicaciones": list(
            pago.aplicaciones.filter(reversion__isnull=True).select_related("cargo").order_by("id")
        ),
        "convenio": registro.pagado_por_el_pago(pago),
        "institucion": cartera.institucion or cartera.nombre,
        "cartera": cartera,
    }


@requiere("padron.ver_padron")
def pago(request, folio):
    return render(request, "cobranza/libro/pago.html", _recibo(request, folio))


@requiere("padron.ver_padron")
def recibo_pdf(request, folio):
    contexto = _recibo(request, folio)
    cartera = contexto["cartera"]
    contexto["membrete"] = membrete(cartera)
    contexto["ticket"] = cartera.formato_recibo == Cartera.FormatoRecibo.TICKET_80MM
    if contexto["ticket"]:
        # Continuous paper: as long as the receipt, so it never breaks onto a second page.
        renglones = len(contexto["aplicaciones"]) + len(
            (contexto["convenio"] or {}).get("parcialidades", [])
        )
        contexto["alto_ticket"] = 125 + 7 * renglones
    contenido = pdf_desde_plantilla("cobranza/libro/recibo_pdf.html", contexto)
    return respuesta_pdf(contenido, f"recibo-{folio}.pdf")
