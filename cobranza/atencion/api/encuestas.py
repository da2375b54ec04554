"""/api/v1/ encuestas: thin views over the services and selectors.

Reading surveys and their results needs cobranza.administrar_encuestas or
cobranza.ver_reportes; defining them, administrar_encuestas; a clerk's app creates an
invitation with cobranza.registrar_atencion. The public endpoints (/api/v1/publico/encuestas/
<token>/...) need no login: the token is the key; rate-limited per address. Answering the
open public survey is left to its page, whose honeypot and minimum time an API client could
not honour.
"""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.atencion.models import Atencion, Encuesta, Invitacion, Pregunta
from cobranza.atencion.publico import limite_excedido
from cobranza.atencion.selectors.encuestas import (
    CANALES,
    encuestas_lista,
    invitacion_por_token,
    resultados,
)
from cobranza.atencion.services.encuestas import (
    encuesta_activar,
    encuesta_actualizar,
    encuesta_crear,
    encuesta_desactivar,
    invitacion_crear,
    liga_de,
    respuestas_registrar,
)
from cobranza.libro.selectors import cuentas_visibles
from config.api import Paginacion, error
from padron.fechas import hoy
from padron.permisos import TieneRol

FECHAS = ["%d/%m/%Y", "iso-8601"]
ADMINISTRAR = "cobranza.administrar_encuestas"
CONSULTAN = (ADMINISTRAR, "cobranza.ver_reportes")
NO_DISPONIBLE = "Encuesta no disponible."
# Generous: at ventanilla every answer comes from the institution's one address.
LIMITE_RESPUESTAS = 300


class TieneAlguno(TieneRol):
    """TieneRol, where the method's `permiso` may be a tuple: any one of them suffices."""

    def has_permission(self, request, view):
        metodo = "GET" if request.method == "HEAD" else request.method
        permiso = view.permiso.get(metodo) if isinstance(view.permiso, dict) else None
        if not isinstance(permiso, tuple):
            return super().has_permission(request, view)
        tiene = next((p for p in permiso if request.user.has_perm(p)), None)
        return tiene is not None and super().has_permission(request, _Permiso(tiene))


class _Permiso:
    def __init__(self, permiso):
        self.permiso = permiso


# --- serializers ------------------------------------------------------------------------------


class PreguntaSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pregunta
        fields = ["id", "orden", "texto", "tipo", "opciones", "obligatoria"]


class EncuestaSerializer(serializers.ModelSerializer):
    preguntas = PreguntaSerializer(many=True, read_only=True)
    creada_por = serializers.CharField(source="creada_por.username")

    class Meta:
        model = Encuesta
        fields = [
            "id",
            "nombre",
            "descripcion",
            "activa",
            "en_ventanilla",
            "en_avisos",
            "publica",
            "creada_por",
            "creada",
            "preguntas",
        ]


class EncuestaListaSerializer(EncuestaSerializer):
    enviadas = serializers.IntegerField(read_only=True)
    respondidas = serializers.IntegerField(read_only=True)

    class Meta(EncuestaSerializer.Meta):
        fields = [*EncuestaSerializer.Meta.fields, "enviadas", "respondidas"]


@extend_schema_serializer(component_name="PreguntaEntrada")
class PreguntaEntradaSerializer(serializers.Serializer):
    # Checked by the service, which names the question (preguntas[i].campo) in its error.
    texto = serializers.CharField(max_length=300, allow_blank=True)
    tipo = serializers.ChoiceField(choices=Pregunta.Tipo.choices)
    opciones = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    obligatoria = serializers.BooleanField(required=False, default=True)


class InvitacionSerializer(serializers.ModelSerializer):
    encuesta = serializers.CharField(source="encuesta.nombre")
    cuenta = serializers.CharField(source="cuenta.numero", default=None)
    liga = serializers.SerializerMethodField()

    class Meta:
        model = Invitacion
        fields = ["id", "encuesta", "canal", "token", "liga", "atencion", "cuenta", "creada"]

    def get_liga(self, invitacion) -> str:
        ruta = liga_de(invitacion)
        request = self.context.get("request")
        return request.build_absolute_uri(ruta) if request and ruta.startswith("/") else ruta


# --- surveys ----------------------------------------------------------------------------------


class EncuestasApi(APIView):
    """GET: the surveys with their questions and counts. POST: define a new one."""

    permission_classes = [TieneAlguno]
    permiso = {"GET": CONSULTAN, "POST": ADMINISTRAR}

    @extend_schema_serializer(component_name="EncuestaEntrada")
    class EntradaSerializer(serializers.Serializer):
        nombre = serializers.CharField(max_length=120)
        descripcion = serializers.CharField(required=False, allow_blank=True, default="")
        en_ventanilla = serializers.BooleanField(required=False, default=False)
        en_avisos = serializers.BooleanField(required=False, default=False)
        publica = serializers.BooleanField(required=False, default=False)
        preguntas = PreguntaEntradaSerializer(many=True, allow_empty=True)

    @extend_schema(responses=EncuestaListaSerializer(many=True))
    def get(self, request):
        filas = encuestas_lista().prefetch_related("preguntas")
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(filas, request, view=self)
        return paginador.get_paginated_response(EncuestaListaSerializer(pagina, many=True).data)

    @extend_schema(request=EntradaSerializer, responses={201: EncuestaSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        encuesta = encuesta_crear(**entrada.validated_data, usuario=request.user)
        return Response(EncuestaSerializer(encuesta).data, status=status.HTTP_201_CREATED)


class EncuestaApi(APIView):
    """GET: one survey. PATCH: change what is sent; `activa` activates or deactivates it. The
    questions of a survey with answers cannot change (400, on `preguntas`)."""

    permission_classes = [TieneAlguno]
    permiso = {"GET": CONSULTAN, "PATCH": ADMINISTRAR}

    @extend_schema_serializer(component_name="EncuestaCambio")
    class CambioSerializer(serializers.Serializer):
        nombre = serializers.CharField(max_length=120, required=False)
        descripcion = serializers.CharField(required=False, allow_blank=True)
        en_ventanilla = serializers.BooleanField(required=False)
        en_avisos = serializers.BooleanField(required=False)
        publica = serializers.BooleanField(required=False)
        activa = serializers.BooleanField(required=False)
        preguntas = PreguntaEntradaSerializer(many=True, required=False, allow_empty=True)

    def _encuesta(self, pk):
        return get_object_or_404(Encuesta.objects.select_related("creada_por"), pk=pk)

    @extend_schema(responses=EncuestaSerializer)
    def get(self, request, pk):
        return Response(EncuestaSerializer(self._encuesta(pk)).data)

    @extend_schema(request=CambioSerializer, responses=EncuestaSerializer)
    def patch(self, request, pk):
        encuesta = self._encuesta(pk)
        entrada = self.CambioSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        cambios = dict(entrada.validated_data)
        activa = cambios.pop("activa", None)
        encuesta = encuesta_actualizar(encuesta=encuesta, **cambios)
        if activa is not None:
            cambiar = encuesta_activar if activa else encuesta_desactivar
            encuesta = cambiar(encuesta=encuesta)
        return Response(EncuestaSerializer(self._encuesta(encuesta.pk)).data)


class ConteoSerializer(serializers.Serializer):
    valor = serializers.CharField()
    etiqueta = serializers.CharField()
    respuestas = serializers.IntegerField()


class ComentarioSerializer(serializers.Serializer):
    respondida = serializers.DateTimeField()
    texto = serializers.CharField()


class ResultadoPreguntaSerializer(serializers.Serializer):
    pregunta = PreguntaSerializer()
    respuestas = serializers.IntegerField()
    conteos = ConteoSerializer(many=True)
    promedio = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    comentarios = ComentarioSerializer(many=True)

    def to_representation(self, resultado):
        return {
            "pregunta": PreguntaSerializer(resultado.pregunta).data,
            "respuestas": resultado.respuestas,
            "conteos": [
                {"valor": v, "etiqueta": e, "respuestas": n} for v, e, n in resultado.conteos
            ],
            "promedio": None if resultado.promedio is None else str(resultado.promedio),
            "comentarios": [
                {"respondida": serializers.DateTimeField().to_representation(r), "texto": t}
                for r, t in resultado.comentarios
            ],
        }


class CanalResultadoSerializer(serializers.Serializer):
    canal = serializers.CharField()
    nombre = serializers.CharField()
    enviadas = serializers.IntegerField()
    respondidas = serializers.IntegerField()
    tasa = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class ResultadosSerializer(serializers.Serializer):
    desde = serializers.DateField()
    hasta = serializers.DateField()
    canal = serializers.CharField(allow_null=True)
    enviadas = serializers.IntegerField()
    respondidas = serializers.IntegerField()
    tasa = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    por_canal = CanalResultadoSerializer(many=True)
    preguntas = ResultadoPreguntaSerializer(many=True)


class EncuestaResultadosApi(APIView):
    """GET ?desde&hasta (dd/mm/aaaa; since the survey's creation until today by default)
    &canal=ventanilla|aviso|publica: the results per question and the response rate."""

    permission_classes = [TieneAlguno]
    permiso = {"GET": CONSULTAN}

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(required=False, input_formats=FECHAS)
        hasta = serializers.DateField(required=False, input_formats=FECHAS)
        canal = serializers.ChoiceField(
            choices=list(CANALES.items()), required=False, allow_blank=True
        )

    @extend_schema(parameters=[FiltroSerializer], responses=ResultadosSerializer)
    def get(self, request, pk):
        encuesta = get_object_or_404(Encuesta, pk=pk)
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        datos = filtro.validated_data
        desde = datos.get("desde") or timezone.localdate(encuesta.creada)
        hasta = datos.get("hasta") or hoy()
        if desde > hasta:
            raise serializers.ValidationError(
                {"hasta": "La fecha final no puede ser anterior a la inicial."}
            )
        datos = resultados(encuesta, desde, hasta, datos.get("canal") or None)
        return Response(ResultadosSerializer(datos).data)


class EncuestaInvitacionesApi(APIView):
    """POST canal (ventanilla by default), atencion (id) and/or cuenta (número): a new
    invitation with its token and link, for the clerk's app to show."""

    permiso = "cobranza.registrar_atencion"

    @extend_schema_serializer(component_name="InvitacionEntrada")
    class EntradaSerializer(serializers.Serializer):
        canal = serializers.ChoiceField(
            choices=list(CANALES.items()), required=False, default="ventanilla"
        )
        atencion = serializers.PrimaryKeyRelatedField(
            queryset=Atencion.objects.all(), required=False, allow_null=True, default=None
        )
        cuenta = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=EntradaSerializer, responses={201: InvitacionSerializer})
    def post(self, request, pk):
        encuesta = get_object_or_404(Encuesta, pk=pk)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        cuenta = None
        if numero := datos["cuenta"].strip():
            cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
            if cuenta is None:
                raise serializers.ValidationError(
                    {"cuenta": "No existe esa cuenta o no está a su alcance."}
                )
        invitacion = invitacion_crear(
            encuesta=encuesta, canal=datos["canal"], atencion=datos["atencion"], cuenta=cuenta
        )
        contexto = {"request": request}
        return Response(
            InvitacionSerializer(invitacion, context=contexto).data, status=status.HTTP_201_CREATED
        )


# --- public, by token -------------------------------------------------------------------------


class EncuestaPublicaSerializer(serializers.Serializer):
    """What the person answering sees: the survey's text and questions, nothing else."""

    nombre = serializers.CharField(source="encuesta.nombre")
    descripcion = serializers.CharField(source="encuesta.descripcion")
    respondida = serializers.BooleanField(source="ya_respondida")
    preguntas = PreguntaSerializer(source="encuesta.preguntas", many=True)


class _Publica(APIView):
    authentication_classes = []  # anonymous, and no session: no CSRF to carry
    permission_classes = [AllowAny]
    throttle_classes = []

    def _invitacion(self, token):
        invitacion = invitacion_por_token(token)
        if invitacion is None or not invitacion.encuesta.activa:
            return None
        invitacion.ya_respondida = invitacion.respondida is not None
        return invitacion


class EncuestaPublicaApi(_Publica):
    """GET (no login): the invitation's survey and questions, and whether it was answered."""

    @extend_schema(
        responses={200: EncuestaPublicaSerializer, 404: OpenApiResponse(description=NO_DISPONIBLE)}
    )
    def get(self, request, token):
        invitacion = self._invitacion(token)
        if invitacion is None:
            return error(NO_DISPONIBLE, codigo="no_disponible", estado=404)
        return Response(EncuestaPublicaSerializer(invitacion).data)


class ValorSerializer(serializers.Serializer):
    pregunta = serializers.IntegerField()
    valor = serializers.CharField(allow_blank=True, max_length=2000)


class EncuestaRespuestasApi(_Publica):
    """POST respuestas [{pregunta, valor}] (no login): answer the invitation, once. A second
    answer is refused with 409; an invalid value with 400 naming `pregunta_<id>`."""

    @extend_schema_serializer(component_name="RespuestasEntrada")
    class EntradaSerializer(serializers.Serializer):
        respuestas = ValorSerializer(many=True)

    @extend_schema(
        request=EntradaSerializer,
        responses={
            201: EncuestaPublicaSerializer,
            404: OpenApiResponse(description=NO_DISPONIBLE),
            409: OpenApiResponse(description="Esta encuesta ya fue respondida."),
            429: OpenApiResponse(description="Demasiadas solicitudes desde su conexión."),
        },
    )
    def post(self, request, token):
        if limite_excedido(request, "encuesta_api", limite=LIMITE_RESPUESTAS):
            return error(
                "Demasiadas solicitudes desde su conexión; intente de nuevo más tarde.",
                codigo="demasiadas_solicitudes",
                estado=status.HTTP_429_TOO_MANY_REQUESTS,
            )
        invitacion = self._invitacion(token)
        if invitacion is None:
            return error(NO_DISPONIBLE, codigo="no_disponible", estado=404)
        if invitacion.ya_respondida:
            return _ya_respondida()
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        valores = {r["pregunta"]: r["valor"] for r in entrada.validated_data["respuestas"]}
        try:
            invitacion = respuestas_registrar(invitacion=invitacion, valores=valores)
        except ValidationError as exc:
            if getattr(exc, "code", None) == "respondida":  # answered meanwhile
                return _ya_respondida()
            raise
        invitacion.ya_respondida = True
        return Response(EncuestaPublicaSerializer(invitacion).data, status=status.HTTP_201_CREATED)


def _ya_respondida():
    return error(
        "Esta encuesta ya fue respondida.", codigo="respondida", estado=status.HTTP_409_CONFLICT
    )
