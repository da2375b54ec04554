"""Reads of the background exports: the job a user may see and what its progress bar shows."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from cobranza.exportaciones.listas import TIPOS, puede_ver
from cobranza.models import Exportacion


def exportacion_visible(usuario, pk) -> Exportacion:
    """The job, if the user may see its list (the list page's permission); 403 otherwise."""
    exportacion = get_object_or_404(Exportacion, pk=pk)
    if not puede_ver(usuario, exportacion.tipo):
        raise PermissionDenied("No tiene permiso para ver esta lista.")
    return exportacion


def exportacion_estado(exportacion, *, api=False) -> dict:
    """What the progress bar and the API show."""
    lista = exportacion.estado == Exportacion.Estado.LISTA
    if api:
        descarga = reverse("api:exportacion-archivo", args=[exportacion.pk])
    else:
        descarga = reverse("cobranza:exportacion_descargar", args=[exportacion.pk])
    return {
        "id": exportacion.pk,
        "tipo": exportacion.tipo,
        "folio": exportacion.folio,
        "formato": exportacion.formato,
        "estado": exportacion.estado,
        "estado_texto": exportacion.get_estado_display(),
        "en_curso": exportacion.en_curso,
        "renglones": exportacion.renglones,
        "total": exportacion.total,
        "porcentaje": exportacion.porcentaje,
        "tamano": exportacion.tamano,
        "error": exportacion.error,
        "descarga": descarga if lista else None,
        "lista": reverse(TIPOS[exportacion.tipo].pagina, kwargs={"folio": exportacion.folio}),
    }
