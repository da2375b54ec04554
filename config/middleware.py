"""The edge: requests carrying control characters are refused before any view runs.

PostgreSQL cannot store a NUL byte in text, and no clerk types a bell or an escape: such
characters only come from broken clients or probes. A request whose path, query string,
form fields (names and values, and the names of uploaded files), JSON body (keys and
string values) or cookies carry a C0 control character or DEL is answered 400: the API's
error envelope under /api/, a Spanish page elsewhere. Tab, newline and carriage return
are allowed everywhere, because text areas send them (and they harm nothing).
"""

import json
import re

from django.http import HttpResponseBadRequest, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string

# C0 controls and DEL, except tab (\x09), line feed (\x0a) and carriage return (\x0d).
PROHIBIDOS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

MENSAJE = "La petición contiene caracteres de control no permitidos."
MAL_FORMADA = "La petición está mal formada."


def _textos_json(valor):
    if isinstance(valor, str):
        yield valor
    elif isinstance(valor, dict):
        for clave, dato in valor.items():
            yield clave
            yield from _textos_json(dato)
    elif isinstance(valor, list):
        for dato in valor:
            yield from _textos_json(dato)


def _textos_formulario(datos):
    for clave, valores in datos.lists():
        yield clave
        yield from (v for v in valores if isinstance(v, str))


def _textos(request):
    yield request.path
    yield from _textos_formulario(request.GET)
    yield from request.COOKIES.values()
    tipo = request.content_type or ""
    if tipo == "application/json" or tipo.endswith("+json"):
        try:
            datos = json.loads(request.body or b"null")
        except ValueError:
            datos = None  # malformed JSON: the API's parser answers it with its own 400
        yield from _textos_json(datos)
    elif tipo in ("application/x-www-form-urlencoded", "multipart/form-data"):
        if request.method == "POST":
            yield from _textos_formulario(request.POST)
            yield from (archivo.name or "" for archivo in request.FILES.values())
        elif tipo == "application/x-www-form-urlencoded":
            yield from _textos_formulario(QueryDict(request.body, encoding=request.encoding))


def _rechazo(request, mensaje):
    if request.path.startswith("/api/"):
        cuerpo = {"error": {"codigo": "peticion_invalida", "mensaje": mensaje, "campos": {}}}
        return JsonResponse(cuerpo, status=400)
    # Rendered without the request: the session and the user may be what is broken.
    return HttpResponseBadRequest(render_to_string("400.html", {"mensaje": mensaje}))


class RechazarCaracteresDeControl:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            if any(PROHIBIDOS.search(t) for t in _textos(request)):
                return _rechazo(request, MENSAJE)
        except (MultiPartParserError, RecursionError):
            # A broken multipart body or JSON nested thousands deep: Django and DRF would let
            # these escape as a 500 wherever the body is read.
            return _rechazo(request, MAL_FORMADA)
        return self.get_response(request)
