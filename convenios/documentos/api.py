"""/api/v1/ of documents: the convenio's and its pagarés' PDFs, the constancia de no adeudo
(issued on a cuenta at saldo zero) and its public verification by folio and code."""

import json

from django.urls import NoReverseMatch, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from convenios.comun.api import (
    _convenio,
    _cuenta,
)
from convenios.documentos.documentos import convenio_pdf, pagares_pdf
from convenios.documentos.services import constancia_emitir, constancia_verificar
from convenios.models import Convenio
from padron.fechas import hoy
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


class ConstanciasApi(APIView):
    """Issue the constancia de no adeudo of a cuenta at saldo zero."""

    permiso = "convenios.capturar_convenio"

    @extend_schema_serializer(component_name="ConstanciaEmitida")
    class OutputSerializer(serializers.Serializer):
        folio = serializers.CharField()
        codigo = serializers.CharField(help_text="código de verificación")
        cuenta = serializers.CharField(source="cuenta.numero")
        emitida = serializers.DateTimeField()
        url_pdf = serializers.SerializerMethodField()

        def get_url_pdf(self, constancia) -> str | None:
            try:
                ruta = reverse("convenios:constancia_pdf", args=[constancia.folio])
            except NoReverseMatch:
                return None
            return self.context["request"].build_absolute_uri(ruta)

    @extend_schema(request=None, responses={201: OutputSerializer})
    def post(self, request, numero):
        constancia = constancia_emitir(
            cuenta=_cuenta(request, numero), usuario=request.user, dia=hoy()
        )
        salida = self.OutputSerializer(constancia, context={"request": request})
        return Response(salida.data, status=status.HTTP_201_CREATED)


class ConstanciaVerificarApi(APIView):
    """Whether a constancia de no adeudo is genuine: its folio and the code printed on it."""

    permiso = "padron.ver_padron"

    @extend_schema_serializer(component_name="ConstanciaVerificada")
    class OutputSerializer(serializers.Serializer):
        valida = serializers.SerializerMethodField(help_text="false si fue anulada")
        folio = serializers.CharField()
        cuenta = serializers.CharField(source="cuenta.numero")
        titular = serializers.CharField(source="cuenta.titular.nombre_completo")
        emitida = serializers.DateTimeField()
        motivo_anulacion = serializers.CharField()

        def get_valida(self, constancia) -> bool:
            return not constancia.anulada

    @extend_schema(
        parameters=[OpenApiParameter("codigo", str, required=True)], responses=OutputSerializer
    )
    def get(self, request, folio):
        codigo = request.query_params.get("codigo", "").strip()
        if not codigo:
            raise serializers.ValidationError({"codigo": "Indique el código de verificación."})
        constancia = constancia_verificar(folio=folio, codigo=codigo)
        if constancia is None:
            raise exceptions.NotFound("No hay una constancia con ese folio y código.")
        return Response(self.OutputSerializer(constancia).data)
