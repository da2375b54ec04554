"""/api/v1/caja/: cortes de caja. A supervisor (cobranza.supervisar_caja) sees every
cashier's; a cashier its own. Closing takes the count by denomination and the declared
totals; errors come back as {"error": {codigo, mensaje, campos}} (config.api)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from cobranza.caja.filtros import COLUMNAS_CORTES, CortesFiltro
from cobranza.caja.models import DENOMINACIONES, CorteCaja, clave_denominacion
from cobranza.caja.selectors import cortes_lista, cortes_visibles, recibos_del_corte, resumen_corte
from cobranza.caja.services import corte_cerrar
from padron.campos import MontoField
from padron.dinero import CERO
from padron.listados import filtrar_api, parametros_api
from padron.personas import nombre_persona

CLAVES = [clave_denominacion(tipo, valor) for tipo, valor in DENOMINACIONES]


class _Permiso:
    """A cashier or a supervisor of caja (TieneRol checks `permiso`; either will do)."""

    def get_permissions(self):
        permisos = super().get_permissions()
        usuario = self.request.user
        if usuario.is_authenticated and usuario.has_perm("cobranza.supervisar_caja"):
            self.permiso = "cobranza.supervisar_caja"
        return permisos


@extend_schema_serializer(component_name="CorteCaja")
class CorteSalida(serializers.ModelSerializer):
    cajero = serializers.CharField(source="cajero.username")
    cajero_nombre = serializers.SerializerMethodField()
    estado = serializers.CharField(help_text="abierto o cerrado")
    recibos = serializers.IntegerField(read_only=True, default=None)
    revertidos = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = CorteCaja
        fields = [
            "id",
            "folio",
            "cajero",
            "cajero_nombre",
            "estado",
            "fecha",
            "abierto",
            "cerrado",
            "recibos",
            "revertidos",
            "efectivo_sistema",
            "efectivo_contado",
            "tarjeta_sistema",
            "tarjeta_declarado",
            "cheque_sistema",
            "cheque_declarado",
            "transferencia_sistema",
            "transferencia_declarado",
            "diferencia",
            "motivo_diferencia",
            "conteo",
        ]

    def get_cajero_nombre(self, corte) -> str:
        return nombre_persona(corte.cajero)


class _Forma(serializers.Serializer):
    forma = serializers.CharField(help_text="efectivo, tarjeta, cheque o transferencia")
    sistema = serializers.DecimalField(max_digits=14, decimal_places=2)
    declarado = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, default=None
    )
    diferencia = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, default=None
    )


class _Recibo(serializers.Serializer):
    folio = serializers.CharField()
    cuenta = serializers.CharField(source="cuenta.numero")
    monto = serializers.DecimalField(max_digits=14, decimal_places=2)
    forma_pago = serializers.CharField()
    estado = serializers.CharField(help_text="aplicado o revertido (no cuenta en el corte)")
    registrado = serializers.DateTimeField()


@extend_schema_serializer(component_name="CorteCajaDetalle")
class CorteDetalle(CorteSalida):
    por_forma = serializers.SerializerMethodField()
    lista_recibos = serializers.SerializerMethodField()

    class Meta(CorteSalida.Meta):
        fields = [*CorteSalida.Meta.fields, "por_forma", "lista_recibos"]

    def get_por_forma(self, corte) -> list[dict]:
        return _Forma(resumen_corte(corte)["formas"], many=True).data

    def get_lista_recibos(self, corte) -> list[dict]:
        return _Recibo(recibos_del_corte(corte), many=True).data


class CortesApi(_Permiso, APIView):
    """The cortes one may see, newest first; filters desde, hasta (aaaa-mm-dd), cajero (id),
    estado, con_diferencia."""

    permiso = "cobranza.registrar_pago"

    @extend_schema(
        parameters=parametros_api(CortesFiltro, COLUMNAS_CORTES),
        responses=CorteSalida(many=True),
    )
    def get(self, request):
        cortes = filtrar_api(
            request,
            cortes_lista(usuario=request.user),
            filtros=CortesFiltro,
            columnas=COLUMNAS_CORTES,
            orden="-fecha",
        )
        paginador = api_settings.DEFAULT_PAGINATION_CLASS()
        pagina = paginador.paginate_queryset(cortes, request, view=self)
        return paginador.get_paginated_response(CorteSalida(pagina, many=True).data)


class CorteApi(_Permiso, APIView):
    permiso = "cobranza.registrar_pago"

    @extend_schema(responses=CorteDetalle)
    def get(self, request, pk):
        corte = get_object_or_404(cortes_lista(usuario=request.user), pk=pk)
        return Response(CorteDetalle(corte).data)


class CorteCerrarApi(_Permiso, APIView):
    """Close the corte (its cashier, or a supervisor of caja). Final: it cannot be reopened."""

    permiso = "cobranza.registrar_pago"

    @extend_schema_serializer(component_name="CorteCajaCierre")
    class InputSerializer(serializers.Serializer):
        conteo = serializers.DictField(
            child=serializers.IntegerField(min_value=0),
            required=False,
            default=dict,
            help_text="Piezas por denominación: " + ", ".join(CLAVES),
        )
        tarjeta = MontoField(permitir_cero=True, default=CERO)
        cheque = MontoField(permitir_cero=True, default=CERO)
        transferencia = MontoField(permitir_cero=True, default=CERO)
        motivo_diferencia = serializers.CharField(
            max_length=250, required=False, allow_blank=True, default=""
        )

        def validate_conteo(self, conteo):
            desconocidas = sorted(set(conteo) - set(CLAVES))
            if desconocidas:
                raise serializers.ValidationError(
                    f"Denominaciones desconocidas: {', '.join(desconocidas)}; use {', '.join(CLAVES)}."
                )
            return conteo

    @extend_schema(request=InputSerializer, responses=CorteDetalle)
    def post(self, request, pk):
        corte = get_object_or_404(cortes_visibles(request.user), pk=pk)
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        corte = corte_cerrar(corte=corte, usuario=request.user, **entrada.validated_data)
        corte = cortes_lista(usuario=request.user).get(pk=corte.pk)
        return Response(CorteDetalle(corte).data)
