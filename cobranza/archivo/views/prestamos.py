"""Pages of loans of originals and of their return to the debtor.

The custodian (cobranza.custodiar_documentos): the list of loans with the overdue ones
standing out, lending an original from its documento, receiving it back, the list of paid-off
pagarés to hand back and the return with its acuse. Anyone with a role: their own loans
(/archivo/mis-prestamos/) and the vale of each. Every read goes through the cuentas the user
may see, so another lawyer's documento or loan is a 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from cobranza.archivo import documentos
from cobranza.archivo.forms.prestamos import DevolucionForm, PrestamoFiltroForm, PrestamoForm
from cobranza.archivo.selectors.expedientes import documentos_visibles
from cobranza.archivo.selectors.prestamos import (
    mis_prestamos,
    pagares_por_devolver,
    prestamo_visible,
    prestamos_de,
)
from cobranza.archivo.services.prestamos import (
    PERMISO,
    devolucion_registrar,
    prestamo_devolver,
    prestamo_registrar,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Devolucion, Prestamo
from padron.forms import errores_a_formulario
from padron.pdf import respuesta_pdf
from padron.permisos import requiere
from padron.roles import roles_de

POR_PAGINA = 50
PLANTILLAS = "cobranza/archivo/prestamos"


def _sin_pagina(request):
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return consulta.urlencode()


# --- préstamos --------------------------------------------------------------------------------


@requiere(PERMISO)
def prestamos(request):
    form = PrestamoFiltroForm(request.GET or None)
    filtros = form.cleaned_data if form.is_valid() else {}
    pagina = Paginator(prestamos_de(request.user, filtros), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    contexto = {
        "form": form,
        "pagina": pagina,
        "consulta": _sin_pagina(request),
        "parametro": "pagina",
    }
    return render(request, f"{PLANTILLAS}/lista.html", contexto)


@requiere(PERMISO)
def documento_prestar(request, pk):
    documento = get_object_or_404(documentos_visibles(request.user), pk=pk)
    form = PrestamoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prestamo = prestamo_registrar(
                documento=documento, usuario=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Original prestado hasta el {prestamo.vence:%d/%m/%Y}. Imprima el vale y "
                "recabe la firma de quien lo recibe.",
            )
            return redirect("cobranza:prestamos")
    abierto = (
        Prestamo.objects.select_related("prestatario")
        .filter(documento=documento, devuelto__isnull=True)
        .first()
    )
    contexto = {"documento": documento, "form": form, "abierto": abierto}
    estado = 400 if request.method == "POST" else 200
    return render(request, f"{PLANTILLAS}/prestar.html", contexto, status=estado)


@require_POST
@requiere(PERMISO)
def prestamo_recibir(request, pk):
    prestamo = get_object_or_404(
        Prestamo.objects.filter(documento__in=documentos_visibles(request.user)), pk=pk
    )
    try:
        prestamo_devolver(prestamo=prestamo, usuario=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Recibido de vuelta: {prestamo.documento}.")
    return redirect("cobranza:prestamos")


@login_required
def prestamo_vale(request, pk):
    """The vale de préstamo: for the custodian, and for the borrower (his own)."""
    prestamo = prestamo_visible(request.user, pk)
    if prestamo is None:
        raise Http404("No existe ese préstamo o no está a su alcance.")
    return respuesta_pdf(documentos.vale_pdf(prestamo), f"vale-prestamo-{prestamo.pk}.pdf")


@login_required
def mis_prestamos_vista(request):
    if not (request.user.is_superuser or roles_de(request.user)):
        raise PermissionDenied("No tiene permiso para ver esta página.")
    pagina = Paginator(mis_prestamos(request.user), POR_PAGINA).get_page(request.GET.get("pagina"))
    contexto = {"pagina": pagina, "consulta": _sin_pagina(request), "parametro": "pagina"}
    return render(request, f"{PLANTILLAS}/mios.html", contexto)


# --- finiquitos y devoluciones al deudor --------------------------------------------------------


@requiere(PERMISO)
def finiquitos(request):
    cuenta = None
    if numero := request.GET.get("cuenta", "").strip():
        cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
    documentos = pagares_por_devolver(cuenta, usuario=request.user)
    if numero and cuenta is None:
        documentos = documentos.none()
    pagina = Paginator(documentos, POR_PAGINA).get_page(request.GET.get("pagina"))
    contexto = {
        "pagina": pagina,
        "numero": numero,
        "consulta": _sin_pagina(request),
        "parametro": "pagina",
    }
    return render(request, f"{PLANTILLAS}/finiquitos.html", contexto)


@requiere(PERMISO)
def documento_devolver(request, pk):
    documento = get_object_or_404(documentos_visibles(request.user), pk=pk)
    form = DevolucionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            devolucion = devolucion_registrar(
                documento=documento, usuario=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Devolución registrada con folio {devolucion.folio}. Imprima el acuse y "
                "recabe la firma de quien recibe.",
            )
            return redirect("cobranza:devolucion_acuse", folio=devolucion.folio)
    estado = 400 if request.method == "POST" else 200
    contexto = {"documento": documento, "form": form}
    return render(request, f"{PLANTILLAS}/devolver.html", contexto, status=estado)


@requiere(PERMISO)
def devolucion_acuse(request, folio):
    devolucion = get_object_or_404(
        Devolucion.objects.select_related(
            "documento__tipo", "documento__legajo__cuenta__titular", "usuario"
        ).filter(documento__in=documentos_visibles(request.user)),
        folio=folio,
    )
    return respuesta_pdf(documentos.acuse_pdf(devolucion), f"acuse-{devolucion.folio}.pdf")
