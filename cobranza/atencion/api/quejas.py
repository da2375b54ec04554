"""/api/v1/ quejas y sugerencias: thin views over the services and selectors.

Clerks' endpoints need cobranza.atender_quejas (the report also opens to cobranza.ver_reportes).
The public lookup and rating (/api/v1/publico/quejas/...) need no login: folio AND clave,
rate-limited per address like the public pages, and the same answer for an unknown folio as
for a wrong clave. Filing a queja anonymously is left to the public page, whose honeypot and
minimum time an API client could not honour.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.atencion.publico import limite_excedido
from cobranza.atencion.selectors.quejas import (
    LIMITE_CONSULTAS,
    NO_ENCONTRADO,
    areas_activas,
    queja_por_folio_y_clave,
    quejas_de,
    reporte_quejas,
    tablero_quejas,
)
from cobranza.atencion.services.quejas import (
    PERMISO,
    queja_asignar,
    queja_calificar,
    queja_cerrar,
    queja_registrar,
    queja_responder,
    quienes_atienden_quejas,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import AreaResponsable, Queja
from config.api import Paginacion, error
from padron.fechas import hoy, primer_dia_del_mes

FECHAS = ["%d/%m/%Y", "iso-8601"]


def _queja(request, folio):
    return get_object_or_404(quejas_de(request.user), folio=folio)


def _usuario():
    return serializers.SlugRelatedField(
        slug_field="username",
        queryset=quienes_atienden_quejas(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": "No hay un usuario activo «{value}» que atienda quejas."},
    )


class AreaSerializer(serializers.ModelSerializer):
    responsable = serializers.CharField(
        source="responsable.username", default=None, allow_null=True
    )

    class Meta:
        model = AreaResponsable
        fields = ["id", "nombre", "responsable"]


class QuejaSerializer(serializers.ModelSerializer):
    area = serializers.CharField(source="area.nombre", default=None)
    cuenta = serializers.CharField(source="cuenta.numero", default=None)
    asignada_a = serializers.CharField(source="asignada_a.username", default=None)
    vencida = serializers.SerializerMethodField()

    class Meta:
        model = Queja
        fields = [
            "folio",
            "tipo",
            "origen",
            "estado",
            "area",
            "asignada_a",
            "nombre",
            "contacto",
            "cuenta",
            "descripcion",
            "recibida",
            "vence",
            "vencida",
            "respuesta",
            "respondida",
            "cerrada",
            "satisfaccion",
        ]

    def get_vencida(self, queja) -> bool:
        abierta = queja.estado in (Queja.Estado.RECIBIDA, Queja.Estado.ASIGNADA)
        return abierta and queja.vence < hoy()


class QuejaRecibidaSerializer(QuejaSerializer):
    """On creation only: the clave the clerk gives to the person (never listed again)."""

    class Meta(QuejaSerializer.Meta):
        fields = [*QuejaSerializer.Meta.fields, "clave"]


class QuejasApi(APIView):
    """GET: the quejas the user sees, by deadline (filters: estado, tipo, area, vencidas, mias,
    folio). POST: capture one received at ventanilla, by phone or by e-mail."""

    permiso = PERMISO

    class FiltroSerializer(serializers.Serializer):
        estado = serializers.ChoiceField(choices=Queja.Estado.choices, required=False)
        tipo = serializers.ChoiceField(choices=Queja.Tipo.choices, required=False)
        area = serializers.PrimaryKeyRelatedField(
            queryset=AreaResponsable.objects.all(), required=False
        )
        vencidas = serializers.BooleanField(required=False, default=False)
        mias = serializers.BooleanField(required=False, default=False)
        folio = serializers.CharField(required=False, max_length=20)

    @extend_schema_serializer(component_name="QuejaEntrada")
    class EntradaSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=Queja.Tipo.choices)
        # All of Queja.Origen (one enum in the schema); "publico" is refused below.
        origen = serializers.ChoiceField(choices=Queja.Origen.choices)
        descripcion = serializers.CharField()
        nombre = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        contacto = serializers.CharField(
            max_length=120, required=False, allow_blank=True, default=""
        )
        area = serializers.PrimaryKeyRelatedField(
            queryset=AreaResponsable.objects.filter(activa=True), required=False, allow_null=True
        )
        cuenta = serializers.CharField(required=False, allow_blank=True, default="")

        def validate_origen(self, valor):
            if valor == Queja.Origen.PUBLICO:
                raise serializers.ValidationError(
                    "Las quejas de la página pública las presenta la persona en esa página."
                )
            return valor

    @extend_schema(parameters=[FiltroSerializer], responses=QuejaSerializer(many=True))
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(
            quejas_de(request.user, filtro.validated_data), request, view=self
        )
        return paginador.get_paginated_response(QuejaSerializer(pagina, many=True).data)

    @extend_schema(request=EntradaSerializer, responses={201: QuejaRecibidaSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        cuenta = None
        if numero := datos.pop("cuenta").strip():
            cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
            if cuenta is None:
                raise serializers.ValidationError(
                    {"cuenta": "No existe esa cuenta o no está a su alcance."}
                )
        queja = queja_registrar(cuenta=cuenta, usuario=request.user, **datos)
        return Response(QuejaRecibidaSerializer(queja).data, status=status.HTTP_201_CREATED)


class QuejaApi(APIView):
    """GET: one queja by folio."""

    permiso = PERMISO

    @extend_schema(responses=QuejaSerializer)
    def get(self, request, folio):
        return Response(QuejaSerializer(_queja(request, folio)).data)


class QuejaAsignarApi(APIView):
    """POST: send an open queja to an area (id) and a person (username; the area's head when
    omitted)."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="QuejaAsignacion")
    class EntradaSerializer(serializers.Serializer):
        area = serializers.PrimaryKeyRelatedField(queryset=AreaResponsable.objects.all())
        asignada_a = _usuario()

    @extend_schema(request=EntradaSerializer, responses=QuejaSerializer)
    def post(self, request, folio):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        queja = queja_asignar(
            queja=_queja(request, folio), usuario=request.user, **entrada.validated_data
        )
        return Response(QuejaSerializer(queja).data)


class QuejaResponderApi(APIView):
    """POST: record the answer (once; not on a closed queja)."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="QuejaRespuesta")
    class EntradaSerializer(serializers.Serializer):
        respuesta = serializers.CharField()

    @extend_schema(request=EntradaSerializer, responses=QuejaSerializer)
    def post(self, request, folio):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        queja = queja_responder(
            queja=_queja(request, folio), usuario=request.user, **entrada.validated_data
        )
        return Response(QuejaSerializer(queja).data)


class QuejaCerrarApi(APIView):
    """POST: close an answered queja, optionally with the satisfaction (1 to 5) the person
    expressed to the clerk."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="QuejaCierre")
    class EntradaSerializer(serializers.Serializer):
        satisfaccion = serializers.ChoiceField(
            choices=Queja.Satisfaccion.choices, required=False, allow_null=True
        )

    @extend_schema(request=EntradaSerializer, responses=QuejaSerializer)
    def post(self, request, folio):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        queja = queja_cerrar(
            queja=_queja(request, folio), usuario=request.user, **entrada.validated_data
        )
        return Response(QuejaSerializer(queja).data)


class QuejasPendientesApi(APIView):
    """GET: the user's open quejas past or near their deadline (what their home page shows)."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="QuejasPendientes")
    class SalidaSerializer(serializers.Serializer):
        vencidas = QuejaSerializer(many=True, source="quejas_vencidas")
        por_vencer = QuejaSerializer(many=True, source="quejas_por_vencer")
        cuantas = serializers.DictField(child=serializers.IntegerField(), source="cuantas_quejas")

    @extend_schema(responses=SalidaSerializer)
    def get(self, request):
        return Response(self.SalidaSerializer(tablero_quejas(request.user)).data)


class AreasResponsablesApi(APIView):
    """GET: the active areas a queja can be assigned to (ids for asignar and the filters)."""

    permiso = PERMISO
    pagination_class = None

    @extend_schema(responses=AreaSerializer(many=True))
    def get(self, request):
        return Response(AreaSerializer(areas_activas(), many=True).data)


class FilaReporteSerializer(serializers.Serializer):
    nombre = serializers.CharField()
    recibidas = serializers.IntegerField()
    respondidas = serializers.IntegerField()
    a_tiempo = serializers.IntegerField()
    vencidas_sin_respuesta = serializers.IntegerField()
    porcentaje_a_tiempo = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    dias_promedio = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    satisfaccion = serializers.DecimalField(max_digits=3, decimal_places=1, allow_null=True)
    calificadas = serializers.IntegerField()


class QuejasReporteApi(APIView):
    """GET ?desde&hasta (dd/mm/aaaa or aaaa-mm-dd; this month by default): the report by area,
    by tipo and in total."""

    permiso = None  # atender_quejas OR ver_reportes, checked below

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(required=False, input_formats=FECHAS)
        hasta = serializers.DateField(required=False, input_formats=FECHAS)

    @extend_schema_serializer(component_name="QuejasReporte")
    class SalidaSerializer(serializers.Serializer):
        desde = serializers.DateField()
        hasta = serializers.DateField()
        por_area = FilaReporteSerializer(many=True)
        por_tipo = FilaReporteSerializer(many=True)
        total = FilaReporteSerializer()

    @extend_schema(parameters=[FiltroSerializer], responses=SalidaSerializer)
    def get(self, request):
        if not any(request.user.has_perm(p) for p in (PERMISO, "cobranza.ver_reportes")):
            raise PermissionDenied("No tiene permiso para realizar esta acción.")
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        desde = filtro.validated_data.get("desde", primer_dia_del_mes(hoy()))
        hasta = filtro.validated_data.get("hasta", hoy())
        if desde > hasta:
            raise serializers.ValidationError({"hasta": "La fecha final es anterior a la inicial."})
        return Response(self.SalidaSerializer(reporte_quejas(desde, hasta)).data)


# --- público ---------------------------------------------------------------------------------


class EstadoPublicoSerializer(serializers.ModelSerializer):
    """What the person may read with folio and clave: no name, contact, cuenta or clerk."""

    area = serializers.CharField(source="area.nombre", default=None)
    puede_calificar = serializers.SerializerMethodField()

    class Meta:
        model = Queja
        fields = [
            "folio",
            "tipo",
            "estado",
            "area",
            "recibida",
            "vence",
            "respuesta",
            "respondida",
            "cerrada",
            "satisfaccion",
            "puede_calificar",
        ]

    def get_puede_calificar(self, queja) -> bool:
        return queja.respondida is not None and queja.satisfaccion is None


class _Publica(APIView):
    authentication_classes = []  # anonymous, and no session: no CSRF to carry
    permission_classes = [AllowAny]
    throttle_classes = []

    def _buscar(self, request, entrada):
        if limite_excedido(request, "consulta_queja", limite=LIMITE_CONSULTAS):
            return None, error(
                "Demasiadas consultas desde su conexión; intente de nuevo en una hora.",
                codigo="demasiadas_solicitudes",
                estado=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        queja = queja_por_folio_y_clave(datos["folio"], datos["clave"])
        if queja is None:
            return None, error(NO_ENCONTRADO, codigo="no_encontrado", estado=404)
        return queja, None


class ConsultaPublicaSerializer(serializers.Serializer):
    folio = serializers.CharField(max_length=20)
    clave = serializers.CharField(max_length=12)


class QuejaConsultaPublicaApi(_Publica):
    """POST folio and clave (no login): the queja's state and its answer."""

    @extend_schema(
        request=ConsultaPublicaSerializer,
        responses={200: EstadoPublicoSerializer, 404: OpenApiResponse(description=NO_ENCONTRADO)},
    )
    def post(self, request):
        queja, rechazo = self._buscar(request, ConsultaPublicaSerializer(data=request.data))
        return rechazo or Response(EstadoPublicoSerializer(queja).data)


class QuejaCalificarPublicaApi(_Publica):
    """POST folio, clave and satisfaccion 1-5 (no login): rate the answer, once."""

    @extend_schema_serializer(component_name="QuejaCalificacion")
    class EntradaSerializer(ConsultaPublicaSerializer):
        satisfaccion = serializers.ChoiceField(choices=Queja.Satisfaccion.choices)

    @extend_schema(
        request=EntradaSerializer,
        responses={200: EstadoPublicoSerializer, 404: OpenApiResponse(description=NO_ENCONTRADO)},
    )
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        queja, rechazo = self._buscar(request, entrada)
        if rechazo:
            return rechazo
        queja = queja_calificar(queja=queja, satisfaccion=entrada.validated_data["satisfaccion"])
        return Response(EstadoPublicoSerializer(queja).data)
