"""The supervisor's ledger pages: reverse a pago, adjust a cargo, charge an
extraordinary cargo, and the list of ajustes and reversals with who authorised them.

Each page calls one service and, when done, goes back to the account page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from cobranza.libro.filtros import COLUMNAS_AJUSTES, AjustesFiltro
from cobranza.libro.selectors import (
    ETIQUETAS,
    cargo_para_ajustar,
    cuentas_permitidas,
    pago_para_revertir,
)
from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_revertir
from cobranza.libro.services.recargos import periodo_leer
from cobranza.models import Ajuste, Cargo, Concepto, Pago, Servicio
from padron.campos import CampoFecha, CampoMonto
from padron.dinero import formato_pesos
from padron.forms import errores_a_formulario
from padron.listados import Listado
from padron.permisos import requiere

POR_PAGINA = 50


def _a_la_cuenta(numero):
    """The account page (front desk's); the padrón history until it exists."""
    try:
        return redirect(reverse("cobranza:cuenta", args=[numero]))
    except NoReverseMatch:
        return redirect("padron:cuenta_historial", numero=numero)


def _url_cuenta(numero):
    try:
        return reverse("cobranza:cuenta", args=[numero])
    except NoReverseMatch:
        return reverse("padron:cuenta_historial", args=[numero])


def _motivo(etiqueta="Motivo"):
    return forms.CharField(
        label=etiqueta,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Queda en el libro y en el historial junto con su usuario y la fecha.",
        error_messages={"required": "Indique el motivo."},
    )


# --- reversión de un pago ---------------------------------------------------------------


class ReversionForm(forms.Form):
    motivo = _motivo("Motivo de la reversión")
    confirmar = forms.BooleanField(
        label="Confirmo que este pago debe revertirse: lo que pagó vuelve a adeudarse.",
        error_messages={"required": "Marque la casilla para confirmar la reversión."},
    )


@requiere("cobranza.revertir_pago")
def pago_revertir_pagina(request, folio):
    try:
        pago = pago_para_revertir(usuario=request.user, folio=folio)
    except Pago.DoesNotExist as exc:
        raise Http404("No existe ese pago.") from exc
    form = ReversionForm(request.POST or None)
    if pago.estado == Pago.Estado.REVERTIDO and request.method == "POST":
        form.is_valid()
        form.add_error(None, f"El pago {pago.folio} ya fue revertido.")
    elif request.method == "POST" and form.is_valid():
        try:
            pago_revertir(
                pago=pago, motivo=form.cleaned_data["motivo"], autorizado_por=request.user
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Pago {pago.folio} por {formato_pesos(pago.monto)} revertido: "
                "lo que pagó vuelve a adeudarse.",
            )
            return _a_la_cuenta(pago.cuenta.numero)
    aplicaciones = sorted(pago.aplicaciones.all(), key=lambda a: (a.reversion_id is not None, a.id))
    contexto = {
        "pago": pago,
        "form": form,
        "aplicaciones": aplicaciones,
        "url_cuenta": _url_cuenta(pago.cuenta.numero),
    }
    estado = 400 if request.method == "POST" else 200
    return render(request, "cobranza/libro/reversion_pago.html", contexto, status=estado)


# --- ajuste de un cargo ---------------------------------------------------------------------


class AjusteForm(forms.Form):
    tipo = forms.ChoiceField(label="Tipo de ajuste", choices=Ajuste.Tipo.choices)
    monto = CampoMonto(
        label="Monto",
        required=False,
        help_text="Para bonificación o condonación; la cancelación es por todo el saldo.",
    )
    motivo = _motivo()


@requiere("cobranza.autorizar_ajuste")
def cargo_ajustar(request, pk):
    try:
        cargo = cargo_para_ajustar(usuario=request.user, pk=pk)
    except Cargo.DoesNotExist as exc:
        raise Http404("No existe ese cargo.") from exc
    form = AjusteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            ajuste = ajuste_registrar(
                cargo=cargo,
                tipo=datos["tipo"],
                monto=datos["monto"],
                motivo=datos["motivo"],
                autorizado_por=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"{ajuste.get_tipo_display()} de {formato_pesos(ajuste.monto)} registrada "
                f"en el cargo {cargo}.",
            )
            return _a_la_cuenta(cargo.cuenta.numero)
    contexto = {"cargo": cargo, "form": form, "url_cuenta": _url_cuenta(cargo.cuenta.numero)}
    estado = 400 if request.method == "POST" else 200
    return render(request, "cobranza/libro/ajuste_cargo.html", contexto, status=estado)


# --- cargo de facturación -------------------------------------------------------------------

# A single bill typed by hand. Recargos come only from the monthly run; extraordinary
# charges, multas and reconexiones are proposed and authorised by another person
# (cobranza/facturacion/); gastos de ejecución come from the PEC.
CONCEPTOS_MANUALES = [
    (c, e)
    for c, e in Concepto.choices
    if c
    not in (
        Concepto.RECARGO,
        Concepto.EXTRAORDINARIO,
        Concepto.MULTA,
        Concepto.RECONEXION,
        Concepto.GASTO_EJECUCION,
    )
]


class PeriodoField(forms.CharField):
    def to_python(self, valor):
        valor = super().to_python(valor)
        if not valor:
            return None
        try:
            return periodo_leer(valor)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["periodo"]) from exc


class CargoNuevoForm(forms.Form):
    concepto = forms.ChoiceField(
        label="Concepto", choices=CONCEPTOS_MANUALES, initial=Concepto.CONSUMO_AGUA
    )
    servicio = forms.ChoiceField(
        label="Servicio", choices=[("", "Según el concepto"), *Servicio.choices], required=False
    )
    monto = CampoMonto(label="Monto", error_messages={"required": "Indique el monto."})
    fecha_vencimiento = CampoFecha(
        label="Fecha de vencimiento",
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/aaaa"}),
        error_messages={
            "required": "Indique la fecha de vencimiento.",
            "invalid": "Fecha no válida; use dd/mm/aaaa.",
        },
    )
    periodo = PeriodoField(
        label="Periodo (mes facturado)",
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "mm/aaaa"}),
    )
    volumen_m3 = forms.DecimalField(
        label="Volumen facturado (m³)",
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        error_messages={"invalid": "El volumen debe ser un número."},
    )
    descripcion = forms.CharField(
        label="Descripción",
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Qué se cobra y por qué; queda en el estado de cuenta.",
        error_messages={"required": "Describa el cargo."},
    )


@requiere("cobranza.registrar_cargo")
def cargo_nuevo(request, numero):
    cuenta = cuentas_permitidas(request.user).select_related("titular").filter(numero=numero)
    cuenta = cuenta.first()
    if cuenta is None:
        raise Http404("No existe esa cuenta.")
    form = CargoNuevoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        try:
            cargo = cargo_registrar(
                cuenta=cuenta,
                concepto=datos["concepto"],
                servicio=datos["servicio"] or None,
                monto=datos["monto"],
                fecha_vencimiento=datos["fecha_vencimiento"],
                periodo=datos["periodo"],
                volumen_m3=datos["volumen_m3"],
                descripcion=datos["descripcion"],
                registrado_por=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Cargo «{cargo.get_concepto_display()}» de {formato_pesos(cargo.monto)} "
                f"registrado en la cuenta {cuenta.numero}.",
            )
            return _a_la_cuenta(cuenta.numero)
    contexto = {"cuenta": cuenta, "form": form, "url_cuenta": _url_cuenta(cuenta.numero)}
    estado = 400 if request.method == "POST" else 200
    return render(request, "cobranza/libro/cargo_nuevo.html", contexto, status=estado)


# --- ajustes y reversiones ------------------------------------------------------------------


@requiere("cobranza.autorizar_ajuste")
def ajustes(request):
    listado = Listado(
        request,
        Ajuste.objects.none(),  # AjustesFiltro builds the rows from its dates
        filtros=AjustesFiltro,
        columnas=COLUMNAS_AJUSTES,
        orden="-fecha",
        por_pagina=POR_PAGINA,
        sustantivo=("movimiento", "movimientos"),
        desempate=None,
    )
    filas = [
        {**m._asdict(), "tipo_texto": ETIQUETAS.get(m.tipo_movimiento)} for m in listado.pagina
    ]
    conceptos = dict(Concepto.choices)
    for fila in filas:
        fila["concepto_texto"] = conceptos.get(fila["concepto"], "")
        fila["autorizo"] = " ".join(p for p in (fila["nombre"], fila["apellido"]) if p)
        fila["url_cuenta"] = _url_cuenta(fila["cuenta_numero"])
    contexto = {
        "listado": listado,
        "desde": listado.filtro.desde,
        "hasta": listado.filtro.hasta,
        "filas": filas,
    }
    return render(request, "cobranza/libro/ajuste_lista.html", contexto)
