"""The import pages: the padrón's upload page, and for every import the page that follows a
background job (its progress bar, then its result and its rejected rows)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from padron.forms import ImportarForm, errores_a_formulario
from padron.importacion.models import Importacion
from padron.importacion.tasks import procesar_importacion
from padron.importacion.trabajos import importacion_avance, importacion_crear, puede_importar
from padron.permisos import requiere


def importacion_subir(request, form, *, tipo, parametros):
    """Store the upload, queue its job and go to its page; or the form with the error."""
    try:
        importacion = importacion_crear(
            tipo=tipo,
            archivo=form.cleaned_data["archivo"],
            usuario=request.user,
            parametros=parametros,
        )
    except ValidationError as exc:
        errores_a_formulario(form, exc)
        return None
    procesar_importacion.delay(importacion.pk)
    return redirect("importaciones:importacion", pk=importacion.pk)


@requiere("padron.importar_padron")
def importar(request):
    form = ImportarForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        cartera = form.cleaned_data["cartera"]
        parametros = {
            "cartera": cartera.clave if cartera else "",
            "parcial": form.cleaned_data["parcial"],
        }
        respuesta = importacion_subir(
            request, form, tipo=Importacion.Tipo.PADRON, parametros=parametros
        )
        if respuesta:
            return respuesta
    recientes = Importacion.objects.filter(tipo=Importacion.Tipo.PADRON).select_related("usuario")[
        :10
    ]
    return render(
        request,
        "padron/importar.html",
        {"form": form, "recientes": recientes},
        status=400 if request.method == "POST" else 200,
    )


@requiere("padron.importar_padron")
def importar_rechazados(request, token):
    """Rejects files of the earlier synchronous imports, kept under their token."""
    carpeta = f"importaciones/{token}"
    try:
        _, archivos = default_storage.listdir(carpeta)
    except (FileNotFoundError, OSError) as exc:
        raise Http404("El archivo de rechazados ya no existe.") from exc
    if not archivos:
        raise Http404("El archivo de rechazados ya no existe.")
    with default_storage.open(f"{carpeta}/{archivos[0]}") as archivo:
        contenido = archivo.read()
    respuesta = HttpResponse(contenido, content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{archivos[0]}"'
    return respuesta


# --- a job's page ---------------------------------------------------------------------------


def _visible(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    importacion = get_object_or_404(Importacion.objects.select_related("usuario"), pk=pk)
    if importacion.usuario_id != request.user.pk and not puede_importar(
        request.user, importacion.tipo
    ):
        raise Http404("No existe esa importación.")
    return importacion


@login_required
def importacion(request, pk):
    importacion = _visible(request, pk)
    resumen = importacion.resumen or {}
    return render(
        request,
        "padron/importacion/progreso.html",
        {
            "importacion": importacion,
            "avance": importacion_avance(importacion),
            "errores": resumen.get("errores", []),
            "enlace": resumen.get("enlace"),  # where the result lives (a billing run's page)
        },
    )


@login_required
def importacion_estado(request, pk):
    return JsonResponse(importacion_avance(_visible(request, pk)))


@login_required
def importacion_rechazados(request, pk):
    importacion = _visible(request, pk)
    if not importacion.rechazados:
        raise Http404("Esta importación no tiene filas rechazadas.")
    with importacion.rechazados.open("rb") as archivo:
        respuesta = HttpResponse(archivo.read(), content_type="text/csv; charset=utf-8")
    respuesta["Content-Disposition"] = f'attachment; filename="{importacion.nombre}.rechazados.csv"'
    return respuesta
