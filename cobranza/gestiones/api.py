"""/api/v1/ gestiones, timeline, promesas and recados: thin views over the services.

Reads need padron.ver_padron, writes cobranza.registrar_gestion; cuentas only through
cuentas_visibles (404 otherwise). Recados are personal: any user with a role reads and
marks read only its own (the recipient rule), like the /recados/ page.
"""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.gestiones.linea_de_tiempo import LIMITE, linea_de_tiempo
from cobranza.gestiones.services import (
    destinatarios_de_recados,
    gestion_registrar,
    promesas_consultar,
    recado_marcar_leido,
    recado_tomar,
    recados_de,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Gestion, PromesaPago, Recado
from config.api import Paginacion

FECHAS = ["%d/%m/%Y", "iso-8601"]
LEER = "padron.ver_padron"
ESCRIBIR = "cobranza.registrar_gestion"


def _cuenta(request, numero):
    return get_object_or_404(cuentas_visibles(request.user), numero=numero)


def _paginada(request, view, filas, serializer):
    paginador = Paginacion()
    pagina = paginador.paginate_queryset(filas, request, view=view)
    return paginador.get_paginated_response(serializer(pagina, many=True).data)


class PromesaSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    pagado_al = serializers.DecimalField(
        max_digits=14, decimal_places=2, default=None, read_only=True
    )

    class Meta:
        model = PromesaPago
        fields = [
            "id",
            "cuenta",
            "monto",
            "prometida_el",
            "fecha_compromiso",
            "estado",
            "pagado",
            "pagado_al",
            "revisada",
        ]


class GestionSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    usuario = serializers.CharField(source="usuario.username")
    promesa = PromesaSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Gestion
        fields = ["id", "cuenta", "fecha", "tipo", "resultado", "notas", "usuario", "promesa"]


class CuentaGestionesApi(APIView):
    """GET: the cuenta's gestiones, newest first. POST: register one (with its promesa)."""

    permiso = {"GET": LEER, "POST": ESCRIBIR}

    @extend_schema_serializer(component_name="GestionEntrada")
    class EntradaSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=Gestion.Tipo.choices)
        resultado = serializers.ChoiceField(choices=Gestion.Resultado.choices)
        notas = serializers.CharField(required=False, allow_blank=True, default="")
        fecha = serializers.DateTimeField(required=False, allow_null=True, default=None)
        # Checked by the service, which names the field in its error.
        promesa_monto = serializers.CharField(required=False, allow_blank=True, allow_null=True)
        promesa_fecha = serializers.DateField(required=False, allow_null=True, input_formats=FECHAS)

    @extend_schema(responses=GestionSerializer(many=True))
    def get(self, request, numero):
        gestiones = (
            Gestion.objects.filter(cuenta=_cuenta(request, numero))
            .select_related("cuenta", "usuario", "promesa__cuenta")
            .order_by("-fecha", "-id")
        )
        return _paginada(request, self, gestiones, GestionSerializer)

    @extend_schema(request=EntradaSerializer, responses={201: GestionSerializer})
    def post(self, request, numero):
        cuenta = _cuenta(request, numero)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        gestion = gestion_registrar(cuenta=cuenta, usuario=request.user, **entrada.validated_data)
        return Response(GestionSerializer(gestion).data, status=status.HTTP_201_CREATED)


class LineaDeTiempoApi(APIView):
    """GET ?limite=N (1 to 200): the cuenta's events, newest first."""

    permiso = LEER

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, numero):
        cuenta = _cuenta(request, numero)
        try:
            limite = int(request.query_params.get("limite", LIMITE))
        except ValueError:
            limite = 0
        if not 1 <= limite <= LIMITE:
            raise serializers.ValidationError({"limite": f"Use un número de 1 a {LIMITE}."})
        eventos = linea_de_tiempo(cuenta, limite=limite)
        return Response(
            {
                "cuenta": cuenta.numero,
                "eventos": [
                    {
                        "fecha": e.fecha,
                        "tipo": e.tipo,
                        "titulo": e.titulo,
                        "detalle": e.detalle,
                        "monto": None if e.monto is None else str(e.monto),
                        "url": e.url,
                    }
                    for e in eventos
                ],
            }
        )


class PromesasApi(APIView):
    """GET ?estado=vigente|cumplida|incumplida&desde&hasta&gestor=<usuario>: the promesas on
    the cuentas the user sees (vigentes and incumplidas by default), by date promised."""

    permiso = LEER

    class FiltroSerializer(serializers.Serializer):
        estado = serializers.ChoiceField(
            choices=PromesaPago.Estado.choices, required=False, allow_blank=True
        )
        desde = serializers.DateField(required=False, input_formats=FECHAS)
        hasta = serializers.DateField(required=False, input_formats=FECHAS)
        gestor = serializers.SlugRelatedField(
            slug_field="username", queryset=get_user_model().objects.all(), required=False
        )

    @extend_schema(parameters=[FiltroSerializer], responses=PromesaSerializer(many=True))
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        promesas = promesas_consultar(
            cuentas=cuentas_visibles(request.user), **filtro.validated_data
        )
        return _paginada(request, self, promesas, PromesaSerializer)


class RecadoSerializer(serializers.ModelSerializer):
    para = serializers.CharField(source="para.username")
    tomado_por = serializers.CharField(source="tomado_por.username")
    cuenta = serializers.CharField(source="cuenta.numero", default=None)

    class Meta:
        model = Recado
        fields = [
            "id",
            "para",
            "de",
            "telefono",
            "mensaje",
            "cuenta",
            "tomado_por",
            "fecha",
            "leido",
        ]


class RecadosApi(APIView):
    """GET: my recados, unread first (?sin_leer=1: only those). POST: take one for someone."""

    permiso = {"GET": None, "POST": ESCRIBIR}

    @extend_schema_serializer(component_name="RecadoEntrada")
    class EntradaSerializer(serializers.Serializer):
        para = serializers.SlugRelatedField(
            slug_field="username",
            queryset=destinatarios_de_recados(),
            error_messages={"does_not_exist": "No hay un usuario activo «{value}»."},
        )
        de = serializers.CharField(max_length=200)
        telefono = serializers.CharField(max_length=30, required=False, allow_blank=True)
        mensaje = serializers.CharField()
        cuenta = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(responses=RecadoSerializer(many=True))
    def get(self, request):
        recados = recados_de(request.user).select_related("para")
        if request.query_params.get("sin_leer") == "1":
            recados = recados.filter(leido__isnull=True)
        return _paginada(request, self, recados, RecadoSerializer)

    @extend_schema(request=EntradaSerializer, responses={201: RecadoSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        cuenta = None
        if numero := datos.get("cuenta", "").strip():
            cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
            if cuenta is None:
                raise serializers.ValidationError(
                    {"cuenta": "No existe esa cuenta o no está a su alcance."}
                )
        recado = recado_tomar(
            para=datos["para"],
            de=datos["de"],
            telefono=datos.get("telefono", ""),
            mensaje=datos["mensaje"],
            tomado_por=request.user,
            cuenta=cuenta,
        )
        return Response(RecadoSerializer(recado).data, status=status.HTTP_201_CREATED)


class RecadoLeidoApi(APIView):
    """POST: mark my recado read (idempotent); someone else's is 404."""

    permiso = None

    @extend_schema(request=None, responses=RecadoSerializer)
    def post(self, request, pk):
        recado = get_object_or_404(Recado, pk=pk, para=request.user)
        recado = recado_marcar_leido(recado=recado, usuario=request.user)
        return Response(RecadoSerializer(recado).data)
