"""/api/v1/ of the expediente documental: read a cuenta's expedientes, register a received
document, attach a scan, download it, receive an original, remove a document with a reason.
Reads need padron.ver_padron, writes cobranza.custodiar_documentos; everything through the
cuentas the caller may see (404 otherwise)."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.archivo.selectors.expedientes import (
    documentos_visibles,
    escaneos_visibles,
    legajos_de_cuenta,
)
from cobranza.archivo.services.expedientes import (
    documento_dar_de_baja,
    documento_registrar,
    escaneo_adjuntar,
    generados_registrar,
    legajo_de,
    original_recibir,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Documento, Escaneo, TipoDocumento

LEER = "padron.ver_padron"
CUSTODIAR = "cobranza.custodiar_documentos"
FECHAS = ["%d/%m/%Y", "iso-8601"]


class EscaneoSerializer(serializers.ModelSerializer):
    class Meta:
        model = Escaneo
        fields = ["id", "nombre", "tipo_contenido", "tamano", "sha256", "subido"]


class DocumentoSerializer(serializers.ModelSerializer):
    tipo = serializers.CharField(source="tipo.clave")
    ubicacion = serializers.SerializerMethodField()
    escaneos = EscaneoSerializer(many=True, read_only=True)

    class Meta:
        model = Documento
        fields = [
            "id",
            "tipo",
            "descripcion",
            "origen",
            "estado",
            "original",
            "recibido",
            "ubicacion",
            "escaneos",
        ]

    def get_ubicacion(self, documento) -> str | None:
        c = documento.carpeta
        if c is None:
            return None
        return (
            f"{c.caja.estante.archivo.nombre} / {c.caja.estante.clave} / {c.caja.clave} / {c.clave}"
        )


def _cuenta(request, numero):
    return get_object_or_404(cuentas_visibles(request.user), numero=numero)


class ExpedienteApi(APIView):
    """GET: the cuenta's expedientes documentales (the cuenta's and each convenio's)."""

    permiso = LEER

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, numero):
        cuenta = _cuenta(request, numero)
        legajo_de(cuenta)
        generados_registrar(cuenta)
        return Response(
            {
                "cuenta": cuenta.numero,
                "expedientes": [
                    {
                        "id": legajo.pk,
                        "convenio": legajo.clave or None,
                        "documentos": DocumentoSerializer(legajo.documentos.all(), many=True).data,
                    }
                    for legajo in legajos_de_cuenta(cuenta)
                ],
            }
        )


class DocumentosApi(APIView):
    """POST: register a received document in the cuenta's expediente (or a convenio's)."""

    permiso = CUSTODIAR

    @extend_schema_serializer(component_name="DocumentoEntrada")
    class EntradaSerializer(serializers.Serializer):
        tipo = serializers.SlugRelatedField(
            slug_field="clave", queryset=TipoDocumento.objects.all()
        )
        convenio = serializers.CharField(
            max_length=30, required=False, allow_blank=True, default=""
        )
        descripcion = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        original = serializers.BooleanField(required=False, default=True)
        recibido = serializers.DateField(required=False, allow_null=True, input_formats=FECHAS)

    @extend_schema(request=EntradaSerializer, responses={201: DocumentoSerializer})
    def post(self, request, numero):
        cuenta = _cuenta(request, numero)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        clave = datos.pop("convenio")
        if clave and not cuenta.legajos.filter(clave=clave).exists():
            raise serializers.ValidationError(
                {"convenio": f"La cuenta no tiene el convenio {clave}."}
            )
        documento = documento_registrar(
            legajo=legajo_de(cuenta, clave), usuario=request.user, **datos
        )
        return Response(DocumentoSerializer(documento).data, status=status.HTTP_201_CREATED)


def _documento(request, pk):
    return get_object_or_404(documentos_visibles(request.user), pk=pk)


class EscaneosApi(APIView):
    """POST (multipart, field `archivo`): attach a scan to a document."""

    permiso = CUSTODIAR
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="EscaneoEntrada")
    class EntradaSerializer(serializers.Serializer):
        archivo = serializers.FileField()

    @extend_schema(request=EntradaSerializer, responses={201: EscaneoSerializer})
    def post(self, request, pk):
        documento = _documento(request, pk)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        escaneo = escaneo_adjuntar(
            documento=documento, archivo=entrada.validated_data["archivo"], usuario=request.user
        )
        return Response(EscaneoSerializer(escaneo).data, status=status.HTTP_201_CREATED)


class EscaneoArchivoApi(APIView):
    """GET: the scan's file, after the same visibility check as the page."""

    permiso = LEER

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        escaneo = get_object_or_404(escaneos_visibles(request.user), pk=pk)
        respuesta = FileResponse(escaneo.archivo.open("rb"), content_type=escaneo.tipo_contenido)
        respuesta["Content-Disposition"] = f'inline; filename="{escaneo.nombre}"'
        return respuesta


class OriginalRecibidoApi(APIView):
    """POST: the signed original of a document came back."""

    permiso = CUSTODIAR
    parser_classes = [JSONParser, FormParser]

    @extend_schema_serializer(component_name="OriginalRecibido")
    class EntradaSerializer(serializers.Serializer):
        recibido = serializers.DateField(required=False, allow_null=True, input_formats=FECHAS)

    @extend_schema(request=EntradaSerializer, responses=DocumentoSerializer)
    def post(self, request, pk):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        documento = original_recibir(
            documento=_documento(request, pk),
            recibido=entrada.validated_data.get("recibido"),
            usuario=request.user,
        )
        return Response(DocumentoSerializer(documento).data)


class DocumentoBajaApi(APIView):
    """POST: remove a document from custody, with its reason (kept in the history)."""

    permiso = CUSTODIAR
    parser_classes = [JSONParser, FormParser]

    @extend_schema_serializer(component_name="DocumentoBaja")
    class EntradaSerializer(serializers.Serializer):
        motivo = serializers.CharField()

    @extend_schema(request=EntradaSerializer, responses=DocumentoSerializer)
    def post(self, request, pk):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        documento = documento_dar_de_baja(
            documento=_documento(request, pk),
            motivo=entrada.validated_data["motivo"],
            usuario=request.user,
        )
        return Response(DocumentoSerializer(documento).data)
