"""/api/v1/reportes/ and /api/v1/metas/: the management reports' data and the goals.

GET /reportes/<tipo>/?cartera=<clave>&periodo=aaaa-mm answers the stored version when there
is one (origen "guardado", with its generation time), computed live otherwise or with
?en_vivo=1 (origen "en_vivo"). Reading needs cobranza.ver_reportes; setting goals
cobranza.editar_metas.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.models import Meta
from cobranza.reportes import comparativo, estadisticas, recuperacion_reporte  # noqa: F401 (register)
from cobranza.reportes.comun import (
    cartera_leer,
    guardados,
    momento_texto,
    periodo_de_reporte,
    periodo_leer,
)
from cobranza.reportes.metas import meta_cambiar, meta_fijar, metas_de
from cobranza.reportes.registro import REPORTES
from config.api import Paginacion
from padron.models import Cartera

VER = "cobranza.ver_reportes"
EDITAR = "cobranza.editar_metas"
PARAMETROS = [
    OpenApiParameter("cartera", str, description="Clave de la cartera", required=True),
    OpenApiParameter("periodo", str, description="Mes, aaaa-mm", required=True),
    OpenApiParameter("en_vivo", str, description="1: calcular aunque haya versión guardada"),
]


class ReportesApi(APIView):
    """The report types: [{clave, titulo}]."""

    permiso = VER

    @extend_schema_serializer(component_name="ReporteTipo")
    class TipoSalida(serializers.Serializer):
        clave = serializers.CharField()
        titulo = serializers.CharField()

    # A plain array, not paginated: the schema said an object.
    @extend_schema(operation_id="reportes_tipos", responses=TipoSalida(many=True))
    def get(self, request):
        return Response([{"clave": t.clave, "titulo": t.titulo} for t in REPORTES.values()])


class ReporteApi(APIView):
    permiso = VER

    @extend_schema(
        operation_id="reporte_datos", parameters=PARAMETROS, responses=OpenApiTypes.OBJECT
    )
    def get(self, request, tipo):
        tipo_reporte = REPORTES.get(tipo)
        if tipo_reporte is None:
            raise NotFound(f"No existe el reporte «{tipo}».")
        cartera = cartera_leer(request.query_params.get("cartera"))
        periodo = periodo_de_reporte(request.query_params.get("periodo"))
        guardado = None
        if request.query_params.get("en_vivo") != "1":
            guardado = guardados(tipo, cartera, [periodo]).get(periodo)
        if guardado is None:
            datos = tipo_reporte.calcular(cartera, periodo)
            return Response({**datos, "origen": "en_vivo", "generado": None})
        return Response(
            {
                **guardado.datos,
                "origen": "guardado",
                "generado": guardado.generado,
                "generado_texto": momento_texto(guardado.generado),
                "version": guardado.version,
            }
        )


class MetaSerializer(serializers.ModelSerializer):
    cartera = serializers.CharField(source="cartera.clave")
    periodo = serializers.DateField(format="%Y-%m")
    fijada_por = serializers.CharField(source="fijada_por.username")

    class Meta:
        model = Meta
        fields = ["id", "cartera", "periodo", "indicador", "valor", "fijada_por"]


class MetasApi(APIView):
    """GET ?cartera=<clave>&periodo=aaaa-mm: the goals. POST {cartera, periodo, indicador,
    valor}: a new goal (one per cartera, month and indicator)."""

    permiso = {"GET": VER, "POST": EDITAR}

    @extend_schema_serializer(component_name="MetaEntrada")
    class EntradaSerializer(serializers.Serializer):
        cartera = serializers.SlugRelatedField(
            slug_field="clave",
            queryset=Cartera.objects.all(),
            error_messages={"does_not_exist": "No existe la cartera «{value}»."},
        )
        periodo = serializers.CharField()
        indicador = serializers.CharField()
        valor = serializers.CharField()

        def validate_periodo(self, valor):
            try:
                return periodo_leer(valor)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.message_dict["periodo"]) from exc

    @extend_schema(
        parameters=[
            OpenApiParameter("cartera", str, description="Clave de la cartera"),
            OpenApiParameter("periodo", str, description="Mes, aaaa-mm"),
        ],
        responses=MetaSerializer(many=True),
    )
    def get(self, request):
        q = request.query_params
        cartera = cartera_leer(q["cartera"]) if q.get("cartera") else None
        periodo = periodo_leer(q["periodo"]) if q.get("periodo") else None
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(
            metas_de(cartera=cartera, periodo=periodo), request, view=self
        )
        return paginador.get_paginated_response(MetaSerializer(pagina, many=True).data)

    @extend_schema(request=EntradaSerializer, responses={201: MetaSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        meta = meta_fijar(**entrada.validated_data, usuario=request.user)
        return Response(MetaSerializer(meta).data, status=status.HTTP_201_CREATED)


class MetaApi(APIView):
    """GET one goal; PATCH {valor}: change it (the history keeps the previous value)."""

    permiso = {"GET": VER, "PATCH": EDITAR}

    @extend_schema_serializer(component_name="MetaCambio")
    class EntradaSerializer(serializers.Serializer):
        valor = serializers.CharField()

    def _meta(self, pk):
        return get_object_or_404(metas_de(), pk=pk)

    @extend_schema(operation_id="meta_detalle", responses=MetaSerializer)
    def get(self, request, pk):
        return Response(MetaSerializer(self._meta(pk)).data)

    @extend_schema(request=EntradaSerializer, responses=MetaSerializer)
    def patch(self, request, pk):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        meta = meta_cambiar(
            meta=self._meta(pk), valor=entrada.validated_data["valor"], usuario=request.user
        )
        return Response(MetaSerializer(meta).data)
