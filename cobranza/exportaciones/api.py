"""/api/v1/exportaciones/: ask for a complete list's file, follow its progress, download it.

Whoever may see the list (the permission of the list's page) may ask for and download its
file; everyone else gets 403. A list is frozen, so its file is written once: asking again
answers with the same job.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.exportaciones.listas import TIPOS
from cobranza.exportaciones.selectors import exportacion_estado, exportacion_visible
from cobranza.exportaciones.services import exportacion_solicitar
from cobranza.exportaciones.views import respuesta_archivo
from cobranza.models import Exportacion
from config.api import DescargaSinNegociar

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@extend_schema_serializer(component_name="Exportacion")
class EstadoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.ChoiceField(choices=Exportacion.Tipo.choices)
    folio = serializers.CharField()
    formato = serializers.ChoiceField(choices=Exportacion.Formato.choices)
    estado = serializers.ChoiceField(choices=Exportacion.Estado.choices)
    estado_texto = serializers.CharField()
    en_curso = serializers.BooleanField()
    renglones = serializers.IntegerField(help_text="Renglones escritos hasta ahora.")
    total = serializers.IntegerField(help_text="Renglones de la lista.")
    porcentaje = serializers.IntegerField()
    tamano = serializers.IntegerField(help_text="Bytes del archivo, cuando está listo.")
    error = serializers.CharField(allow_blank=True)
    descarga = serializers.CharField(allow_null=True, help_text="Dónde descargarlo, si está listo.")
    lista = serializers.CharField(help_text="La página de la lista.")


class ExportacionesApi(APIView):
    """POST {tipo, folio, formato}: the file of a complete list, written in the background.
    202 when a job was queued (new, or a failed one retried); 200 with the existing job
    otherwise (its file is served again, not rewritten)."""

    @extend_schema_serializer(component_name="ExportacionPedido")
    class EntradaSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(
            choices=list(TIPOS),
            error_messages={"invalid_choice": "Elija la lista: morosos o corte."},
        )
        folio = serializers.CharField(max_length=20)
        formato = serializers.ChoiceField(
            choices=Exportacion.Formato.values,
            error_messages={"invalid_choice": "Elija el formato: csv, xlsx o pdf."},
        )

    @extend_schema(
        request=EntradaSerializer,
        responses={200: EstadoSerializer, 202: EstadoSerializer},
    )
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        exportacion, encolada = exportacion_solicitar(
            usuario=request.user, **entrada.validated_data
        )
        return Response(
            exportacion_estado(exportacion, api=True),
            status=status.HTTP_202_ACCEPTED if encolada else status.HTTP_200_OK,
        )


class ExportacionApi(APIView):
    """GET: how far the job is (renglones of total), and where to download the file."""

    @extend_schema(responses=EstadoSerializer)
    def get(self, request, pk):
        return Response(exportacion_estado(exportacion_visible(request.user, pk), api=True))


class ExportacionArchivoApi(APIView):
    """GET: the file, once the job is `lista` (404 «El archivo aún no está listo.» before)."""

    content_negotiation_class = DescargaSinNegociar

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, pk):
        return respuesta_archivo(exportacion_visible(request.user, pk))
