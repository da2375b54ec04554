"""/api/v1/atenciones/: the registro de atención for a desk app or a phone switchboard.

Writes need cobranza.registrar_atencion and act on the caller's own attentions; the report
needs cobranza.ver_reportes. Cuentas only through cuentas_visibles."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.atencion.models import Canal
from cobranza.atencion.selectors.registro import atenciones_de, reporte_atencion
from cobranza.atencion.services.registro import atencion_iniciar, atencion_terminar
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Atencion, MotivoAtencion
from config.api import Paginacion
from padron.fechas import hoy

FECHAS = ["%d/%m/%Y", "iso-8601"]
REGISTRAR = "cobranza.registrar_atencion"


class AtencionSerializer(serializers.ModelSerializer):
    motivo = serializers.CharField(source="motivo.nombre")
    cuenta = serializers.CharField(source="cuenta.numero", default=None)
    atendio = serializers.CharField(source="atendio.username")
    vinculos = serializers.SerializerMethodField()

    class Meta:
        model = Atencion
        fields = [
            "id",
            "canal",
            "motivo",
            "cuenta",
            "persona",
            "contacto",
            "atendio",
            "llegada",
            "inicio",
            "fin",
            "notas",
            "vinculos",
        ]

    def get_vinculos(self, atencion) -> list[dict]:
        return [
            {"tipo": v.tipo, "id": v.objeto_id, "descripcion": v.descripcion}
            for v in atencion.vinculos.all()
        ]


def _mias(usuario):
    return (
        Atencion.objects.filter(atendio=usuario)
        .select_related("motivo", "cuenta", "atendio")
        .prefetch_related("vinculos")
    )


class AtencionesApi(APIView):
    """GET ?desde&hasta (today by default): the caller's attentions. POST: start one."""

    permiso = REGISTRAR

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(required=False, input_formats=FECHAS)
        hasta = serializers.DateField(required=False, input_formats=FECHAS)

    @extend_schema_serializer(component_name="AtencionEntrada")
    class EntradaSerializer(serializers.Serializer):
        canal = serializers.ChoiceField(choices=Canal.choices)
        motivo = serializers.PrimaryKeyRelatedField(
            queryset=MotivoAtencion.objects.filter(activo=True)
        )
        cuenta = serializers.CharField(required=False, allow_blank=True, default="")
        persona = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        contacto = serializers.CharField(
            max_length=120, required=False, allow_blank=True, default=""
        )
        llegada = serializers.DateTimeField(required=False, allow_null=True, default=None)
        notas = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(parameters=[FiltroSerializer], responses=AtencionSerializer(many=True))
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        desde = filtro.validated_data.get("desde", hoy())
        hasta = filtro.validated_data.get("hasta", desde)
        filas = _mias(request.user).filter(
            pk__in=atenciones_de(desde=desde, hasta=hasta, usuario=request.user).values("pk")
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(filas.order_by("-inicio"), request, view=self)
        return paginador.get_paginated_response(AtencionSerializer(pagina, many=True).data)

    @extend_schema(request=EntradaSerializer, responses={201: AtencionSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        numero = datos.pop("cuenta")
        cuenta = None
        if numero:
            cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
            if cuenta is None:
                raise serializers.ValidationError({"cuenta": f"No se encontró la cuenta {numero}."})
        atencion = atencion_iniciar(usuario=request.user, cuenta=cuenta, **datos)
        return Response(
            AtencionSerializer(_mias(request.user).get(pk=atencion.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class AtencionTerminarApi(APIView):
    """POST: end the caller's open attention and link what was recorded during it."""

    permiso = REGISTRAR

    @extend_schema_serializer(component_name="AtencionTerminar")
    class EntradaSerializer(serializers.Serializer):
        notas = serializers.CharField(required=False, allow_blank=True, allow_null=True)

    @extend_schema(request=EntradaSerializer, responses=AtencionSerializer)
    def post(self, request, pk):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        atencion = get_object_or_404(_mias(request.user), pk=pk)
        atencion_terminar(
            atencion=atencion, usuario=request.user, notas=entrada.validated_data.get("notas")
        )
        return Response(AtencionSerializer(_mias(request.user).get(pk=pk)).data)


class MotivosAtencionApi(APIView):
    """GET: the active motivos de atención (the form's catalog)."""

    permiso = REGISTRAR

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        motivos = MotivoAtencion.objects.filter(activo=True).values("id", "nombre")
        return Response({"motivos": list(motivos)})


class ReporteAtencionApi(APIView):
    """GET ?desde&hasta: attentions by channel, motive, person and hour of day."""

    permiso = "cobranza.ver_reportes"

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(input_formats=FECHAS)
        hasta = serializers.DateField(input_formats=FECHAS)

        def validate(self, datos):
            if datos["hasta"] < datos["desde"]:
                raise serializers.ValidationError({"hasta": "Debe ser igual o posterior a desde."})
            return datos

    @extend_schema(parameters=[FiltroSerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        return Response(reporte_atencion(**filtro.validated_data))
