"""/api/v1/ of imports: the padrón's synchronous import (/api/v1/padron/importaciones/), and
the background jobs of every import (/api/v1/importaciones/): upload a file, follow its
progress, download its rejected rows."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from padron.importacion.models import Importacion
from padron.importacion.services import padron_importar
from padron.importacion.tasks import procesar_importacion
from padron.importacion.trabajos import importacion_avance, importacion_crear, puede_importar
from padron.models import Cartera
from padron.texto import cantidad


class ImportacionesApi(APIView):
    """Import a padrón file (multipart `archivo`, CSV or XLSX). Without `parcial` nothing is
    imported if a row is invalid (400 with the errors by row and column)."""

    permiso = "padron.importar_padron"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="ImportacionAlta")
    class InputSerializer(serializers.Serializer):
        archivo = serializers.FileField()
        parcial = serializers.BooleanField(default=False)
        cartera = serializers.SlugRelatedField(
            slug_field="clave", queryset=Cartera.objects.all(), required=False, allow_null=True
        )

    @extend_schema_serializer(component_name="ImportacionResultado")
    class OutputSerializer(serializers.Serializer):
        archivo = serializers.CharField()
        importado = serializers.BooleanField()
        filas = serializers.IntegerField()
        cuentas_creadas = serializers.IntegerField()
        cuentas_actualizadas = serializers.IntegerField()
        cuentas_sin_cambios = serializers.IntegerField()
        titulares_creados = serializers.IntegerField()
        titulares_actualizados = serializers.IntegerField()
        filas_rechazadas = serializers.ListField(child=serializers.IntegerField())
        errores = serializers.ListField(child=serializers.DictField())
        rechazados_csv = serializers.CharField(allow_null=True)

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        archivo = entrada.validated_data["archivo"]
        cartera = entrada.validated_data.get("cartera")
        resultado = padron_importar(
            archivo=archivo,
            nombre=archivo.name,
            parcial=entrada.validated_data["parcial"],
            cartera=cartera.clave if cartera else None,
            usuario=request.user,
        )
        errores = [
            {"fila": e.fila, "columna": e.columna, "mensaje": e.mensaje} for e in resultado.errores
        ]
        if not resultado.importado:
            campos = {}
            for e in resultado.errores:
                campos.setdefault(f"fila {e.fila}, {e.columna or 'fila'}", []).append(e.mensaje)
            return Response(
                {
                    "error": {
                        "codigo": "importacion_rechazada",
                        "mensaje": "No se importó nada: "
                        f"{cantidad(len(resultado.filas_rechazadas), 'fila')} con errores. "
                        "Corríjalas o envíe parcial=true.",
                        "campos": campos,
                        "errores": errores,
                    }
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        datos = {
            **{
                campo: getattr(resultado, campo)
                for campo in (
                    "archivo",
                    "importado",
                    "filas",
                    "cuentas_creadas",
                    "cuentas_actualizadas",
                    "cuentas_sin_cambios",
                    "titulares_creados",
                    "titulares_actualizados",
                    "filas_rechazadas",
                )
            },
            "errores": errores,
            "rechazados_csv": resultado.rechazados_csv() if resultado.rechazadas else None,
        }
        return Response(self.OutputSerializer(datos).data, status=status.HTTP_201_CREATED)


# --- background jobs ------------------------------------------------------------------------


class ImportacionSalida(serializers.Serializer):
    """A job's state and progress, what the progress bar reads."""

    id = serializers.IntegerField()
    tipo = serializers.CharField()
    nombre = serializers.CharField()
    estado = serializers.CharField()
    estado_texto = serializers.CharField()
    en_curso = serializers.BooleanField()
    total = serializers.IntegerField()
    procesadas = serializers.IntegerField()
    porcentaje = serializers.IntegerField()
    etapa = serializers.CharField()
    aceptadas = serializers.IntegerField()
    rechazadas = serializers.IntegerField()
    mensaje = serializers.CharField()
    resumen = serializers.DictField()
    rechazados = serializers.CharField(allow_null=True)

    def to_representation(self, importacion):
        return {
            **importacion_avance(importacion),
            "tipo": importacion.tipo,
            "nombre": importacion.nombre,
            "resumen": importacion.resumen,
            "rechazados": (
                f"/api/v1/importaciones/{importacion.pk}/rechazados.csv"
                if importacion.rechazados
                else None
            ),
        }


def _visible(request, pk):
    importacion = get_object_or_404(Importacion, pk=pk)
    if importacion.usuario_id != request.user.pk and not puede_importar(
        request.user, importacion.tipo
    ):
        raise Http404
    return importacion


class TrabajosApi(APIView):
    """Upload a file to import in the background (multipart): tipo padron (cartera?,
    parcial?) or pagos (canal?, parcial?). 202 with the job; follow it at its address.
    Billing runs are uploaded at /api/v1/facturacion/corridas/."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="ImportacionTrabajo")
    class InputSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=[Importacion.Tipo.PADRON, Importacion.Tipo.PAGOS])
        archivo = serializers.FileField()
        parcial = serializers.BooleanField(default=False)
        cartera = serializers.SlugRelatedField(
            slug_field="clave", queryset=Cartera.objects.all(), required=False, allow_null=True
        )
        canal = serializers.ChoiceField(choices=["banco", "caja", "transferencia"], required=False)

    @extend_schema(request=InputSerializer, responses={202: ImportacionSalida})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        if not puede_importar(request.user, datos["tipo"]):
            raise PermissionDenied
        importacion = importacion_crear(
            tipo=datos["tipo"],
            archivo=datos["archivo"],
            usuario=request.user,
            parametros={
                "parcial": datos["parcial"],
                "cartera": datos["cartera"].clave if datos.get("cartera") else "",
                "canal": datos.get("canal") or "banco",
            },
        )
        procesar_importacion.delay(importacion.pk)
        importacion.refresh_from_db()
        return Response(ImportacionSalida(importacion).data, status=status.HTTP_202_ACCEPTED)


class TrabajoApi(APIView):
    """A job's state: estado, procesadas of total, porcentaje, the result and its message."""

    @extend_schema(responses=ImportacionSalida)
    def get(self, request, pk):
        return Response(ImportacionSalida(_visible(request, pk)).data)


class TrabajoRechazadosApi(APIView):
    """The rows the job rejected, as CSV with their reasons."""

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        importacion = _visible(request, pk)
        if not importacion.rechazados:
            raise Http404("Esta importación no tiene filas rechazadas.")
        with importacion.rechazados.open("rb") as archivo:
            respuesta = HttpResponse(archivo.read(), content_type="text/csv; charset=utf-8")
        respuesta["Content-Disposition"] = (
            f'attachment; filename="{importacion.nombre}.rechazados.csv"'
        )
        return respuesta
