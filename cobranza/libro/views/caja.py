"""Caja: register a payment on a cuenta and show its receipt."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from cobranza.libro.selectors import cuentas_visibles
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Pago
from padron.pdf import pdf_desde_plantilla, respuesta_pdf
from padron.permisos import requiere


class PagoForm(forms.Form):
    monto = forms.CharField(label="Monto")
    canal = forms.ChoiceField(label="Canal", choices=Pago.Canal.choices, initial=Pago.Canal.CAJA)
    referencia = forms.CharField(label="Referencia", required=False)
    clave = forms.CharField(
        widget=forms.HiddenInput
    )  # one per rendered form: a double click pays once


@requiere("cobranza.registrar_pago")
def pagar(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    form = PagoForm(request.POST or None, initial={"clave": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            pago = pago_registrar(
                cuenta=cuenta,
                monto=form.cleaned_data["monto"],
                canal=form.cleaned_data["canal"],
                referencia=form.cleaned_data["referencia"],
                registrado_por=request.user,
                clave_idempotencia=form.cleaned_data["clave"],
            )
            return redirect("cobranza:pago", folio=pago.folio)
        except ValidationError as error:
            for campo, mensajes in error.message_dict.items():
                form.add_error(campo if campo in form.fields else None, mensajes)
    return render(request, "cobranza/libro/pagar.html", {"cuenta": cuenta, "form": form})


def _recibo(request, folio):
    pago = get_object_or_404(
        Pago.objects.select_related("cuenta__saldo", "cuenta__titular", "cuenta__cartera"),
        folio=folio,
        cuenta__in=cuentas_visibles(request.user),
    )
    cartera = pago.cuenta.cartera
    return {
        "pago": pago,
        "aplicaciones": pago.aplicaciones.select_related("cargo").order_by("id"),
        "institucion": cartera.institucion or cartera.nombre,
    }


@requiere("padron.ver_padron")
def pago(request, folio):
    return render(request, "cobranza/libro/pago.html", _recibo(request, folio))


@requiere("padron.ver_padron")
def recibo_pdf(request, folio):
    contenido = pdf_desde_plantilla("cobranza/libro/recibo_pdf.html", _recibo(request, folio))
    return respuesta_pdf(contenido, f"recibo-{folio}.pdf")
