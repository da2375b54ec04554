"""The expediente documental page of a cuenta: its papers (the cuenta's and each convenio's),
their state, scans, location and loans, and the custodian's actions on them. Scans are served
only here, after the same visibility check: never from a public media URL."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cobranza.archivo.forms.expedientes import BajaForm, DocumentoForm, EscaneoForm, RecibirForm
from cobranza.archivo.forms.ubicacion import DocumentoUbicarForm
from cobranza.archivo.selectors.expedientes import (
    documentos_visibles,
    escaneos_visibles,
    legajos_de_cuenta,
    legajos_visibles,
)
from cobranza.archivo.selectors.ubicacion import carpetas_opciones
from cobranza.archivo.services.expedientes import (
    documento_dar_de_baja,
    documento_registrar,
    escaneo_adjuntar,
    generados_registrar,
    legajo_de,
    original_recibir,
)
from cobranza.archivo.services.ubicacion import documento_ubicar
from cobranza.libro.selectors import cuentas_visibles
from padron.forms import errores_a_formulario
from padron.permisos import requiere

CUSTODIAR = "cobranza.custodiar_documentos"


def _pagina(request, cuenta, form=None, estado=200):
    legajos = legajos_de_cuenta(cuenta)
    contexto = {
        "cuenta": cuenta,
        "legajos": legajos,
        "carpetas": list(carpetas_opciones()) if request.user.has_perm(CUSTODIAR) else [],
        "form": form or DocumentoForm(legajos=legajos),
        "escaneo_form": EscaneoForm(),
        "baja_form": BajaForm(),
    }
    return render(request, "cobranza/archivo/expediente.html", contexto, status=estado)


@requiere("padron.ver_padron")
def expediente(request, numero):
    cuenta = get_object_or_404(
        cuentas_visibles(request.user).select_related("titular", "cartera"), numero=numero
    )
    legajo_de(cuenta)
    generados_registrar(cuenta)
    return _pagina(request, cuenta)


@requiere("padron.ver_padron")
def legajo(request, pk):
    """Where an expediente's QR label leads."""
    encontrado = get_object_or_404(legajos_visibles(request.user).select_related("cuenta"), pk=pk)
    destino = reverse("cobranza:expediente", args=[encontrado.cuenta.numero])
    return redirect(f"{destino}#legajo-{encontrado.pk}")


@require_POST
@requiere(CUSTODIAR)
def documento_nuevo(request, numero):
    cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
    legajos = legajos_de_cuenta(cuenta)
    form = DocumentoForm(request.POST, request.FILES, legajos=legajos)
    if form.is_valid():
        datos = form.cleaned_data
        elegido = next(x for x in legajos if str(x.pk) == datos["legajo"])
        try:
            _registrar_con_escaneo(request, elegido, datos)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, "Documento registrado en el expediente.")
            return redirect("cobranza:expediente", numero=cuenta.numero)
    return _pagina(request, cuenta, form=form, estado=400)


def _registrar_con_escaneo(request, legajo, datos):
    # The document and its scan together, or neither.
    with transaction.atomic():
        documento = documento_registrar(
            legajo=legajo,
            tipo=datos["tipo"],
            descripcion=datos["descripcion"],
            original=datos["original"],
            recibido=datos["recibido"],
            usuario=request.user,
        )
        if datos.get("archivo"):
            escaneo_adjuntar(documento=documento, archivo=datos["archivo"], usuario=request.user)
    return documento


def _documento(request, pk):
    return get_object_or_404(documentos_visibles(request.user), pk=pk)


def _volver(documento):
    destino = reverse("cobranza:expediente", args=[documento.legajo.cuenta.numero])
    return redirect(f"{destino}#documento-{documento.pk}")


def _accion(request, pk, form_clase, hacer, exito):
    """One POST action on a document: the form, the service, a message, back to the page."""
    documento = _documento(request, pk)
    form = form_clase(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errores in form.errors.values() for e in errores))
        return _volver(documento)
    try:
        hacer(documento, form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, exito)
    return _volver(documento)


@require_POST
@requiere(CUSTODIAR)
def escaneo_nuevo(request, pk):
    return _accion(
        request,
        pk,
        EscaneoForm,
        lambda d, datos: escaneo_adjuntar(
            documento=d, archivo=datos["archivo"], usuario=request.user
        ),
        "Escaneo guardado.",
    )


@require_POST
@requiere(CUSTODIAR)
def original_recibido(request, pk):
    return _accion(
        request,
        pk,
        RecibirForm,
        lambda d, datos: original_recibir(
            documento=d, recibido=datos["recibido"], usuario=request.user
        ),
        "Original recibido.",
    )


@require_POST
@requiere(CUSTODIAR)
def documento_ubicar_vista(request, pk):
    return _accion(
        request,
        pk,
        DocumentoUbicarForm,
        lambda d, datos: documento_ubicar(
            documento=d, carpeta=datos["carpeta"], usuario=request.user
        ),
        "Ubicación guardada.",
    )


@require_POST
@requiere(CUSTODIAR)
def documento_baja(request, pk):
    return _accion(
        request,
        pk,
        BajaForm,
        lambda d, datos: documento_dar_de_baja(
            documento=d, motivo=datos["motivo"], usuario=request.user
        ),
        "Documento dado de baja.",
    )


@requiere("padron.ver_padron")
def escaneo_ver(request, pk):
    """A scan, after the visibility check: a guessed id of another lawyer's cuenta is a 404."""
    escaneo = get_object_or_404(escaneos_visibles(request.user), pk=pk)
    respuesta = FileResponse(escaneo.archivo.open("rb"), content_type=escaneo.tipo_contenido)
    respuesta["Content-Disposition"] = f'inline; filename="{escaneo.nombre}"'
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta
