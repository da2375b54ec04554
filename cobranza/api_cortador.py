"""/api/v1/cortador/...: the cortador's route and the results its phone sends.

A cortador reaches only its own orders: another's answers 404. The phone may send a result
twice (it lost the answer to the first); the same `clave` answers 200 with the stored result
instead of 201, and nothing changes.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.models import OrdenCorte
from cobranza.services.cortes_campo import orden_resultado_registrar
from config.api import Paginacion

PERMISO = "cobranza.registrar_resultado_corte"


def ordenes_del_cortador(usuario):
    """The cortador's pending orders in walking order."""
    return (
        OrdenCorte.objects.filter(cortador=usuario, estado=OrdenCorte.Estado.PENDIENTE)
        .select_related("cuenta__titular", "cuenta__saldo")
        .order_by("sector", "ruta", "orden_ruta", "pk")
    )


class OrdenCortadorSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    domicilio = serializers.CharField(source="cuenta.domicilio")
    colonia = serializers.CharField(source="cuenta.colonia")
    medidor = serializers.CharField(source="cuenta.medidor")
    accion_texto = serializers.CharField(source="get_accion_display")
    tipo_texto = serializers.CharField(source="get_tipo_display")
    saldo = serializers.DecimalField(
        source="cuenta.saldo.saldo", max_digits=14, decimal_places=2, default=None
    )
    saldo_vencido_actual = serializers.DecimalField(
        source="cuenta.saldo.saldo_vencido", max_digits=14, decimal_places=2, default=None
    )

    class Meta:
        model = OrdenCorte
        fields = [
            "folio",
            "tipo",
            "tipo_texto",
            "accion",
            "accion_texto",
            "cuenta",
            "titular",
            "domicilio",
            "colonia",
            "medidor",
            "sector",
            "ruta",
            "orden_ruta",
            "meses_vencidos",
            "saldo",
            "saldo_vencido_actual",
        ]


class OrdenesCortadorApi(APIView):
    """GET: the requesting cortador's pending orders, in walking order (?por_pagina up to 500)."""

    permiso = PERMISO

    @extend_schema(responses=OrdenCortadorSerializer(many=True))
    def get(self, request):
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(ordenes_del_cortador(request.user), request, view=self)
        return paginador.get_paginated_response(OrdenCortadorSerializer(pagina, many=True).data)


class ResultadoOrdenApi(APIView):
    """POST {clave, ejecutada, momento, lectura?, motivo?, notas?, foto?}: the result of an
    order. 201 the first time, 200 when the same clave comes again."""

    permiso = PERMISO
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="ResultadoOrdenCorteEntrada")
    class EntradaSerializer(serializers.Serializer):
        clave = serializers.CharField(max_length=64)
        ejecutada = serializers.BooleanField()
        momento = serializers.DateTimeField()
        lectura = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, allow_null=True
        )
        motivo = serializers.ChoiceField(
            choices=OrdenCorte.Motivo.choices, required=False, allow_blank=True
        )
        notas = serializers.CharField(required=False, allow_blank=True, max_length=2000)
        foto = serializers.FileField(required=False, allow_null=True)

    @extend_schema_serializer(component_name="ResultadoOrdenCorteSalida")
    class SalidaSerializer(serializers.ModelSerializer):
        clave = serializers.CharField(source="clave_resultado")

        class Meta:
            model = OrdenCorte
            fields = [
                "folio",
                "estado",
                "clave",
                "ejecutada",
                "lectura",
                "motivo_no_ejecutada",
                "notas",
                "registrada",
            ]

    @extend_schema(request=EntradaSerializer, responses=SalidaSerializer)
    def post(self, request, folio):
        orden = get_object_or_404(OrdenCorte.objects.filter(cortador=request.user), folio=folio)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        orden, nuevo = orden_resultado_registrar(
            orden=orden,
            cortador=request.user,
            clave=datos["clave"],
            ejecutada=datos["ejecutada"],
            momento=datos["momento"],
            lectura=datos.get("lectura"),
            motivo=datos.get("motivo") or None,
            notas=datos.get("notas", ""),
            foto=datos.get("foto"),
        )
        return Response(
            self.SalidaSerializer(orden).data,
            status=status.HTTP_201_CREATED if nuevo else status.HTTP_200_OK,
        )
