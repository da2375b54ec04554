"""/api/v1/archivo/ loans of originals and returns to the debtor: thin views over the services
and selectors. The custodian's endpoints need cobranza.custodiar_documentos; a user's own loans
only a role. Every read goes through the cuentas the user may see."""

from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.archivo.selectors.expedientes import documentos_visibles
from cobranza.archivo.selectors.prestamos import (
    mis_prestamos,
    pagares_por_devolver,
    prestamos_de,
)
from cobranza.archivo.services.prestamos import (
    PERMISO,
    devolucion_registrar,
    prestamo_devolver,
    prestamo_registrar,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Devolucion, Documento, Prestamo
from config.api import Paginacion

FECHAS = ["%d/%m/%Y", "iso-8601"]
ESTADOS = [
    ("abiertos", "Prestados"),
    ("vencidos", "Vencidos"),
    ("devueltos", "Devueltos"),
    ("todos", "Todos"),
]


class PrestamoSerializer(serializers.ModelSerializer):
    documento = serializers.IntegerField(source="documento_id")
    documento_descripcion = serializers.CharField(source="documento.__str__")
    cuenta = serializers.CharField(source="documento.legajo.cuenta.numero")
    convenio = serializers.CharField(source="documento.legajo.clave")
    prestatario = serializers.CharField(source="prestatario.username")
    entregado_por = serializers.CharField(source="entregado_por.username")
    recibido_por = serializers.CharField(source="recibido_por.username", default=None)
    vencido = serializers.BooleanField()
    vale = serializers.SerializerMethodField()

    class Meta:
        model = Prestamo
        fields = [
            "id",
            "documento",
            "documento_descripcion",
            "cuenta",
            "convenio",
            "prestatario",
            "proposito",
            "prestado",
            "vence",
            "vencido",
            "entregado_por",
            "devuelto",
            "recibido_por",
            "vale",
        ]

    def get_vale(self, prestamo) -> str:
        return reverse("cobranza:prestamo_vale", args=[prestamo.pk])


def _paginado(view, request, consulta):
    paginador = Paginacion()
    pagina = paginador.paginate_queryset(consulta, request, view=view)
    return paginador.get_paginated_response(PrestamoSerializer(pagina, many=True).data)


class PrestamosApi(APIView):
    """GET: the loans of the cuentas the custodian sees (estado: abiertos by default, vencidos,
    devueltos, todos; prestatario: username; cuenta: número). POST: lend an original."""

    permiso = PERMISO

    class FiltroSerializer(serializers.Serializer):
        estado = serializers.ChoiceField(choices=ESTADOS, required=False)
        prestatario = serializers.SlugRelatedField(
            slug_field="username", queryset=get_user_model().objects.all(), required=False
        )
        cuenta = serializers.CharField(required=False, max_length=30)

    @extend_schema_serializer(component_name="PrestamoEntrada")
    class EntradaSerializer(serializers.Serializer):
        documento = serializers.IntegerField()
        prestatario = serializers.SlugRelatedField(
            slug_field="username",
            queryset=get_user_model().objects.filter(is_active=True),
            error_messages={"does_not_exist": "No hay un usuario activo «{value}»."},
        )
        proposito = serializers.CharField(max_length=200)
        vence = serializers.DateField(input_formats=FECHAS)

    @extend_schema(parameters=[FiltroSerializer], responses=PrestamoSerializer(many=True))
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        return _paginado(self, request, prestamos_de(request.user, filtro.validated_data))

    @extend_schema(request=EntradaSerializer, responses={201: PrestamoSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        documento = get_object_or_404(documentos_visibles(request.user), pk=datos.pop("documento"))
        prestamo = prestamo_registrar(documento=documento, usuario=request.user, **datos)
        prestamo = prestamos_de(request.user, {"estado": "todos"}).get(pk=prestamo.pk)
        return Response(PrestamoSerializer(prestamo).data, status=status.HTTP_201_CREATED)


class PrestamoDevolverApi(APIView):
    """POST: receive a lent original back into the archive."""

    permiso = PERMISO

    @extend_schema(request=None, responses=PrestamoSerializer)
    def post(self, request, pk):
        prestamo = get_object_or_404(prestamos_de(request.user, {"estado": "todos"}), pk=pk)
        prestamo_devolver(prestamo=prestamo, usuario=request.user)
        prestamo = prestamos_de(request.user, {"estado": "todos"}).get(pk=pk)
        return Response(PrestamoSerializer(prestamo).data)


class MisPrestamosApi(APIView):
    """GET: the user's own loans, open first."""

    @extend_schema(responses=PrestamoSerializer(many=True))
    def get(self, request):
        return _paginado(self, request, mis_prestamos(request.user))


class DocumentoPorDevolverSerializer(serializers.ModelSerializer):
    tipo = serializers.CharField(source="tipo.clave")
    descripcion_completa = serializers.CharField(source="__str__")
    cuenta = serializers.CharField(source="legajo.cuenta.numero")
    convenio = serializers.CharField(source="legajo.clave")
    prestado = serializers.SerializerMethodField()

    class Meta:
        model = Documento
        fields = ["id", "tipo", "descripcion_completa", "cuenta", "convenio", "prestado"]

    def get_prestado(self, documento) -> bool:
        return documento.estado == Documento.Estado.PRESTADO


class FiniquitosApi(APIView):
    """GET ?cuenta=número: the paid-off pagarés and contratos de crédito still held, to hand
    back to the debtor."""

    permiso = PERMISO

    class FiltroSerializer(serializers.Serializer):
        cuenta = serializers.CharField(required=False, max_length=30)

    @extend_schema(
        parameters=[FiltroSerializer], responses=DocumentoPorDevolverSerializer(many=True)
    )
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        cuenta = None
        if numero := filtro.validated_data.get("cuenta", "").strip():
            cuenta = get_object_or_404(cuentas_visibles(request.user), numero=numero)
        documentos = pagares_por_devolver(cuenta, usuario=request.user)
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(documentos, request, view=self)
        return paginador.get_paginated_response(
            DocumentoPorDevolverSerializer(pagina, many=True).data
        )


class DevolucionSerializer(serializers.ModelSerializer):
    documento = serializers.IntegerField(source="documento_id")
    cuenta = serializers.CharField(source="documento.legajo.cuenta.numero")
    usuario = serializers.CharField(source="usuario.username")
    acuse = serializers.SerializerMethodField()

    class Meta:
        model = Devolucion
        fields = [
            "folio",
            "documento",
            "cuenta",
            "recibe",
            "identificacion",
            "fecha",
            "usuario",
            "acuse",
        ]

    def get_acuse(self, devolucion) -> str:
        return reverse("cobranza:devolucion_acuse", args=[devolucion.folio])


class DevolucionesApi(APIView):
    """POST: hand a paid-off original back to the debtor (folio and the acuse to print)."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="DevolucionEntrada")
    class EntradaSerializer(serializers.Serializer):
        documento = serializers.IntegerField()
        recibe = serializers.CharField(max_length=200)
        identificacion = serializers.CharField(max_length=100)

    @extend_schema(request=EntradaSerializer, responses={201: DevolucionSerializer})
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        documento = get_object_or_404(documentos_visibles(request.user), pk=datos.pop("documento"))
        devolucion = devolucion_registrar(documento=documento, usuario=request.user, **datos)
        return Response(DevolucionSerializer(devolucion).data, status=status.HTTP_201_CREATED)
