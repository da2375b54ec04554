"""/api/v1/padron/beneficiarios/...: the educational credits, their academic status,
ministraciones, egreso and procedures; the catalogs; the coordinator's work list and the
beneficiarios report."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Paginacion
from padron.beneficiarios import selectors
from padron.beneficiarios.models import (
    CreditoEducativo,
    EstatusAcademico,
    InstitucionEducativa,
    Ministracion,
    Programa,
    Tramite,
)
from padron.beneficiarios.services import (
    credito_registrar,
    egreso_registrar,
    estatus_registrar,
    ministracion_liberar,
    ministraciones_programar,
    tramite_autorizar,
    tramite_rechazar,
    tramite_solicitar,
)
from padron.campos import FechaField, MontoField
from padron.models import Cartera, Cuenta

PERMISO = "padron.gestionar_beneficiarios"


class ProgramaSalida(serializers.ModelSerializer):
    institucion = serializers.SlugRelatedField(slug_field="clave", read_only=True)

    class Meta:
        model = Programa
        fields = ["id", "clave", "nombre", "nivel", "periodos", "institucion", "activo"]


class InstitucionSalida(serializers.ModelSerializer):
    programas = ProgramaSalida(many=True, read_only=True)

    class Meta:
        model = InstitucionEducativa
        fields = ["clave", "nombre", "municipio", "activa", "programas"]


class EstatusSalida(serializers.ModelSerializer):
    con_evidencia = serializers.BooleanField(read_only=True)

    class Meta:
        model = EstatusAcademico
        fields = [
            "id",
            "periodo",
            "estatus",
            "tipo_evidencia",
            "evidencia_vence",
            "evidencia_recibida",
            "origen",
            "con_evidencia",
        ]


class MinistracionSalida(serializers.ModelSerializer):
    class Meta:
        model = Ministracion
        fields = [
            "id",
            "periodo",
            "monto",
            "fecha_programada",
            "estado",
            "fecha_liberacion",
            "motivo",
        ]


class TramiteSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="credito.cuenta.numero", read_only=True)

    class Meta:
        model = Tramite
        fields = [
            "folio",
            "cuenta",
            "tipo",
            "motivo",
            "fecha_efectiva",
            "datos",
            "estado",
            "solicitado",
            "resuelto",
            "motivo_resolucion",
        ]


class CreditoSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    curp = serializers.CharField(source="cuenta.titular.curp")
    institucion = serializers.CharField(source="institucion.nombre")
    programa = serializers.CharField(source="programa.nombre")
    inicio_recuperacion = serializers.DateField(source="cuenta.inicio_recuperacion")

    class Meta:
        model = CreditoEducativo
        fields = [
            "cuenta",
            "titular",
            "curp",
            "matricula",
            "institucion",
            "programa",
            "modalidad",
            "monto_autorizado",
            "cohorte",
            "etapa",
            "fecha_egreso",
            "termino",
            "inicio_recuperacion",
        ]


class CreditoDetalle(CreditoSalida):
    estatus = EstatusSalida(many=True, read_only=True)
    ministraciones = MinistracionSalida(many=True, read_only=True)
    tramites = TramiteSalida(many=True, read_only=True)

    class Meta(CreditoSalida.Meta):
        fields = [*CreditoSalida.Meta.fields, "estatus", "ministraciones", "tramites"]


def _credito(numero):
    try:
        return selectors.credito_detalle(numero)
    except CreditoEducativo.DoesNotExist as exc:
        raise Http404 from exc


class CatalogosApi(APIView):
    """Instituciones educativas with their programas."""

    permiso = PERMISO

    @extend_schema(responses=InstitucionSalida(many=True))
    def get(self, request):
        instituciones = InstitucionEducativa.objects.prefetch_related("programas").order_by(
            "nombre"
        )
        return Response(InstitucionSalida(instituciones, many=True).data)


class CreditosApi(APIView):
    """GET: the credits (?etapa=, ?texto=). POST: register the credit of a credit cuenta."""

    permiso = PERMISO

    @extend_schema_serializer(component_name="CreditoAlta")
    class InputSerializer(serializers.Serializer):
        cuenta = serializers.CharField(max_length=30)
        programa = serializers.PrimaryKeyRelatedField(queryset=Programa.objects.all())
        modalidad = serializers.ChoiceField(
            choices=CreditoEducativo.Modalidad.choices, default="credito"
        )
        matricula = serializers.CharField(max_length=30, required=False, allow_blank=True)
        monto_autorizado = MontoField()

    @extend_schema(
        parameters=[OpenApiParameter("etapa", str), OpenApiParameter("texto", str)],
        responses=CreditoSalida(many=True),
    )
    def get(self, request):
        filas = selectors.creditos(
            etapa=request.query_params.get("etapa"), texto=request.query_params.get("texto")
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(filas, request, view=self)
        return paginador.get_paginated_response(CreditoSalida(pagina, many=True).data)

    @extend_schema(request=InputSerializer, responses={201: CreditoDetalle})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        cuenta = get_object_or_404(
            Cuenta, numero=datos.pop("cuenta"), cartera__tipo=Cartera.Tipo.CREDITO
        )
        credito_registrar(cuenta=cuenta, usuario=request.user, **datos)
        return Response(
            CreditoDetalle(_credito(cuenta.numero)).data, status=status.HTTP_201_CREATED
        )


class CreditoApi(APIView):
    permiso = PERMISO

    @extend_schema(responses=CreditoDetalle)
    def get(self, request, numero):
        return Response(CreditoDetalle(_credito(numero)).data)


class EstatusApi(APIView):
    """Record a periodo's academic status (multipart, with the evidence file)."""

    permiso = PERMISO
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema_serializer(component_name="EstatusAlta")
    class InputSerializer(serializers.Serializer):
        periodo = serializers.CharField(max_length=7)
        estatus = serializers.ChoiceField(choices=EstatusAcademico.Estatus.choices)
        tipo_evidencia = serializers.ChoiceField(choices=EstatusAcademico.Evidencia.choices)
        evidencia = serializers.FileField(required=False)
        evidencia_vence = serializers.DateField(required=False)

    @extend_schema(request=InputSerializer, responses={201: EstatusSalida})
    def post(self, request, numero):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        registro = estatus_registrar(
            credito=_credito(numero), usuario=request.user, **entrada.validated_data
        )
        return Response(EstatusSalida(registro).data, status=status.HTTP_201_CREATED)


class MinistracionesApi(APIView):
    """Plan the ministraciones of a credit: [{periodo, monto, fecha_programada}]."""

    permiso = PERMISO

    class Renglon(serializers.Serializer):
        periodo = serializers.CharField(max_length=7)
        monto = MontoField()
        fecha_programada = FechaField()

    @extend_schema_serializer(component_name="MinistracionesPlan")
    class InputSerializer(serializers.Serializer):
        plan = serializers.ListField(child=serializers.DictField(), min_length=1)

    @extend_schema(request=InputSerializer, responses={201: MinistracionSalida(many=True)})
    def post(self, request, numero):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        renglones = self.Renglon(data=entrada.validated_data["plan"], many=True)
        renglones.is_valid(raise_exception=True)
        nuevas = ministraciones_programar(
            credito=_credito(numero),
            plan=[
                (r["periodo"], r["monto"], r["fecha_programada"]) for r in renglones.validated_data
            ],
            usuario=request.user,
        )
        return Response(MinistracionSalida(nuevas, many=True).data, status=status.HTTP_201_CREATED)


class MinistracionLiberarApi(APIView):
    """Release a planned ministración (with the periodo's evidence on file)."""

    permiso = PERMISO

    @extend_schema(request=None, responses=MinistracionSalida)
    def post(self, request, pk):
        ministracion = get_object_or_404(Ministracion, pk=pk)
        return Response(
            MinistracionSalida(
                ministracion_liberar(ministracion=ministracion, usuario=request.user)
            ).data
        )


class EgresoApi(APIView):
    permiso = PERMISO

    @extend_schema_serializer(component_name="EgresoAlta")
    class InputSerializer(serializers.Serializer):
        fecha_egreso = serializers.DateField()

    @extend_schema(request=InputSerializer, responses=CreditoDetalle)
    def post(self, request, numero):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        egreso_registrar(credito=_credito(numero), usuario=request.user, **entrada.validated_data)
        return Response(CreditoDetalle(_credito(numero)).data)


class TramitesApi(APIView):
    """Request a procedure on a credit (multipart, with its evidence)."""

    permiso = PERMISO
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema_serializer(component_name="TramiteAlta")
    class InputSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=Tramite.Tipo.choices)
        motivo = serializers.CharField(max_length=250)
        fecha_efectiva = serializers.DateField()
        evidencia = serializers.FileField(required=False)
        datos = serializers.JSONField(required=False)

    @extend_schema(request=InputSerializer, responses={201: TramiteSalida})
    def post(self, request, numero):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        tramite = tramite_solicitar(
            credito=_credito(numero), usuario=request.user, **entrada.validated_data
        )
        return Response(TramiteSalida(tramite).data, status=status.HTTP_201_CREATED)


class TramiteResolverApi(APIView):
    """Authorise (the procedure's tier, someone other than who requested it) or reject."""

    permiso = None  # the tier of each procedure is checked by the service

    @extend_schema_serializer(component_name="TramiteResolucion")
    class InputSerializer(serializers.Serializer):
        motivo = serializers.CharField(max_length=250, required=False, allow_blank=True)

    @extend_schema(
        operation_id="beneficiarios_tramite_resolver",
        request=InputSerializer,
        responses=TramiteSalida,
    )
    def post(self, request, folio, accion):
        tramite = get_object_or_404(Tramite, folio=folio)
        if accion == "autorizar":
            tramite = tramite_autorizar(tramite=tramite, usuario=request.user)
        elif accion == "rechazar":
            tramite = tramite_rechazar(
                tramite=tramite, usuario=request.user, motivo=str(request.data.get("motivo", ""))
            )
        else:
            raise Http404
        return Response(TramiteSalida(tramite).data)


class PendientesApi(APIView):
    """The coordinator's work list: counts and the first rows of each."""

    permiso = PERMISO

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        datos = selectors.pendientes_del_coordinador()
        return Response(
            {
                "periodo": datos["periodo"],
                "cuantos": datos["cuantos"],
                "evidencia_vencida": [
                    {
                        "cuenta": e.credito.cuenta.numero,
                        "periodo": e.periodo,
                        "vence": e.evidencia_vence,
                    }
                    for e in datos["evidencia_vencida"]
                ],
                "sin_estatus": [c.cuenta.numero for c in datos["sin_estatus"]],
                "ministraciones": [
                    {
                        "id": m.pk,
                        "cuenta": m.credito.cuenta.numero,
                        "periodo": m.periodo,
                        "monto": str(m.monto),
                    }
                    for m in datos["ministraciones"]
                ],
                "gracia": [c.cuenta.numero for c in datos["gracia"]],
                "tramites": [t.folio for t in datos["tramites"]],
            }
        )


class ReporteBeneficiariosApi(APIView):
    """Beneficiarios by etapa, institución, programa, cohort and status; egresados per year."""

    permiso = PERMISO

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(selectors.reporte_beneficiarios())
