"""/api/v1/ of assigned cartera: bulk assignment and history, one cuenta's assignment, the
caller's work list and coverage per assignee.

Thin views over cobranza.asignacion.services and cobranza.asignacion.selectors; cuentas only
through cuentas_visibles (a lawyer reaches only its own, 404 otherwise).
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.asignacion.selectors import cobertura, historial_de_asignacion, lista_de_trabajo
from cobranza.asignacion.services import (
    CRITERIOS,
    PERMISOS_DE_ASIGNADO,
    asignacion_cambiar,
    asignacion_masiva,
    asignacion_retirar,
)
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Asignacion
from config.api import Paginacion
from padron.fechas import hoy, primer_dia_del_mes
from padron.models import Cartera

VEN_COBERTURA = ("cobranza.asignar_cartera", "cobranza.ver_reportes")


def _exigir_alguno(usuario, permisos):
    if not any(usuario.has_perm(p) for p in permisos):
        raise PermissionDenied


def _usuario(nombre):
    usuario = get_user_model().objects.filter(username=(nombre or "").strip()).first()
    if usuario is None:
        raise ValidationError({"asignado_a": f"No existe el usuario «{nombre}»."})
    return usuario


def _paginada(vista, request, filas, serializer):
    paginador = Paginacion()
    pagina = paginador.paginate_queryset(filas, request, view=vista)
    return paginador.get_paginated_response(serializer(pagina, many=True).data)


class AsignacionSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    asignado_a = serializers.CharField(source="asignado_a.username")
    asignado_por = serializers.CharField(source="asignado_por.username")
    vigente = serializers.SerializerMethodField()

    class Meta:
        model = Asignacion
        fields = [
            "cuenta",
            "asignado_a",
            "asignado_por",
            "desde",
            "hasta",
            "vigente",
            "lote",
            "motivo",
        ]

    def get_vigente(self, asignacion) -> bool:
        return asignacion.hasta is None


class AsignacionesApi(APIView):
    """GET ?cuenta=<número> (or ?lote=<folio>): assignment history, newest first.
    POST criteria + asignado_a (username) + reasignar + motivo: bulk assignment; answers the
    lote folio and the counts."""

    permiso = {"GET": "padron.ver_padron", "POST": "cobranza.asignar_cartera"}

    @extend_schema_serializer(component_name="AsignacionMasivaEntrada")
    class EntradaSerializer(serializers.Serializer):
        cartera = serializers.CharField(help_text="Clave (o id) de la cartera.")
        sector = serializers.CharField(required=False, allow_blank=True)
        ruta = serializers.CharField(required=False, allow_blank=True)
        clasificacion = serializers.CharField(required=False, allow_blank=True)
        meses_vencidos_min = serializers.CharField(required=False, allow_blank=True)
        saldo_vencido_min = serializers.CharField(required=False, allow_blank=True)
        saldo_vencido_max = serializers.CharField(required=False, allow_blank=True)
        asignado_a = serializers.CharField(help_text="Usuario del gestor o abogado.")
        reasignar = serializers.BooleanField(default=False)
        motivo = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")

    @extend_schema(
        parameters=[
            OpenApiParameter("cuenta", str, description="Número de cuenta"),
            OpenApiParameter("lote", str, description="Folio del lote"),
        ],
        responses=AsignacionSerializer(many=True),
    )
    def get(self, request):
        numero, lote = request.query_params.get("cuenta"), request.query_params.get("lote")
        if numero:
            filas = historial_de_asignacion(
                get_object_or_404(cuentas_visibles(request.user), numero=numero)
            )
        elif lote:
            filas = (
                Asignacion.objects.filter(lote=lote, cuenta__in=cuentas_visibles(request.user))
                .select_related("cuenta", "asignado_a", "asignado_por")
                .order_by("cuenta__numero")
            )
        else:
            raise serializers.ValidationError({"cuenta": "Indique ?cuenta=<número> o ?lote=."})
        return _paginada(self, request, filas.select_related("cuenta"), AsignacionSerializer)

    @extend_schema(request=EntradaSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        resultado = asignacion_masiva(
            criterios={c: datos[c] for c in CRITERIOS if c in datos},
            asignado_a=_usuario(datos["asignado_a"]),
            asignado_por=request.user,
            motivo=datos["motivo"],
            reasignar=datos["reasignar"],
        )
        return Response(
            {
                "lote": resultado.lote,
                "asignadas": resultado.asignadas,
                "reasignadas": resultado.reasignadas,
                "omitidas": resultado.omitidas,
            },
            status=status.HTTP_201_CREATED,
        )


class CuentaAsignacionApi(APIView):
    """GET: the cuenta's assignment history. POST {asignado_a, motivo}: reassign it;
    POST {retirar: true, motivo}: leave it without a responsible."""

    permiso = {"GET": "padron.ver_padron", "POST": "cobranza.asignar_cartera"}

    @extend_schema_serializer(component_name="AsignacionCambioEntrada")
    class EntradaSerializer(serializers.Serializer):
        asignado_a = serializers.CharField(required=False, allow_blank=True)
        retirar = serializers.BooleanField(default=False)
        motivo = serializers.CharField(max_length=250)

    def _cuenta(self, request, numero):
        return get_object_or_404(cuentas_visibles(request.user), numero=numero)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, numero):
        filas = historial_de_asignacion(self._cuenta(request, numero)).select_related("cuenta")
        return Response({"resultados": AsignacionSerializer(filas, many=True).data})

    @extend_schema(request=EntradaSerializer, responses=AsignacionSerializer)
    def post(self, request, numero):
        cuenta = self._cuenta(request, numero)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        if datos["retirar"]:
            fila = asignacion_retirar(
                cuenta=cuenta, retirado_por=request.user, motivo=datos["motivo"]
            )
            return Response(AsignacionSerializer(fila).data)
        if not datos.get("asignado_a"):
            raise serializers.ValidationError({"asignado_a": "Indique a quién asignar."})
        fila = asignacion_cambiar(
            cuenta=cuenta,
            asignado_a=_usuario(datos["asignado_a"]),
            asignado_por=request.user,
            motivo=datos["motivo"],
        )
        return Response(AsignacionSerializer(fila).data, status=status.HTTP_201_CREATED)


class MiCarteraSerializer(serializers.Serializer):
    numero = serializers.CharField()
    titular = serializers.CharField(source="titular.nombre_completo")
    cartera = serializers.CharField(source="cartera.clave")
    saldo = serializers.DecimalField(
        source="saldo.saldo", max_digits=14, decimal_places=2, default=None
    )
    saldo_vencido = serializers.DecimalField(
        source="deuda_vencida", max_digits=14, decimal_places=2
    )
    meses_vencidos = serializers.IntegerField(source="meses")
    ultimo_contacto = serializers.DateTimeField(allow_null=True)
    promesa = serializers.CharField(source="estado_ultima_promesa", allow_null=True)
    promesa_rota = serializers.BooleanField()
    puntaje = serializers.DecimalField(max_digits=20, decimal_places=2)
    asignada_desde = serializers.DateTimeField()


class MiCarteraApi(APIView):
    """The caller's assigned cuentas in priority order (broken promises first, then by
    saldo vencido weighted by its age). Gestores and lawyers."""

    permiso = "padron.ver_padron"

    @extend_schema(responses=MiCarteraSerializer(many=True))
    def get(self, request):
        _exigir_alguno(request.user, PERMISOS_DE_ASIGNADO)
        return _paginada(self, request, lista_de_trabajo(request.user), MiCarteraSerializer)


def _fecha(request, campo, omision):
    texto = request.query_params.get(campo)
    if not texto:
        return omision
    try:
        return date.fromisoformat(texto)
    except ValueError:
        raise serializers.ValidationError({campo: "Fecha inválida; use AAAA-MM-DD."}) from None


class CoberturaApi(APIView):
    """?desde&hasta (AAAA-MM-DD, default the current month) [&cartera=clave]: per assignee,
    cuentas assigned in the period, those with a gestión of theirs, and the share (%)."""

    permiso = "padron.ver_padron"

    @extend_schema(
        parameters=[
            OpenApiParameter("desde", OpenApiTypes.DATE),
            OpenApiParameter("hasta", OpenApiTypes.DATE),
            OpenApiParameter("cartera", str),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        _exigir_alguno(request.user, VEN_COBERTURA)
        dia = hoy()
        desde = _fecha(request, "desde", primer_dia_del_mes(dia))
        hasta = _fecha(request, "hasta", dia)
        if desde > hasta:
            raise serializers.ValidationError({"hasta": "La fecha final es anterior a la inicial."})
        cartera = None
        if request.query_params.get("cartera"):
            cartera = Cartera.objects.filter(clave=request.query_params["cartera"]).first()
            if cartera is None:
                raise serializers.ValidationError({"cartera": "No existe esa cartera."})
        filas = cobertura(desde=desde, hasta=hasta, cartera=cartera)
        return Response(
            {
                "desde": desde,
                "hasta": hasta,
                "resultados": [
                    {
                        "usuario": f["asignado_a__username"],
                        "nombre": " ".join(
                            p
                            for p in (f["asignado_a__first_name"], f["asignado_a__last_name"])
                            if p
                        ),
                        "asignadas": f["asignadas"],
                        "gestionadas": f["gestionadas"],
                        "porcentaje": f"{f['porcentaje']:.1f}",
                    }
                    for f in filas
                ],
            }
        )
