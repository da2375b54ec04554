"""The supervisor's upload page of the padrón, and the download of its rejects file."""

import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import render

from padron.forms import (
    ImportarForm,
    errores_a_formulario,
)
from padron.importacion.services import padron_importar
from padron.permisos import requiere


def _guardar_rechazados(resultado):
    token = str(uuid.uuid4())
    nombre = f"importaciones/{token}/{resultado.archivo}.rechazados.csv"
    # utf-8 with BOM so that Excel opens the accents right.
    default_storage.save(nombre, ContentFile(("\ufeff" + resultado.rechazados_csv()).encode()))
    return token


@requiere("padron.importar_padron")
def importar(request):
    form = ImportarForm(request.POST or None, request.FILES or None)
    resultado = token = None
    if request.method == "POST" and form.is_valid():
        archivo = form.cleaned_data["archivo"]
        cartera = form.cleaned_data["cartera"]
        try:
            resultado = padron_importar(
                archivo=archivo,
                nombre=archivo.name,
                parcial=form.cleaned_data["parcial"],
                cartera=cartera.clave if cartera else None,
                usuario=request.user,
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            if resultado.importado and resultado.rechazadas:
                token = _guardar_rechazados(resultado)
    contexto = {
        "form": form,
        "resultado": resultado,
        "token": token,
        "errores": resultado.errores[:500] if resultado else [],
    }
    return render(request, "padron/importar.html", contexto, status=200)


@requiere("padron.importar_padron")
def importar_rechazados(request, token):
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
