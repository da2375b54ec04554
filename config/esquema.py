"""The OpenAPI schema as the API really answers (drf-spectacular's DEFAULT_SCHEMA_CLASS).

Apart from config.api because drf-spectacular imports DRF's generic views, which import
the pagination settings that point at config.api.
"""

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

from config.api import Paginacion


class ErrorDetalle(serializers.Serializer):
    codigo = serializers.CharField()
    mensaje = serializers.CharField()
    campos = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class Error(serializers.Serializer):
    error = ErrorDetalle()


ERRORES = {
    "400": "Datos inválidos o petición mal formada.",
    "401": "Sin credenciales válidas.",
    "403": "Sin permiso para esta operación.",
    "404": "No encontrado o fuera de su alcance.",
}


def _pagina(funcion, profundidad=1):
    """Whether a handler pages its answer: it, or a helper it calls, calls paginate_queryset.

    Most endpoints are plain APIViews that page by hand, so the schema cannot learn it from
    `pagination_class`; reading the code keeps it true for every new view without a decorator.
    """
    funcion = getattr(funcion, "__func__", funcion)
    codigo = getattr(funcion, "__code__", None)
    if codigo is None:
        return False
    if "paginate_queryset" in codigo.co_names:
        return True
    globales = getattr(funcion, "__globals__", {})
    return profundidad > 0 and any(
        _pagina(globales.get(nombre), profundidad - 1) for nombre in codigo.co_names
    )


class Esquema(AutoSchema):
    """Lists documented as they are answered, and the error envelope on every operation."""

    def _get_paginator(self):
        if _pagina(getattr(self.view, self.method.lower(), None)):
            return Paginacion()
        return super()._get_paginator()

    def _get_response_bodies(self, direction="response"):
        respuestas = super()._get_response_bodies(direction)
        # Errors are always JSON, even where the success is a PDF (config.api.manejar_error).
        for codigo, descripcion in ERRORES.items():
            if codigo not in respuestas:
                respuestas[codigo] = self._get_response_for_code(
                    Error, codigo, ["application/json"], direction
                )
                respuestas[codigo]["description"] = descripcion
        return respuestas
