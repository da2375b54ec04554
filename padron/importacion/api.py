"""/api/v1/padron/importaciones/: import a padrón file."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from padron.importacion.services import padron_importar
from padron.models import Cartera


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
                        "mensaje": f"No se importó nada: {len(resultado.filas_rechazadas)} fila(s) "
                        "con errores. Corríjalas o envíe parcial=true.",
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
