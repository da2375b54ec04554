"""Front-desk API: search, estado de cuenta, payments with Idempotency-Key."""

from datetime import date

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.models import Pago
from cobranza.selectors import cuentas_buscar, cuentas_visibles, estado_de_cuenta
from cobranza.services.pagos import pago_registrar
from padron.fechas import hoy


class CuentaSerializer(serializers.Serializer):
    numero = serializers.CharField()
    titular = serializers.CharField(source="titular.nombre_completo")
    cartera = serializers.CharField(source="cartera.clave")
    estado = serializers.CharField()
    domicilio = serializers.CharField()
    saldo = serializers.DecimalField(
        source="saldo.saldo", max_digits=14, decimal_places=2, default=None
    )
    saldo_vencido = serializers.DecimalField(
        source="saldo.saldo_vencido", max_digits=14, decimal_places=2, default=None
    )


def _cuenta(request, numero):
    return get_object_or_404(cuentas_visibles(request.user), numero=numero)


class CuentasBuscarApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(operation_id="cuentas_buscar", responses=OpenApiTypes.OBJECT)
    def get(self, request):
        cuentas = cuentas_buscar(usuario=request.user, texto=request.query_params.get("q", ""))
        return Response({"resultados": CuentaSerializer(cuentas, many=True).data})


class CuentaApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, numero):
        return Response(CuentaSerializer(_cuenta(request, numero)).data)


class EstadoCuentaApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, numero):
        try:
            al = (
                date.fromisoformat(request.query_params["al"])
                if "al" in request.query_params
                else hoy()
            )
        except ValueError:
            raise serializers.ValidationError({"al": "Fecha inválida; use AAAA-MM-DD."}) from None
        estado = estado_de_cuenta(cuenta=_cuenta(request, numero), al=al)
        return Response(
            {
                "cuenta": numero,
                "al": al,
                "saldo": str(estado["saldo"]),
                "saldo_vencido": str(estado["saldo_vencido"]),
                "por_concepto": {k: str(v) for k, v in estado["por_concepto"].items()},
                "por_antiguedad": {k: str(v) for k, v in estado["por_antiguedad"]},
                "cargos": [
                    {
                        "id": c.pk,
                        "concepto": c.concepto,
                        "periodo": c.periodo,
                        "vencimiento": c.fecha_vencimiento,
                        "monto": str(c.monto),
                        "saldo": str(c.saldo_al),
                    }
                    for c in estado["cargos"]
                ],
                "pagos": [
                    {
                        "folio": p.folio,
                        "fecha": p.fecha,
                        "monto": str(p.monto),
                        "estado": p.estado,
                        "aplicaciones": [
                            {"cargo": a.cargo_id, "monto": str(a.monto)}
                            for a in p.aplicaciones.all()
                        ],
                    }
                    for p in estado["pagos"]
                ],
            }
        )


def recibo(pago):
    return {
        "folio": pago.folio,
        "cuenta": pago.cuenta.numero,
        "fecha": pago.fecha,
        "monto": str(pago.monto),
        "remanente": str(pago.remanente),
        "canal": pago.canal,
        "aplicaciones": [
            {
                "cargo": a.cargo_id,
                "concepto": a.cargo.concepto,
                "periodo": a.cargo.periodo,
                "monto": str(a.monto),
            }
            for a in pago.aplicaciones.select_related("cargo")
        ],
        "saldo_despues": str(pago.cuenta.saldo.saldo),
    }


class PagosApi(APIView):
    """POST a payment; a repeated Idempotency-Key returns the first receipt (200) instead of paying twice."""

    permiso = "cobranza.registrar_pago"

    class InputSerializer(serializers.Serializer):
        monto = serializers.CharField()
        canal = serializers.ChoiceField(choices=Pago.Canal.choices, default=Pago.Canal.CAJA)
        referencia = serializers.CharField(required=False, allow_blank=True, default="")
        fecha = serializers.DateField(required=False)

    @extend_schema(request=InputSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, numero):
        cuenta = _cuenta(request, numero)
        datos = self.InputSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        clave = request.headers.get("Idempotency-Key") or None
        previo = clave and Pago.objects.filter(clave_idempotencia=clave).exists()
        pago = pago_registrar(
            cuenta=cuenta,
            registrado_por=request.user,
            clave_idempotencia=clave,
            **datos.validated_data,
        )
        pago.cuenta.refresh_from_db()
        return Response(
            recibo(pago), status=status.HTTP_200_OK if previo else status.HTTP_201_CREATED
        )


class PagoApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, folio):
        pago = get_object_or_404(
            Pago.objects.select_related("cuenta__saldo"),
            folio=folio,
            cuenta__in=cuentas_visibles(request.user),
        )
        return Response(recibo(pago))
