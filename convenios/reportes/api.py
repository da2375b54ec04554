"""/api/v1/descuentos/: every discount booked in a period, by whom and under which authority."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.views import APIView

from cobranza.libro.selectors import cuentas_visibles
from convenios.comun.api import (
    AUTORIZAN,
    CARTERA,
    FECHA_INVALIDA,
    Lista,
    TieneAlguno,
    dinero,
    nombre_de,
)
from convenios.reportes.selectors import autoridad_del_descuento, descuentos_otorgados
from padron.fechas import hoy, primer_dia_del_mes
from padron.models import Cartera


class DescuentosApi(Lista, APIView):
    """Every discount booked in a period (default: this month): by whom, under which authority."""

    permission_classes = [TieneAlguno]
    permisos = ("cobranza.ver_reportes", *AUTORIZAN)

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(required=False, error_messages=FECHA_INVALIDA)
        hasta = serializers.DateField(required=False, error_messages=FECHA_INVALIDA)
        cartera = serializers.SlugRelatedField(
            slug_field="clave",
            queryset=Cartera.objects.all(),
            required=False,
            error_messages={"does_not_exist": "No existe la cartera «{value}»."},
        )

        def validate(self, datos):
            datos.setdefault("hasta", hoy())
            datos.setdefault("desde", primer_dia_del_mes(datos["hasta"]))
            if datos["desde"] > datos["hasta"]:
                raise serializers.ValidationError(
                    {"hasta": "La fecha final no puede ser anterior a la inicial."}
                )
            return datos

    @extend_schema_serializer(component_name="DescuentoOtorgado")
    class OutputSerializer(serializers.Serializer):
        folio = serializers.CharField()
        cuenta = serializers.CharField(source="cuenta.numero")
        titular = serializers.CharField(source="cuenta.titular.nombre_completo")
        cartera = serializers.CharField(source="cuenta.cartera.clave")
        alternativa = serializers.CharField(source="alternativa.nombre")
        campana = serializers.CharField(source="campana.nombre", default=None)
        adeudo = dinero()
        descuento = dinero()
        total = dinero()
        capturado_por = serializers.SerializerMethodField()
        autorizado_por = serializers.SerializerMethodField()
        autoridad = serializers.SerializerMethodField()
        firmado = serializers.DateTimeField()

        def get_capturado_por(self, convenio) -> str:
            return nombre_de(convenio.capturado_por)

        def get_autorizado_por(self, convenio) -> str | None:
            return nombre_de(convenio.autorizado_por)

        def get_autoridad(self, convenio) -> str:
            return autoridad_del_descuento(convenio)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "desde", OpenApiTypes.DATE, description="aaaa-mm-dd (por omisión: día 1 del mes)"
            ),
            OpenApiParameter(
                "hasta", OpenApiTypes.DATE, description="aaaa-mm-dd (por omisión: hoy)"
            ),
            CARTERA,
        ],
        responses=OutputSerializer(many=True),
    )
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        convenios = descuentos_otorgados(**filtro.validated_data).filter(
            cuenta__in=cuentas_visibles(request.user)
        )
        return self.paginada(request, convenios, self.OutputSerializer)
