"""/api/v1/ ledger work of the supervisor: reversals, ajustes, extraordinary cargos, the list.

Thin views: validate the input, call one service, answer with what was written.
Errors go through config.api.manejar_error ({"error": {codigo, mensaje, campos}}).
"""

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from cobranza.models import Ajuste, Cargo, Concepto, Pago, ReversionPago, Servicio
from cobranza.selectors_libro import (
    ETIQUETAS,
    cargo_para_ajustar,
    cuentas_permitidas,
    movimientos_autorizados,
    pago_para_revertir,
    rango_de_fechas,
)
from cobranza.services.ajustes import ajuste_registrar
from cobranza.services.cargos import cargo_registrar
from cobranza.services.pagos import pago_revertir
from cobranza.services.recargos import periodo_leer


def _usuario(usuario):
    return usuario.get_full_name() or usuario.username


class PagoRevertirApi(APIView):
    """Reverse a pago (supervisor): what it paid is owed again. Body: {motivo}."""

    permiso = "cobranza.revertir_pago"

    @extend_schema_serializer(component_name="ReversionPagoEntrada")
    class InputSerializer(serializers.Serializer):
        motivo = serializers.CharField(max_length=250)

    @extend_schema_serializer(component_name="ReversionPagoSalida")
    class OutputSerializer(serializers.ModelSerializer):
        folio = serializers.CharField(source="pago.folio")
        cuenta = serializers.CharField(source="pago.cuenta.numero")
        monto = serializers.DecimalField(source="pago.monto", max_digits=14, decimal_places=2)
        autorizado_por = serializers.SerializerMethodField()
        devuelto = serializers.SerializerMethodField()

        class Meta:
            model = ReversionPago
            fields = [
                "id",
                "folio",
                "cuenta",
                "monto",
                "fecha",
                "motivo",
                "autorizado_por",
                "devuelto",
            ]

        def get_autorizado_por(self, reversion) -> str:
            return _usuario(reversion.autorizado_por)

        def get_devuelto(self, reversion) -> list[dict]:
            return [
                {"cargo": a.cargo_id, "monto": str(-a.monto)}
                for a in reversion.aplicaciones.order_by("id")
            ]

    @extend_schema(request=InputSerializer, responses={201: OutputSerializer})
    def post(self, request, folio):
        try:
            pago = pago_para_revertir(usuario=request.user, folio=folio)
        except Pago.DoesNotExist as exc:
            raise Http404 from exc
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        reversion = pago_revertir(
            pago=pago, motivo=entrada.validated_data["motivo"], autorizado_por=request.user
        )
        return Response(self.OutputSerializer(reversion).data, status=status.HTTP_201_CREATED)


class AjusteSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cargo.cuenta.numero")
    tipo = serializers.CharField(help_text="bonificacion, condonacion o cancelacion")
    saldo_cargo = serializers.DecimalField(source="cargo.saldo", max_digits=14, decimal_places=2)
    estado_cargo = serializers.CharField(source="cargo.estado")
    autorizado_por = serializers.SerializerMethodField()

    class Meta:
        model = Ajuste
        fields = [
            "id",
            "cargo",
            "cuenta",
            "tipo",
            "monto",
            "fecha",
            "motivo",
            "autorizado_por",
            "saldo_cargo",
            "estado_cargo",
        ]

    def get_autorizado_por(self, ajuste) -> str:
        return _usuario(ajuste.autorizado_por)


class CargoAjustesApi(APIView):
    """Bonificación, condonación or cancelación of a cargo. Body: {tipo, monto?, motivo}."""

    permiso = "cobranza.autorizar_ajuste"

    @extend_schema_serializer(component_name="AjusteEntrada")
    class InputSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=Ajuste.Tipo.choices)
        monto = serializers.DecimalField(
            max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
        )
        motivo = serializers.CharField(max_length=250)

    OutputSerializer = AjusteSalida

    @extend_schema(request=InputSerializer, responses={201: AjusteSalida})
    def post(self, request, pk):
        try:
            cargo = cargo_para_ajustar(usuario=request.user, pk=pk)
        except Cargo.DoesNotExist as exc:
            raise Http404 from exc
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        ajuste = ajuste_registrar(
            cargo=cargo, autorizado_por=request.user, **entrada.validated_data
        )
        ajuste.cargo.refresh_from_db()
        return Response(self.OutputSerializer(ajuste).data, status=status.HTTP_201_CREATED)


class CargoSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    estado = serializers.CharField(help_text="vigente o cancelado")

    class Meta:
        model = Cargo
        fields = [
            "id",
            "cuenta",
            "concepto",
            "servicio",
            "periodo",
            "fecha_emision",
            "fecha_vencimiento",
            "monto",
            "saldo",
            "volumen_m3",
            "descripcion",
            "estado",
        ]


class CuentaCargosApi(APIView):
    """An extraordinary cargo authorised by the supervisor who calls (POST).

    Body: {concepto, monto, fecha_vencimiento, periodo? ('aaaa-mm'), descripcion,
    volumen_m3?, servicio?}. Recargos only come from the monthly run.
    """

    permiso = "cobranza.registrar_cargo"

    @extend_schema_serializer(component_name="CargoExtraordinarioEntrada")
    class InputSerializer(serializers.Serializer):
        concepto = serializers.ChoiceField(
            choices=[(c, e) for c, e in Concepto.choices if c != Concepto.RECARGO]
        )
        servicio = serializers.ChoiceField(choices=Servicio.choices, required=False)
        monto = serializers.DecimalField(max_digits=14, decimal_places=2)
        fecha_vencimiento = serializers.DateField()
        periodo = serializers.CharField(required=False, allow_blank=True)
        descripcion = serializers.CharField(max_length=250)
        volumen_m3 = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
        )

        def validate_periodo(self, valor):
            return periodo_leer(valor) if valor else None

    OutputSerializer = CargoSalida

    @extend_schema(request=InputSerializer, responses={201: CargoSalida})
    def post(self, request, numero):
        cuenta = cuentas_permitidas(request.user).filter(numero=numero).first()
        if cuenta is None:
            raise Http404
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        cargo = cargo_registrar(
            cuenta=cuenta,
            registrado_por=request.user,
            autorizado_por=request.user,
            **entrada.validated_data,
        )
        cargo.refresh_from_db()
        return Response(self.OutputSerializer(cargo).data, status=status.HTTP_201_CREATED)


class AjustesApi(APIView):
    """Ajustes and payment reversals in a date range (default: the last 30 days)."""

    permiso = "cobranza.autorizar_ajuste"

    class FiltroSerializer(serializers.Serializer):
        desde = serializers.DateField(required=False)
        hasta = serializers.DateField(required=False)

        def validate(self, datos):
            if datos.get("desde") and datos.get("hasta") and datos["desde"] > datos["hasta"]:
                raise serializers.ValidationError(
                    {"hasta": "La fecha final no puede ser anterior a la inicial."}
                )
            return datos

    @extend_schema_serializer(component_name="MovimientoAutorizado")
    class OutputSerializer(serializers.Serializer):
        fecha = serializers.DateField()
        clase = serializers.CharField(help_text="ajuste o reversion")
        tipo = serializers.CharField(source="tipo_movimiento")
        tipo_texto = serializers.SerializerMethodField()
        monto = serializers.DecimalField(source="importe", max_digits=14, decimal_places=2)
        motivo = serializers.CharField()
        cuenta = serializers.CharField(source="cuenta_numero")
        cargo = serializers.IntegerField(source="cargo_num", allow_null=True)
        concepto = serializers.CharField()
        folio = serializers.CharField(help_text="folio del pago revertido")
        autorizado_por = serializers.CharField(source="usuario")
        registrado = serializers.DateTimeField()

        def get_tipo_texto(self, fila) -> str:
            return ETIQUETAS.get(fila.tipo_movimiento, "")

    @extend_schema(
        parameters=[
            OpenApiParameter("desde", str, description="aaaa-mm-dd"),
            OpenApiParameter("hasta", str, description="aaaa-mm-dd"),
        ],
        responses=OutputSerializer(many=True),
    )
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        desde, hasta = rango_de_fechas(
            filtro.validated_data.get("desde"), filtro.validated_data.get("hasta")
        )
        movimientos = movimientos_autorizados(usuario=request.user, desde=desde, hasta=hasta)
        paginador = api_settings.DEFAULT_PAGINATION_CLASS()
        pagina = paginador.paginate_queryset(movimientos, request, view=self)
        return paginador.get_paginated_response(self.OutputSerializer(pagina, many=True).data)
