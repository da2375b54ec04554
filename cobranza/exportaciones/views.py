"""Pages of the background exports: ask for a list's file (from the list's page), the job's
page with its progress bar, its JSON status for the bar, and the download."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from cobranza.exportaciones.listas import TIPOS
from cobranza.exportaciones.selectors import exportacion_estado, exportacion_visible
from cobranza.exportaciones.services import exportacion_solicitar
from cobranza.morosos.exports import EXPORTADORES
from padron.permisos import requiere_alguno

VEN_LISTAS = tuple(t.permiso for t in TIPOS.values())


def solicitar_y_redirigir(request, *, tipo, folio, formato):
    """The job's page for the list's file (new, retried or the existing one)."""
    exportacion, _ = exportacion_solicitar(
        tipo=tipo, folio=folio, formato=formato, usuario=request.user
    )
    return redirect("cobranza:exportacion", pk=exportacion.pk)


@require_POST
@requiere_alguno(*VEN_LISTAS)
def exportacion_nueva(request):
    datos = request.POST
    try:
        return solicitar_y_redirigir(
            request,
            tipo=datos.get("tipo", ""),
            folio=datos.get("folio", ""),
            formato=datos.get("formato", ""),
        )
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
        tipo = TIPOS.get(datos.get("tipo", ""))
        if tipo and datos.get("folio"):
            return redirect(tipo.pagina, folio=datos["folio"])
        return redirect("inicio")


@requiere_alguno(*VEN_LISTAS)
def exportacion(request, pk):
    exportacion = exportacion_visible(request.user, pk)
    return render(
        request,
        "cobranza/exportaciones/exportacion.html",
        {
            "exportacion": exportacion,
            "estado": exportacion_estado(exportacion),
            "etiqueta_lista": TIPOS[exportacion.tipo].etiqueta,
        },
    )


@requiere_alguno(*VEN_LISTAS)
def exportacion_estado_json(request, pk):
    estado = exportacion_estado(exportacion_visible(request.user, pk))
    # static/js/progreso.js (shared with the imports) reads `procesadas`.
    return JsonResponse({**estado, "procesadas": estado["renglones"]})


def respuesta_archivo(exportacion):
    if exportacion.estado != exportacion.Estado.LISTA or not exportacion.archivo:
        raise Http404("El archivo aún no está listo.")
    exportador = EXPORTADORES[exportacion.formato]
    return FileResponse(
        exportacion.archivo.open("rb"),
        as_attachment=True,
        filename=f"{exportacion.tipo}-{exportacion.folio}.{exportador.extension}",
        content_type=exportador.content_type,
    )


@requiere_alguno(*VEN_LISTAS)
def exportacion_descargar(request, pk):
    return respuesta_archivo(exportacion_visible(request.user, pk))
