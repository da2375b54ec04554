"""Pages of the caja: the cashier's open corte and its close, the list of cortes, one corte
and its PDF. Each page checks its permission; a cashier only reaches its own cortes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from cobranza.caja.documentos import contexto_corte, corte_pdf
from cobranza.caja.filtros import COLUMNAS_CORTES, CortesFiltro
from cobranza.caja.forms import CierreForm
from cobranza.caja.selectors import corte_abierto, cortes_lista, cortes_visibles
from cobranza.caja.services import corte_abrir, corte_cerrar
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.listados import Listado
from padron.pdf import respuesta_pdf
from padron.permisos import requiere, requiere_alguno


@requiere("cobranza.registrar_pago")
def corte(request):
    """The cashier's open corte: what the system took in, the receipts, the close form."""
    abierto = corte_abierto(request.user)
    if request.method == "POST" and "abrir" in request.POST:
        try:
            abierto = corte_abrir(cajero=request.user)
            messages.success(request, f"Corte {abierto.folio} abierto.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("cobranza:caja_corte")
    if abierto is None:
        return render(request, "cobranza/caja/corte.html", {"corte": None})
    form = CierreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cerrado = corte_cerrar(
                corte=abierto,
                usuario=request.user,
                conteo=form.conteo(),
                tarjeta=form.cleaned_data["tarjeta"],
                cheque=form.cleaned_data["cheque"],
                transferencia=form.cleaned_data["transferencia"],
                motivo_diferencia=form.cleaned_data["motivo_diferencia"],
            )
            messages.success(request, f"Corte {cerrado.folio} cerrado. Imprímalo y fírmelo.")
            return redirect("cobranza:caja_corte_detalle", pk=cerrado.pk)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
    contexto = {**contexto_corte(abierto), "form": form, "atrasado": abierto.fecha < hoy()}
    return render(request, "cobranza/caja/corte.html", contexto)


@requiere_alguno("cobranza.registrar_pago", "cobranza.supervisar_caja")
def cortes(request):
    listado = Listado(
        request,
        cortes_lista(usuario=request.user),
        filtros=CortesFiltro,
        columnas=COLUMNAS_CORTES,
        orden="-fecha",
        sustantivo=("corte", "cortes"),
    )
    return render(
        request,
        "cobranza/caja/cortes.html",
        {
            "listado": listado,
            "cortes": listado.pagina.object_list,
            "supervisa": request.user.has_perm("cobranza.supervisar_caja"),
        },
    )


def _corte_visible(request, pk):
    return get_object_or_404(cortes_visibles(request.user), pk=pk)


@requiere_alguno("cobranza.registrar_pago", "cobranza.supervisar_caja")
def corte_detalle(request, pk):
    return render(
        request, "cobranza/caja/corte_detalle.html", contexto_corte(_corte_visible(request, pk))
    )


@requiere_alguno("cobranza.registrar_pago", "cobranza.supervisar_caja")
def corte_pdf_vista(request, pk):
    corte = _corte_visible(request, pk)
    return respuesta_pdf(corte_pdf(corte), f"corte-{corte.folio}.pdf")
