"""What every API endpoint shares: pagination and one error format.

Every error answers with
    {"error": {"codigo": "...", "mensaje": "...", "campos": {"campo": ["..."]}}}
so clients need a single parser, and the message is always in Spanish.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler


class Paginacion(PageNumberPagination):
    page_size_query_param = "por_pagina"
    max_page_size = 500


class DescargaSinNegociar(DefaultContentNegotiation):
    """A download answers with its own file whatever the client's Accept header says."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def _campos(detalle):
    if isinstance(detalle, dict):
        return {
            campo: [str(m) for m in (v if isinstance(v, list) else [v])]
            for campo, v in detalle.items()
        }
    return {}


def _mensaje(detalle):
    if isinstance(detalle, list) and detalle:
        return _mensaje(detalle[0])
    if isinstance(detalle, dict) and detalle:
        campo, valor = next(iter(detalle.items()))
        texto = _mensaje(valor)
        return texto if campo == "non_field_errors" else f"{campo}: {texto}"
    return str(detalle)


def manejar_error(exc, context):
    # Domain services raise Django's ValidationError; the API speaks DRF's.
    if isinstance(exc, DjangoValidationError):
        detalle = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detalle)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("No encontrado.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied("No tiene permiso para realizar esta acción.")

    response = exception_handler(exc, context)
    if response is None:
        return None
    detalle = response.data
    codigo = getattr(exc, "default_code", "error")
    if isinstance(exc, exceptions.ValidationError):
        cuerpo = {
            "codigo": "datos_invalidos",
            "mensaje": _mensaje(detalle),
            "campos": _campos(detalle),
        }
    else:
        texto = detalle.get("detail", detalle) if isinstance(detalle, dict) else detalle
        cuerpo = {"codigo": getattr(texto, "code", codigo), "mensaje": str(texto), "campos": {}}
    response.data = {"error": cuerpo}
    return response


def error(mensaje, *, codigo="error", estado=status.HTTP_400_BAD_REQUEST, campos=None):
    """A response in the common error format, for views that refuse by hand."""
    return Response(
        {"error": {"codigo": codigo, "mensaje": mensaje, "campos": campos or {}}}, status=estado
    )


def _fuera_de_drf(pagina, codigo, estado, mensaje):
    """Django's error pages for /api/ addresses that no API view handled (an id that does not
    match the route, a body Django itself refuses) answer in the same envelope, not HTML."""

    def vista(request, exception=None):
        if request.path.startswith("/api/"):
            cuerpo = {"error": {"codigo": codigo, "mensaje": mensaje, "campos": {}}}
            return JsonResponse(cuerpo, status=estado)
        return pagina(request, exception)

    return vista


no_encontrado = _fuera_de_drf(defaults.page_not_found, "not_found", 404, "No encontrado.")
peticion_invalida = _fuera_de_drf(
    defaults.bad_request, "peticion_invalida", 400, "La petición está mal formada."
)
