"""/api/v1/convenios/<folio>/convenio.pdf and pagares.pdf."""

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.views import APIView

from convenios.api.comun import (
    _convenio,
)
from convenios.documentos import convenio_pdf, pagares_pdf
from convenios.models import Convenio
from padron.models import Cartera
from padron.pdf import respuesta_pdf


class PdfRenderer(BaseRenderer):
    """Lets a client ask for `Accept: application/pdf`; the view answers the bytes itself."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data if isinstance(data, bytes) else json.dumps(data).encode()


class DocumentoApi(APIView):
    permiso = "padron.ver_padron"
    renderer_classes = [JSONRenderer, PdfRenderer]

    def handle_exception(self, exc):
        # Errors are JSON even when the client asked for the PDF.
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def imprimible(self, request, folio):
        convenio = _convenio(request, folio)
        if convenio.estado == Convenio.Estado.RECHAZADO:
            raise exceptions.NotFound("Un convenio rechazado no se imprime.")
        return convenio


class ConvenioPdfApi(DocumentoApi):
    @extend_schema(
        operation_id="convenio_pdf", responses={(200, "application/pdf"): OpenApiTypes.BINARY}
    )
    def get(self, request, folio):
        convenio = self.imprimible(request, folio)
        return respuesta_pdf(convenio_pdf(convenio), f"convenio-{convenio.folio}.pdf")


class PagaresPdfApi(DocumentoApi):
    @extend_schema(
        operation_id="convenio_pagares_pdf",
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
    )
    def get(self, request, folio):
        convenio = self.imprimible(request, folio)
        if convenio.cuenta.cartera.tipo != Cartera.Tipo.CREDITO:
            raise exceptions.NotFound("Los pagarés solo se emiten para carteras de crédito.")
        return respuesta_pdf(pagares_pdf(convenio), f"pagares-{convenio.folio}.pdf")


# Constancia de no adeudo ---------------------------------------------------------------
