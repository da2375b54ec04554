"""/api/v1/cortes/...: preview and generate listas de corte, read their orders and
exclusions, assign routes to cortadores, and the protection rules; /api/v1/cortador/...:
the cortador's route and the results its phone sends.

Thin views over cobranza.cortes.services.listas; every endpoint needs cobranza.generar_lista_corte.
Money goes out as strings with two decimals, never as floats.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.cortes.filtros import COLUMNAS_LISTAS, ListasFiltro
from cobranza.cortes.selectors import (
    conteos_por_estado,
    exclusiones_de_lista,
    exclusiones_resumen,
    listas_corte,
    ordenes_de_lista,
    reglas_proteccion,
)
from cobranza.cortes.services.campo import orden_resultado_registrar
from cobranza.cortes.services.listas import (
    corte_vista_previa,
    etiqueta_motivo,
    lista_corte_generar,
    ordenes_asignar,
    regla_proteccion_guardar,
)
from cobranza.models import ListaCorte, OrdenCorte, ReglaProteccion
from config.api import Paginacion
from padron.listados import filtrar_api, parametros_api
from padron.models import Cartera

SUPERVISA = "cobranza.generar_lista_corte"


def _dinero(valor):
    return f"{valor:.2f}"


@extend_schema_serializer(component_name="CorteCriterios")
class CriteriosSerializer(serializers.Serializer):
    """Loose on purpose: the service validates and names the field in Spanish."""

    cartera = serializers.CharField(required=False, allow_blank=True)
    meses_minimos = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    sector = serializers.CharField(required=False, allow_blank=True)
    ruta = serializers.CharField(required=False, allow_blank=True)
    excluir = serializers.ListField(child=serializers.CharField(), required=False)
    incluir = serializers.ListField(child=serializers.CharField(), required=False)


def _criterios(request):
    entrada = CriteriosSerializer(data=request.data)
    entrada.is_valid(raise_exception=True)
    return dict(entrada.validated_data)


def _vista_previa_json(resumen):
    return {
        **resumen,
        "total_vencido": _dinero(resumen["total_vencido"]),
        "exclusiones": [
            {**e, "saldo_vencido": _dinero(e["saldo_vencido"])} for e in resumen["exclusiones"]
        ],
    }


class ListaCorteSerializer(serializers.ModelSerializer):
    cartera = serializers.CharField(source="cartera.clave")
    generada_por = serializers.CharField(source="generada_por.username")

    class Meta:
        model = ListaCorte
        fields = [
            "folio",
            "cartera",
            "parametros",
            "generada",
            "generada_por",
            "al",
            "ordenes",
            "excluidas",
            "total_vencido",
        ]


@extend_schema_serializer(component_name="OrdenCorteEnLista")
class OrdenSerializer(serializers.Serializer):
    folio = serializers.CharField()
    tipo = serializers.CharField()
    accion = serializers.CharField()
    estado = serializers.CharField()
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    domicilio = serializers.CharField(source="cuenta.domicilio")
    sector = serializers.CharField()
    ruta = serializers.CharField()
    orden_ruta = serializers.IntegerField()
    saldo_vencido = serializers.DecimalField(max_digits=14, decimal_places=2)
    meses_vencidos = serializers.IntegerField()
    motivo_elegible = serializers.CharField()
    cortador = serializers.CharField(source="cortador.username", default=None)


@extend_schema_serializer(component_name="ExclusionCorte")
class ExclusionSerializer(serializers.Serializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    sector = serializers.CharField(source="cuenta.sector")
    ruta = serializers.CharField(source="cuenta.ruta")
    motivo = serializers.CharField()
    etiqueta = serializers.SerializerMethodField()
    regla = serializers.IntegerField(source="regla_id", default=None)
    regla_nombre = serializers.CharField(source="regla.nombre", default="")

    def get_etiqueta(self, exclusion) -> str:
        return etiqueta_motivo(exclusion.motivo)


class CortesVistaPreviaApi(APIView):
    """POST {cartera, meses_minimos?, sector?, ruta?, excluir?, incluir?}: what the list
    would hold (eligible count and saldo vencido, excluded by motivo and rule)."""

    permiso = SUPERVISA

    @extend_schema(request=CriteriosSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        return Response(_vista_previa_json(corte_vista_previa(_criterios(request))))


class CortesApi(APIView):
    """GET: the lists, newest first. POST (same body as the preview): generate one."""

    permiso = SUPERVISA

    @extend_schema(
        responses=ListaCorteSerializer(many=True),
        parameters=parametros_api(ListasFiltro, COLUMNAS_LISTAS),
    )
    def get(self, request):
        listas = filtrar_api(
            request,
            listas_corte(),
            filtros=ListasFiltro,
            columnas=COLUMNAS_LISTAS,
            orden="-generada",
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(listas, request, view=self)
        return paginador.get_paginated_response(ListaCorteSerializer(pagina, many=True).data)

    @extend_schema(request=CriteriosSerializer, responses={201: ListaCorteSerializer})
    def post(self, request):
        lista = lista_corte_generar(criterios=_criterios(request), usuario=request.user)
        return Response(ListaCorteSerializer(lista).data, status=status.HTTP_201_CREATED)


class CorteApi(APIView):
    """GET: the list with its counts per state and exclusions by rule, and one page of its
    orders (?sector, ?ruta, ?estado, ?cortador) or, with ?ver=exclusiones, of the accounts
    left out (?motivo)."""

    permiso = SUPERVISA

    @extend_schema(
        parameters=[
            OpenApiParameter("ver", str, enum=["ordenes", "exclusiones"]),
            OpenApiParameter("sector", str),
            OpenApiParameter("ruta", str),
            OpenApiParameter("estado", str),
            OpenApiParameter("cortador", str),
            OpenApiParameter("motivo", str),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, folio):
        lista = get_object_or_404(listas_corte(), folio=folio)
        q = request.query_params
        if q.get("ver") == "exclusiones":
            filas = exclusiones_de_lista(lista, motivo=q.get("motivo", ""))
            serializador = ExclusionSerializer
        else:
            cortador = None
            if q.get("cortador"):
                cortador = get_user_model().objects.filter(username=q["cortador"]).first()
                if cortador is None:
                    raise ValidationError({"cortador": "No existe ese usuario."})
            filas = ordenes_de_lista(
                lista,
                sector=q.get("sector", ""),
                ruta=q.get("ruta", ""),
                estado=q.get("estado", ""),
                cortador=cortador,
            )
            serializador = OrdenSerializer
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(filas, request, view=self)
        respuesta = paginador.get_paginated_response(serializador(pagina, many=True).data)
        respuesta.data = {
            "lista": ListaCorteSerializer(lista).data,
            "conteos": [
                {**c, "saldo_vencido": _dinero(c["saldo_vencido"])}
                for c in conteos_por_estado(lista)
            ],
            "exclusiones_por_motivo": exclusiones_resumen(lista),
            **respuesta.data,
        }
        return respuesta


class AsignacionesApi(APIView):
    """POST {cortador, sector?, ruta?}: give the list's pending orders of that sector/route
    (or all) to a cortador. Answers how many changed hands."""

    permiso = SUPERVISA

    @extend_schema_serializer(component_name="CorteAsignacionEntrada")
    class EntradaSerializer(serializers.Serializer):
        cortador = serializers.CharField(
            error_messages={"required": "Indique el cortador.", "blank": "Indique el cortador."}
        )
        sector = serializers.CharField(required=False, allow_blank=True)
        ruta = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(request=EntradaSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, folio):
        lista = get_object_or_404(listas_corte(), folio=folio)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        clave = datos["cortador"].strip()
        filtro = Q(username=clave) | (Q(pk=int(clave)) if clave.isdigit() else Q())
        cortador = get_user_model().objects.filter(filtro).first()
        if cortador is None:
            raise ValidationError({"cortador": "No existe ese usuario."})
        asignadas = ordenes_asignar(
            lista=lista,
            cortador=cortador,
            sector=datos.get("sector") or None,
            ruta=datos.get("ruta") or None,
            asignado_por=request.user,
        )
        return Response({"asignadas": asignadas, "cortador": cortador.username})


# --- protection rules -----------------------------------------------------------------------


class ReglaSerializer(serializers.ModelSerializer):
    carteras = serializers.SlugRelatedField(slug_field="clave", many=True, read_only=True)

    class Meta:
        model = ReglaProteccion
        fields = [
            "id",
            "nombre",
            "fundamento",
            "carteras",
            "vigente_desde",
            "vigente_hasta",
            "municipios",
            "sectores",
            "clasificaciones",
            "condiciones",
            "activa",
        ]


@extend_schema_serializer(component_name="ReglaProteccionEntrada")
class ReglaEntradaSerializer(serializers.Serializer):
    nombre = serializers.CharField(required=False, allow_blank=True, max_length=160)
    fundamento = serializers.CharField(required=False, allow_blank=True, max_length=250)
    carteras = serializers.ListField(child=serializers.CharField(), required=False)
    vigente_desde = serializers.DateField(required=False, allow_null=True)
    vigente_hasta = serializers.DateField(required=False, allow_null=True)
    municipios = serializers.ListField(child=serializers.CharField(), required=False)
    sectores = serializers.ListField(child=serializers.CharField(), required=False)
    clasificaciones = serializers.ListField(child=serializers.CharField(), required=False)
    condiciones = serializers.ListField(child=serializers.CharField(), required=False)
    activa = serializers.BooleanField(required=False)
    motivo = serializers.CharField(required=False, allow_blank=True, max_length=250)


def _guardar_regla(request, regla=None):
    entrada = ReglaEntradaSerializer(data=request.data, partial=regla is not None)
    entrada.is_valid(raise_exception=True)
    datos = dict(entrada.validated_data)
    motivo = datos.pop("motivo", "")
    carteras = None
    if "carteras" in datos:
        claves = datos.pop("carteras")
        carteras = list(Cartera.objects.filter(clave__in=claves))
        faltan = sorted(set(claves) - {c.clave for c in carteras})
        if faltan:
            raise ValidationError({"carteras": f"No existen las carteras: {', '.join(faltan)}."})
    if regla is None:
        datos.setdefault("nombre", "")
        datos.setdefault("vigente_desde", None)
    return regla_proteccion_guardar(
        regla=regla, datos=datos, carteras=carteras, usuario=request.user, motivo=motivo
    )


class ReglasProteccionApi(APIView):
    """GET: the protection rules. POST: create one (fin before inicio is refused)."""

    permiso = SUPERVISA

    @extend_schema(responses=ReglaSerializer(many=True))
    def get(self, request):
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(reglas_proteccion(), request, view=self)
        return paginador.get_paginated_response(ReglaSerializer(pagina, many=True).data)

    @extend_schema(request=ReglaEntradaSerializer, responses={201: ReglaSerializer})
    def post(self, request):
        regla = _guardar_regla(request)
        return Response(ReglaSerializer(regla).data, status=status.HTTP_201_CREATED)


class ReglaProteccionApi(APIView):
    """GET one rule; PATCH changes it (motivo required: it goes to the history)."""

    permiso = SUPERVISA

    @extend_schema(responses=ReglaSerializer)
    def get(self, request, pk):
        return Response(ReglaSerializer(get_object_or_404(reglas_proteccion(), pk=pk)).data)

    @extend_schema(request=ReglaEntradaSerializer, responses=ReglaSerializer)
    def patch(self, request, pk):
        regla = _guardar_regla(request, get_object_or_404(ReglaProteccion, pk=pk))
        return Response(ReglaSerializer(regla).data)


# --- /api/v1/cortador/...: the cortador's route and the results its phone sends ---
#
# A cortador reaches only its own orders: another's answers 404. The phone may send a result
# twice (it lost the answer to the first); the same `clave` answers 200 with the stored result
# instead of 201, and nothing changes.
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
