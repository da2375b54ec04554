"""/api/v1/ of the supervisor: the policies (alternatives, campaigns, authorisation tiers).

Policies are configuration rows: the serializer saves them, after checking the model's
constraints so that a broken one answers 400 under the field to change, never a 500.
"""

from copy import copy

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from convenios.comun.api import CARTERA, Lista, dinero
from convenios.models import Alternativa, Campana, NivelAutorizacion
from padron.models import Cartera, CondicionEspecial, Cuenta

LEEN_Y_EDITAN = {
    "*": "convenios.negociar",
    "POST": "convenios.editar_politicas",
    "PATCH": "convenios.editar_politicas",
}


def _por_cartera(request, filas, campo="cartera__clave"):
    clave = request.query_params.get("cartera")
    if not clave:
        return filas
    if not Cartera.objects.filter(clave=clave).exists():
        raise serializers.ValidationError({"cartera": f"No existe la cartera «{clave}»."})
    return filas.filter(**{campo: clave})


class RespetaRestricciones(serializers.ModelSerializer):
    """Checks the model's CheckConstraints before saving and names the field that breaks one.

    `restricciones` maps a constraint's name to (field, message); the message may use the
    row's values ({max_parcialidades}).
    """

    restricciones = {}

    def validate(self, datos):
        modelo = self.Meta.model
        fila = copy(self.instance) if self.instance is not None else modelo()
        for campo, valor in datos.items():
            if not modelo._meta.get_field(campo).many_to_many:
                setattr(fila, campo, valor)
        for restriccion in modelo._meta.constraints:
            if restriccion.name not in self.restricciones:
                continue
            try:
                restriccion.validate(modelo, fila)
            except DjangoValidationError:
                campo, mensaje = self.restricciones[restriccion.name]
                raise serializers.ValidationError({campo: mensaje.format(**vars(fila))}) from None
        return datos

    @transaction.atomic
    def save(self, **kwargs):
        return super().save(**kwargs)


class AlternativaSerializer(RespetaRestricciones):
    cartera = serializers.SlugRelatedField(slug_field="clave", queryset=Cartera.objects.all())
    condiciones = serializers.ListField(
        child=serializers.ChoiceField(choices=CondicionEspecial.Tipo.choices),
        required=False,
        help_text="solo para el tipo condición especial",
    )
    restricciones = {
        "alternativa_al_menos_un_pago": (
            "max_parcialidades",
            "La política debe permitir al menos un pago.",
        ),
        "alternativa_ventanilla_dentro_de_politica": (
            "ventanilla_max_parcialidades",
            "Ventanilla no puede conceder más parcialidades que la política ({max_parcialidades}).",
        ),
    }

    class Meta:
        model = Alternativa
        fields = "__all__"

    def validate_cartera(self, cartera):
        # Its convenios were agreed under this cartera's policy.
        if self.instance is not None and cartera != self.instance.cartera:
            raise serializers.ValidationError(
                "Una alternativa no cambia de cartera; cree una nueva en la otra cartera."
            )
        return cartera


class CampanaSerializer(RespetaRestricciones):
    carteras = serializers.SlugRelatedField(
        slug_field="clave", queryset=Cartera.objects.all(), many=True
    )
    clasificaciones = serializers.ListField(
        child=serializers.ChoiceField(choices=Cuenta.Clasificacion.choices),
        required=False,
        help_text="vacío: todas",
    )
    disponible = dinero(read_only=True, allow_null=True, help_text="vacío: sin tope")
    restricciones = {
        "campana_fechas_ordenadas": ("fin", "El fin de la campaña no puede ser antes del inicio."),
    }

    class Meta:
        model = Campana
        fields = "__all__"
        read_only_fields = ["ejercido"]


class NivelSerializer(serializers.ModelSerializer):
    cartera = serializers.CharField(source="cartera.clave")

    class Meta:
        model = NivelAutorizacion
        fields = "__all__"


class PoliticaApi(APIView):
    """What the list and the row endpoints of one kind of policy share."""

    permiso = LEEN_Y_EDITAN
    serializer = None

    def crear(self, request):
        entrada = self.serializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        return Response(self.serializer(entrada.save()).data, status=status.HTTP_201_CREATED)

    def modificar(self, request, fila):
        entrada = self.serializer(fila, data=request.data, partial=True)
        entrada.is_valid(raise_exception=True)
        return Response(self.serializer(entrada.save()).data)


class AlternativasApi(Lista, PoliticaApi):
    """The authorised alternatives (GET ?cartera=clave); a supervisor adds one (POST)."""

    serializer = AlternativaSerializer

    @extend_schema(parameters=[CARTERA], responses=AlternativaSerializer(many=True))
    def get(self, request):
        alternativas = _por_cartera(request, Alternativa.objects.select_related("cartera"))
        return self.paginada(request, alternativas, AlternativaSerializer)

    @extend_schema(request=AlternativaSerializer, responses={201: AlternativaSerializer})
    def post(self, request):
        return self.crear(request)


class AlternativaApi(PoliticaApi):
    serializer = AlternativaSerializer

    @extend_schema(responses=AlternativaSerializer)
    def get(self, request, pk):
        fila = get_object_or_404(Alternativa.objects.select_related("cartera"), pk=pk)
        return Response(AlternativaSerializer(fila).data)

    @extend_schema(request=AlternativaSerializer, responses=AlternativaSerializer)
    def patch(self, request, pk):
        return self.modificar(request, get_object_or_404(Alternativa, pk=pk))


class CampanasApi(Lista, PoliticaApi):
    """Discount campaigns (GET ?cartera=clave); a supervisor announces one (POST)."""

    serializer = CampanaSerializer

    @extend_schema(parameters=[CARTERA], responses=CampanaSerializer(many=True))
    def get(self, request):
        campanas = _por_cartera(
            request, Campana.objects.prefetch_related("carteras"), "carteras__clave"
        )
        return self.paginada(request, campanas.distinct(), CampanaSerializer)

    @extend_schema(request=CampanaSerializer, responses={201: CampanaSerializer})
    def post(self, request):
        return self.crear(request)


class CampanaApi(PoliticaApi):
    serializer = CampanaSerializer

    @extend_schema(responses=CampanaSerializer)
    def get(self, request, pk):
        fila = get_object_or_404(Campana.objects.prefetch_related("carteras"), pk=pk)
        return Response(CampanaSerializer(fila).data)

    @extend_schema(request=CampanaSerializer, responses=CampanaSerializer)
    def patch(self, request, pk):
        return self.modificar(request, get_object_or_404(Campana, pk=pk))


class NivelesApi(Lista, APIView):
    """The authorisation tiers: who approves what goes beyond ventanilla's limits."""

    permiso = "convenios.negociar"

    @extend_schema(parameters=[CARTERA], responses=NivelSerializer(many=True))
    def get(self, request):
        niveles = _por_cartera(request, NivelAutorizacion.objects.select_related("cartera"))
        return self.paginada(request, niveles, NivelSerializer)
