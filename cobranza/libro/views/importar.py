"""Caja's and supervision's upload of a bank or collection-point payments file; the work runs
in the background (padron/importacion/) and its page shows the progress and the result."""

from django import forms
from django.shortcuts import render

from cobranza.libro.services.importacion import CANALES
from cobranza.models import Pago
from padron.importacion.models import Importacion
from padron.importacion.views import importacion_subir
from padron.permisos import requiere

ETIQUETAS = dict(Pago.Canal.choices)


class ImportarPagosForm(forms.Form):
    archivo = forms.FileField(
        label="Archivo CSV o XLSX (numero_cuenta, fecha, monto, referencia)",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    canal = forms.ChoiceField(
        label="Canal", choices=[(c, ETIQUETAS[c]) for c in CANALES], initial=Pago.Canal.BANCO
    )
    parcial = forms.BooleanField(
        label="Registrar las filas válidas aunque otras tengan errores",
        required=False,
        help_text="Sin esta opción no se registra ningún pago si alguna fila tiene errores.",
    )


@requiere("cobranza.importar_pagos")
def importar_pagos(request):
    form = ImportarPagosForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parametros = {"canal": form.cleaned_data["canal"], "parcial": form.cleaned_data["parcial"]}
        respuesta = importacion_subir(
            request, form, tipo=Importacion.Tipo.PAGOS, parametros=parametros
        )
        if respuesta:
            return respuesta
    recientes = Importacion.objects.filter(tipo=Importacion.Tipo.PAGOS).select_related("usuario")[
        :10
    ]
    return render(
        request,
        "cobranza/libro/importar_pagos.html",
        {"form": form, "recientes": recientes},
        status=400 if request.method == "POST" else 200,
    )
