"""/api/v1/morosos/...: preview and generate listas de morosos, read a frozen list page by
page, and download it as CSV, XLSX or PDF.

Thin views over cobranza.morosos.services and cobranza.morosos.exports; every endpoint needs
cobranza.generar_lista_morosos (external lawyers never hold it). Money goes out as strings
with two decimals, never as floats.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.models import ListaMorosos, RenglonMorosos
from cobranza.morosos.exclusiones import exclusiones_de_morosos
from cobranza.morosos.exports import EXPORTADORES, lista_morosos_exportar
from cobranza.morosos.filtros import (
    COLUMNAS_LISTAS,
    COLUMNAS_RENGLONES,
    ListasFiltro,
    RenglonesFiltro,
)
from cobranza.morosos.services import lista_morosos_generar, morosos_vista_previa
from config.api import DescargaSinNegociar, Paginacion
from padron.listados import filtrar_api, parametros_api

GENERA = "cobranza.generar_lista_morosos"


def _listas():
    return ListaMorosos.objects.select_related("cartera", "generada_por")


@extend_schema_serializer(component_name="MorososCriterios")
class CriteriosSerializer(serializers.Serializer):
    """Loose on purpose: the service validates and names the field in Spanish. Besides
    these, one `excluir_<clave>` (true/false) per registered exclusion."""

    cartera = serializers.CharField(required=False, allow_blank=True)
    saldo_vencido_minimo = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    meses_vencidos_minimo = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    clasificacion = serializers.CharField(required=False, allow_blank=True)
    sector = serializers.CharField(required=False, allow_blank=True)

    def get_fields(self):
        campos = super().get_fields()
        for exclusion in exclusiones_de_morosos():
            campos[exclusion.campo] = serializers.BooleanField(
                required=False, allow_null=True, help_text=exclusion.etiqueta
            )
        return campos


def _criterios(request):
    entrada = CriteriosSerializer(data=request.data)
    entrada.is_valid(raise_exception=True)
    datos = dict(entrada.validated_data)
    # Unknown exclusions reach the service, which refuses them by name.
    datos.update(
        {k: v for k, v in request.data.items() if str(k).startswith("excluir_") and k not in datos}
    )
    return datos


class ListaMorososSerializer(serializers.ModelSerializer):
    cartera = serializers.CharField(source="cartera.clave")
    cartera_nombre = serializers.CharField(source="cartera.nombre")
    generada_por = serializers.CharField(source="generada_por.username")
    exportar = serializers.SerializerMethodField()

    class Meta:
        model = ListaMorosos
        fields = [
            "folio",
            "cartera",
            "cartera_nombre",
            "parametros",
            "generada",
            "generada_por",
            "al",
            "cuentas",
            "total_vencido",
            "total_saldo",
            "exportar",
        ]

    def get_exportar(self, lista) -> dict:
        return {
            formato: reverse("api:morosos-exportar", args=[lista.folio, formato])
            for formato in EXPORTADORES
        }


@extend_schema_serializer(component_name="RenglonMorosos")
class RenglonSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="numero")

    class Meta:
        model = RenglonMorosos
        fields = [
            "orden",
            "cuenta",
            "cuenta_id",
            "titular",
            "rfc_curp",
            "domicilio",
            "sector",
            "ruta",
            "clasificacion",
            "saldo",
            "saldo_vencido",
            "meses_vencidos",
            "vencimiento_mas_antiguo",
            "ultimo_pago",
        ]


class MorososVistaPreviaApi(APIView):
    """POST the criteria: how many accounts the list would hold and what they owe."""

    permiso = GENERA

    @extend_schema(request=CriteriosSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        previa = morosos_vista_previa(_criterios(request))
        return Response(
            {
                "cuentas": previa["cuentas"],
                "total_vencido": f"{previa['total_vencido']:.2f}",
                "total_saldo": f"{previa['total_saldo']:.2f}",
                "parametros": previa["parametros"],
            }
        )


class MorososApi(APIView):
    """GET: the generated lists, newest first. POST (same body as the preview): generate
    and freeze one."""

    permiso = GENERA

    @extend_schema(
        responses=ListaMorososSerializer(many=True),
        parameters=parametros_api(ListasFiltro, COLUMNAS_LISTAS),
    )
    def get(self, request):
        listas = filtrar_api(
            request, _listas(), filtros=ListasFiltro, columnas=COLUMNAS_LISTAS, orden="-generada"
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(listas, request, view=self)
        return paginador.get_paginated_response(ListaMorososSerializer(pagina, many=True).data)

    @extend_schema(request=CriteriosSerializer, responses={201: ListaMorososSerializer})
    def post(self, request):
        lista = lista_morosos_generar(criterios=_criterios(request), usuario=request.user)
        return Response(ListaMorososSerializer(lista).data, status=status.HTTP_201_CREATED)


class MorososListaApi(APIView):
    """GET: the frozen list and one page of its rows (largest saldo vencido first), with the
    page's filters (?colonia, ?sector, ?ruta, ?saldo_min, ?saldo_max, ?meses_min, ?meses_max)
    and ?ordering (orden, saldo_vencido, meses, nombre…)."""

    permiso = GENERA

    @extend_schema(
        responses=OpenApiTypes.OBJECT,
        parameters=parametros_api(RenglonesFiltro, COLUMNAS_RENGLONES),
    )
    def get(self, request, folio):
        lista = get_object_or_404(_listas(), folio=folio)
        renglones = filtrar_api(
            request,
            lista.renglones.all(),
            filtros=RenglonesFiltro,
            columnas=COLUMNAS_RENGLONES,
            orden="orden",
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(renglones, request, view=self)
        respuesta = paginador.get_paginated_response(RenglonSerializer(pagina, many=True).data)
        respuesta.data = {"lista": ListaMorososSerializer(lista).data, **respuesta.data}
        return respuesta


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MorososExportarApi(APIView):
    """GET: the whole list as a file (.csv, .xlsx or .pdf), written while the client waits.

    For a long list, POST /api/v1/exportaciones/ writes it once in the background."""

    permiso = GENERA
    content_negotiation_class = DescargaSinNegociar

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        }
    )
    def get(self, request, folio, formato):
        if formato not in EXPORTADORES:
            raise Http404
        return lista_morosos_exportar(get_object_or_404(_listas(), folio=folio), formato)
