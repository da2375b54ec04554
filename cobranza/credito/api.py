"""/api/v1/credito/...: a credit cuenta's amortization schedule with the state of each month,
and the credit cartera's report (recovery by cohort and beneficiarios)."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.credito import reporte
from cobranza.credito.selectors import mensualidades
from cobranza.credito.views import _cuenta_con_tabla
from cobranza.reportes.comun import cartera_leer, periodo_de_reporte
from padron.fechas import hoy
from padron.models import Cartera

DINERO = {"max_digits": 14, "decimal_places": 2}


class MensualidadSalida(serializers.Serializer):
    numero = serializers.IntegerField(source="parcialidad.numero")
    vencimiento = serializers.DateField(source="parcialidad.vencimiento")
    capital = serializers.DecimalField(source="parcialidad.capital", **DINERO)
    interes = serializers.DecimalField(source="parcialidad.interes", **DINERO)
    pago = serializers.DecimalField(source="parcialidad.pago", **DINERO)
    saldo_insoluto = serializers.DecimalField(source="parcialidad.saldo_insoluto", **DINERO)
    estado = serializers.ChoiceField(choices=["pagada", "vencida", "por vencer"])
    adeudo = serializers.DecimalField(**DINERO)


class TablaSalida(serializers.Serializer):
    cuenta = serializers.CharField()
    version = serializers.IntegerField()
    metodo = serializers.CharField()
    capital = serializers.DecimalField(**DINERO)
    tasa_anual = serializers.DecimalField(max_digits=6, decimal_places=2)
    plazo_meses = serializers.IntegerField()
    primer_vencimiento = serializers.DateField()
    motivo = serializers.CharField()
    mensualidades = MensualidadSalida(many=True)


class TablaApi(APIView):
    """The current schedule of a credit cuenta the user can see."""

    permiso = "padron.ver_padron"

    @extend_schema(operation_id="credito_tabla", responses=TablaSalida)
    def get(self, request, numero):
        cuenta, tabla = _cuenta_con_tabla(request, numero)
        return Response(
            TablaSalida(
                {
                    "cuenta": cuenta.numero,
                    "version": tabla.version,
                    "metodo": tabla.metodo,
                    "capital": tabla.capital,
                    "tasa_anual": tabla.tasa_anual,
                    "plazo_meses": tabla.plazo_meses,
                    "primer_vencimiento": tabla.primer_vencimiento,
                    "motivo": tabla.motivo,
                    "mensualidades": mensualidades(tabla, hoy()),
                }
            ).data
        )


class ReporteCreditoApi(APIView):
    """The credit cartera's report for a month (the data of /credito/reportes/)."""

    permiso = "padron.gestionar_beneficiarios"

    @extend_schema(
        operation_id="credito_reporte",
        parameters=[
            OpenApiParameter("cartera", str, description="Clave de la cartera", required=True),
            OpenApiParameter("periodo", str, description="Mes, aaaa-mm", required=True),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        cartera = cartera_leer(request.query_params.get("cartera"))
        if cartera.tipo != Cartera.Tipo.CREDITO:
            raise ValidationError({"cartera": "No es una cartera de crédito educativo."})
        periodo = periodo_de_reporte(request.query_params.get("periodo"))
        return Response(reporte.calcular(cartera, periodo))
