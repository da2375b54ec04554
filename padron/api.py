from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from padron import selectors
from padron.campos import FechaField, MontoField
from padron.models import Cartera, CondicionEspecial, Cuenta, GrupoPrelacion, Titular
from padron.permisos import puede_ver_todas_las_cuentas
from padron.roles import roles_de
from padron.services import (
    CAMPOS_CARTERA,
    CAMPOS_CUENTA,
    CAMPOS_TITULAR,
    cartera_actualizar,
    cartera_crear,
    condicion_especial_registrar,
    cuenta_actualizar,
    cuenta_crear,
    titular_actualizar,
    titular_crear,
)


class UsuarioActualApi(APIView):
    """Who the caller is: its roles and permissions (for clients deciding what to show)."""

    class OutputSerializer(serializers.Serializer):
        usuario = serializers.CharField()
        nombre = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        permisos = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        usuario = request.user
        datos = {
            "usuario": usuario.username,
            "nombre": usuario.get_full_name() or usuario.username,
            "roles": [rol.clave for rol in roles_de(usuario)],
            "permisos": sorted(usuario.get_all_permissions()),
        }
        return Response(self.OutputSerializer(datos).data)


def _exigir_todas_las_cuentas(usuario):
    # An abogado externo sees only its assigned accounts: not the padrón at large.
    if not puede_ver_todas_las_cuentas(usuario):
        raise Http404


def _motivo_y_datos(serializer):
    datos = dict(serializer.validated_data)
    return datos.pop("motivo", ""), datos


class _RegistroConMotivoApi(APIView):
    """One row of the padrón: GET reads it; PATCH changes some fields and needs a `motivo`,
    which goes to the row's history. A subclass names its serializers, how to read the row
    (`leer`, by the URL's keyword), its key for reading it again, and the service that
    changes it."""

    permiso = {"GET": "padron.ver_padron", "*": "padron.editar_padron"}
    OutputSerializer = InputSerializer = None
    no_existe = ObjectDoesNotExist

    def leer(self, **clave):
        raise NotImplementedError

    def clave(self, registro) -> dict:
        raise NotImplementedError

    def actualizar(self, registro, *, datos, motivo, usuario):
        raise NotImplementedError

    def _registro(self, request, clave):
        _exigir_todas_las_cuentas(request.user)
        try:
            return self.leer(**clave)
        except self.no_existe as exc:
            raise Http404 from exc

    def get(self, request, **clave):
        return Response(self.OutputSerializer(self._registro(request, clave)).data)

    def patch(self, request, **clave):
        registro = self._registro(request, clave)
        entrada = self.InputSerializer(registro, data=request.data, partial=True)
        entrada.is_valid(raise_exception=True)
        if "motivo" not in entrada.validated_data:
            raise ValidationError({"motivo": "Indique el motivo del cambio."})
        motivo, datos = _motivo_y_datos(entrada)
        registro = self.actualizar(registro, datos=datos, motivo=motivo, usuario=request.user)
        return Response(self.OutputSerializer(self.leer(**self.clave(registro))).data)


# --- carteras -------------------------------------------------------------------------------


class CarteraOutput(serializers.ModelSerializer):
    num_cuentas = serializers.IntegerField(read_only=True, required=False)

    class Meta:
        model = Cartera
        fields = ["clave", *CAMPOS_CARTERA, "num_cuentas"]


class _CarteraCampos(serializers.Serializer):
    """Every rule of a cartera a supervisor edits (all optional in a change)."""

    nombre = serializers.CharField(max_length=120, required=False)
    tipo = serializers.ChoiceField(choices=Cartera.Tipo.choices, required=False)
    institucion = serializers.CharField(max_length=200, required=False, allow_blank=True)
    prelacion = serializers.ListField(
        child=serializers.ChoiceField(choices=GrupoPrelacion.choices), required=False
    )
    tasa_recargo_mensual = serializers.DecimalField(
        max_digits=7, decimal_places=4, min_value=0, required=False
    )
    tope_recargos = serializers.DecimalField(
        max_digits=7, decimal_places=4, min_value=0, required=False
    )
    dias_gracia_recargo = serializers.IntegerField(min_value=0, required=False)
    umbral_morosos_meses = serializers.IntegerField(min_value=0, required=False)
    umbral_morosos_monto = MontoField(permitir_cero=True, required=False)
    umbral_corte_meses = serializers.IntegerField(min_value=0, required=False)
    tarifa_reconexion = MontoField(permitir_cero=True, required=False)
    domesticos_solo_reduccion = serializers.BooleanField(required=False)
    protege_condicion_especial = serializers.BooleanField(required=False)
    factor_consumo_atipico = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=1, required=False
    )
    fecha_minima_historica = FechaField(required=False)
    activa = serializers.BooleanField(required=False)


class CarterasApi(APIView):
    """The carteras and their rules; POST creates one (supervisor)."""

    permiso = {"GET": "padron.ver_padron", "POST": "padron.editar_carteras"}
    OutputSerializer = CarteraOutput

    @extend_schema_serializer(component_name="CarteraAlta")
    class InputSerializer(_CarteraCampos):
        clave = serializers.SlugField(max_length=30)
        nombre = serializers.CharField(max_length=120)
        tipo = serializers.ChoiceField(choices=Cartera.Tipo.choices)
        motivo = serializers.CharField(max_length=250, required=False)

    @extend_schema(request=InputSerializer, responses={201: CarteraOutput})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        motivo, datos = _motivo_y_datos(entrada)
        cartera = cartera_crear(
            clave=datos.pop("clave"), datos=datos, motivo=motivo, usuario=request.user
        )
        # Read back through the selector: the answer carries num_cuentas, as the schema says.
        cartera = selectors.carteras_lista().get(pk=cartera.pk)
        return Response(self.OutputSerializer(cartera).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=CarteraOutput(many=True))
    def get(self, request):
        paginador = api_settings.DEFAULT_PAGINATION_CLASS()
        pagina = paginador.paginate_queryset(
            selectors.carteras_lista().order_by("nombre"), request, view=self
        )
        return paginador.get_paginated_response(self.OutputSerializer(pagina, many=True).data)


class CarteraApi(APIView):
    """One cartera; PATCH edits its rules (supervisor) and needs a `motivo`."""

    permiso = {"GET": "padron.ver_padron", "*": "padron.editar_carteras"}
    OutputSerializer = CarteraOutput

    @extend_schema_serializer(component_name="CarteraCambio")
    class InputSerializer(_CarteraCampos):
        motivo = serializers.CharField(max_length=250)

    @extend_schema(responses=CarteraOutput)
    def get(self, request, clave):
        cartera = get_object_or_404(selectors.carteras_lista(), clave=clave)
        return Response(self.OutputSerializer(cartera).data)

    @extend_schema(request=InputSerializer, responses=CarteraOutput)
    def patch(self, request, clave):
        cartera = get_object_or_404(Cartera, clave=clave)
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        motivo, datos = _motivo_y_datos(entrada)
        cartera = cartera_actualizar(
            cartera=cartera, datos=datos, motivo=motivo, usuario=request.user
        )
        cartera = selectors.carteras_lista().get(pk=cartera.pk)
        return Response(self.OutputSerializer(cartera).data)


# --- titulares ------------------------------------------------------------------------------


class CondicionOutput(serializers.ModelSerializer):
    class Meta:
        model = CondicionEspecial
        fields = [
            "id",
            "tipo",
            "vigente_desde",
            "vigente_hasta",
            "descripcion_evidencia",
            "evidencia",
        ]


class TitularOutput(serializers.ModelSerializer):
    nombre_completo = serializers.CharField(read_only=True)
    cuentas = serializers.SlugRelatedField(slug_field="numero", many=True, read_only=True)
    condiciones = CondicionOutput(many=True, read_only=True)

    class Meta:
        model = Titular
        fields = ["id", *CAMPOS_TITULAR, "nombre_completo", "cuentas", "condiciones"]


@extend_schema_serializer(component_name="TitularAlta")
class _TitularInput(serializers.ModelSerializer):
    """The titular's fields; the model's validators (CURP, RFC) apply, the rules in the service."""

    class Meta:
        model = Titular
        fields = CAMPOS_TITULAR
        extra_kwargs = {campo: {"required": False} for campo in CAMPOS_TITULAR}


class TitularesApi(APIView):
    """Alta de titular."""

    permiso = "padron.editar_padron"
    InputSerializer = _TitularInput

    @extend_schema(request=_TitularInput, responses={201: TitularOutput})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        motivo, datos = _motivo_y_datos(entrada)
        titular = titular_crear(
            datos=datos, usuario=request.user, motivo=motivo or "Alta de titular"
        )
        titular = selectors.titular_detalle(pk=titular.pk)
        return Response(TitularOutput(titular).data, status=status.HTTP_201_CREATED)


@extend_schema_serializer(component_name="TitularCambio")
class _TitularCambio(_TitularInput):
    motivo = serializers.CharField(max_length=250)

    class Meta(_TitularInput.Meta):
        fields = [*CAMPOS_TITULAR, "motivo"]


@extend_schema_view(
    get=extend_schema(responses=TitularOutput),
    patch=extend_schema(request=_TitularCambio, responses=TitularOutput),
)
class TitularApi(_RegistroConMotivoApi):
    """A titular with its cuentas and condiciones; PATCH changes it and needs a `motivo`."""

    OutputSerializer, InputSerializer = TitularOutput, _TitularCambio

    def leer(self, *, pk):
        return selectors.titular_detalle(pk=pk)

    def clave(self, titular):
        return {"pk": titular.pk}

    def actualizar(self, titular, **cambio):
        return titular_actualizar(titular=titular, **cambio)


class CondicionesApi(APIView):
    """Register a condición especial (multipart when it carries the evidence file)."""

    permiso = "padron.editar_padron"
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="CondicionAlta")
    class InputSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=CondicionEspecial.Tipo.choices)
        vigente_desde = serializers.DateField()
        vigente_hasta = serializers.DateField(required=False, allow_null=True)
        evidencia = serializers.FileField(required=False, allow_null=True)
        descripcion_evidencia = serializers.CharField(
            max_length=200, required=False, allow_blank=True
        )
        motivo = serializers.CharField(max_length=250, required=False, allow_blank=True)

    @extend_schema(request=InputSerializer, responses={201: CondicionOutput})
    def post(self, request, pk):
        titular = get_object_or_404(Titular, pk=pk)
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        condicion = condicion_especial_registrar(
            titular=titular, usuario=request.user, **entrada.validated_data
        )
        return Response(CondicionOutput(condicion).data, status=status.HTTP_201_CREATED)


# --- cuentas ------------------------------------------------------------------------------


class CuentaOutput(serializers.ModelSerializer):
    cartera = serializers.SlugRelatedField(slug_field="clave", read_only=True)
    servicios = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Cuenta
        fields = ["id", *CAMPOS_CUENTA, "servicios"]


@extend_schema_serializer(component_name="CuentaAlta")
class _CuentaInput(serializers.ModelSerializer):
    cartera = serializers.SlugRelatedField(
        slug_field="clave", queryset=Cartera.objects.all(), required=False
    )
    titular = serializers.PrimaryKeyRelatedField(queryset=Titular.objects.all(), required=False)
    # Money and dates through the one parser and the date policy (padron/campos.py).
    monto_otorgado = MontoField(required=False, allow_null=True)
    fecha_alta = FechaField(required=False, allow_null=True)
    fecha_otorgamiento = FechaField(required=False, allow_null=True)
    inicio_recuperacion = FechaField(required=False, allow_null=True)

    class Meta:
        model = Cuenta
        fields = CAMPOS_CUENTA
        extra_kwargs = {campo: {"required": False} for campo in CAMPOS_CUENTA}


class CuentasApi(APIView):
    """Alta de cuenta (with an existing titular: create it first at /titulares/)."""

    permiso = "padron.editar_padron"
    InputSerializer = _CuentaInput

    @extend_schema(request=_CuentaInput, responses={201: CuentaOutput})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        cuenta = cuenta_crear(datos=dict(entrada.validated_data), usuario=request.user)
        cuenta = selectors.cuenta_padron(numero=cuenta.numero)
        return Response(CuentaOutput(cuenta).data, status=status.HTTP_201_CREATED)


@extend_schema_serializer(component_name="CuentaCambio")
class _CuentaCambio(_CuentaInput):
    motivo = serializers.CharField(max_length=250)

    class Meta(_CuentaInput.Meta):
        fields = [*CAMPOS_CUENTA, "motivo"]


@extend_schema_view(
    get=extend_schema(responses=CuentaOutput),
    patch=extend_schema(request=_CuentaCambio, responses=CuentaOutput),
)
class CuentaApi(_RegistroConMotivoApi):
    """A cuenta's padrón data; PATCH changes it and needs a `motivo`."""

    OutputSerializer, InputSerializer = CuentaOutput, _CuentaCambio

    def leer(self, *, numero):
        return selectors.cuenta_padron(numero=numero)

    def clave(self, cuenta):
        return {"numero": cuenta.numero}

    def actualizar(self, cuenta, **cambio):
        return cuenta_actualizar(cuenta=cuenta, **cambio)


# --- depuración -------------------------------------------------------------------------------


def _cartera_de(request):
    clave = request.query_params.get("cartera")
    if not clave:
        return None
    try:
        return Cartera.objects.get(clave=clave)
    except Cartera.DoesNotExist as exc:
        raise ValidationError({"cartera": f"No existe la cartera «{clave}»."}) from exc


@extend_schema_serializer(component_name="TitularBreve")
class _TitularBreve(serializers.ModelSerializer):
    nombre_completo = serializers.CharField()
    cuentas = serializers.SlugRelatedField(slug_field="numero", many=True, read_only=True)

    class Meta:
        model = Titular
        fields = ["id", "nombre_completo", "curp", "rfc", "domicilio", "cuentas"]


@extend_schema_serializer(component_name="CuentaBreve")
class _CuentaBreve(serializers.ModelSerializer):
    titular = serializers.CharField(source="titular.nombre_completo")
    titular_id = serializers.IntegerField()
    cartera = serializers.SlugRelatedField(slug_field="clave", read_only=True)

    class Meta:
        model = Cuenta
        fields = [
            "numero",
            "titular_id",
            "titular",
            "cartera",
            "estado",
            "clave_catastral",
            "domicilio",
        ]


class DuplicadosApi(APIView):
    """Groups of likely duplicates (same CURP, RFC, clave catastral, name + domicilio)."""

    permiso = "padron.depurar_padron"

    @extend_schema_serializer(component_name="GrupoDuplicado")
    class OutputSerializer(serializers.Serializer):
        criterio = serializers.CharField()
        etiqueta = serializers.CharField()
        valor = serializers.ListField(child=serializers.CharField())
        total = serializers.IntegerField()
        titulares = _TitularBreve(many=True)
        cuentas = _CuentaBreve(many=True)

    @extend_schema(
        parameters=[OpenApiParameter("cartera", str, description="clave de la cartera")],
        responses=OutputSerializer(many=True),
    )
    def get(self, request):
        cartera = _cartera_de(request)
        paginador = api_settings.DEFAULT_PAGINATION_CLASS()
        pagina = paginador.paginate_queryset(
            selectors.depuracion_duplicados(cartera=cartera), request, view=self
        )
        selectors.duplicados_con_miembros(pagina, cartera=cartera)
        return paginador.get_paginated_response(self.OutputSerializer(pagina, many=True).data)


class SinMovimientoApi(APIView):
    """Accounts with no cargo, pago or ajuste in the last `meses` months (default 12)."""

    permiso = "padron.depurar_padron"

    @extend_schema_serializer(component_name="CuentaSinMovimiento")
    class OutputSerializer(_CuentaBreve):
        # None when the cuenta never had one.
        ultimo_cargo = serializers.DateField(allow_null=True)
        ultimo_pago = serializers.DateField(allow_null=True)
        ultimo_ajuste = serializers.DateField(allow_null=True)

        class Meta(_CuentaBreve.Meta):
            fields = [*_CuentaBreve.Meta.fields, "ultimo_cargo", "ultimo_pago", "ultimo_ajuste"]

    @extend_schema_serializer(component_name="SinMovimientoFiltro")
    class FiltroSerializer(serializers.Serializer):
        meses = serializers.IntegerField(min_value=1, max_value=240, default=12)

    @extend_schema(
        parameters=[
            OpenApiParameter("meses", int, description="meses sin movimiento (1 a 240)"),
            OpenApiParameter("cartera", str, description="clave de la cartera"),
        ],
        responses=OutputSerializer(many=True),
    )
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        cuentas = selectors.depuracion_sin_movimiento(
            meses=filtro.validated_data["meses"], cartera=_cartera_de(request)
        )
        paginador = api_settings.DEFAULT_PAGINATION_CLASS()
        pagina = paginador.paginate_queryset(cuentas, request, view=self)
        return paginador.get_paginated_response(self.OutputSerializer(pagina, many=True).data)


# --- import ---------------------------------------------------------------------------------
