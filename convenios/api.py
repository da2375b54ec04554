"""/api/v1/convenios/...: one convenio, its schedule, the authorisation queue and the
state changes (enviar, autorizar, rechazar, firmar, cancelar)."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from convenios.comun.api import (
    AUTORIZAN,
    ConvenioDetalle,
    ConvenioResumen,
    Lista,
    ParcialidadSalida,
    TieneAlguno,
    _convenio,
    detalle,
    dinero,
)
from convenios.selectors import cola_de_autorizacion
from convenios.services.convenios import (
    convenio_autorizar,
    convenio_cancelar,
    convenio_enviar,
    convenio_firmar,
    convenio_rechazar,
)
from padron.fechas import hoy


class ConvenioApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=ConvenioDetalle)
    def get(self, request, folio):
        return detalle(request, folio)


class CalendarioApi(APIView):
    """Only the schedule, each parcialidad as it stands today."""

    permiso = "padron.ver_padron"

    @extend_schema_serializer(component_name="CalendarioSalida")
    class OutputSerializer(serializers.Serializer):
        folio = serializers.CharField()
        total = dinero()
        enganche = dinero()
        periodicidad = serializers.CharField()
        parcialidades = ParcialidadSalida(many=True)

    @extend_schema(responses=OutputSerializer)
    def get(self, request, folio):
        convenio = _convenio(request, folio)
        return Response(self.OutputSerializer(convenio, context={"dia": hoy()}).data)


class PendientesApi(Lista, APIView):
    """The authorisation queue of the user who asks (the higher tier sees the lower one's too)."""

    permission_classes = [TieneAlguno]
    permisos = AUTORIZAN

    @extend_schema(responses=ConvenioResumen(many=True))
    def get(self, request):
        return self.paginada(request, cola_de_autorizacion(request.user), ConvenioResumen)


# State changes: one service each; the answer is the convenio as it is now. ---------------


class MotivoEntrada(serializers.Serializer):
    motivo = serializers.CharField(max_length=250, allow_blank=True, default="")


class AccionApi(APIView):
    def ejecutar(self, request, folio, servicio, **argumentos):
        convenio = _convenio(request, folio)
        try:
            servicio(convenio=convenio, usuario=request.user, **argumentos)
        except ValidationError as exc:
            # The service's tier check: a refusal of who asks, not of what was sent.
            if hasattr(exc, "error_dict") and "autorizado_por" in exc.error_dict:
                raise exceptions.PermissionDenied(exc.message_dict["autorizado_por"][0]) from exc
            raise
        return detalle(request, folio)

    @staticmethod
    def motivo(request):
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        return entrada.validated_data["motivo"]


class EnviarApi(AccionApi):
    """A borrador goes to authorisation (or is authorised at once within ventanilla's limits)."""

    permiso = "convenios.capturar_convenio"

    @extend_schema(request=None, responses=ConvenioDetalle)
    def post(self, request, folio):
        return self.ejecutar(request, folio, convenio_enviar)


class AutorizarApi(AccionApi):
    permission_classes = [TieneAlguno]
    permisos = AUTORIZAN

    @extend_schema(request=MotivoEntrada, responses=ConvenioDetalle)
    def post(self, request, folio):
        return self.ejecutar(request, folio, convenio_autorizar, motivo=self.motivo(request))


class RechazarApi(AccionApi):
    permission_classes = [TieneAlguno]
    permisos = AUTORIZAN

    @extend_schema(request=MotivoEntrada, responses=ConvenioDetalle)
    def post(self, request, folio):
        return self.ejecutar(request, folio, convenio_rechazar, motivo=self.motivo(request))


class FirmarApi(AccionApi):
    """The debtor signed: the discount is booked on the ledger."""

    permiso = "convenios.capturar_convenio"

    @extend_schema(request=None, responses=ConvenioDetalle)
    def post(self, request, folio):
        return self.ejecutar(request, folio, convenio_firmar, dia=hoy())


class CancelarApi(AccionApi):
    permiso = "convenios.cancelar_convenio"

    @extend_schema(request=MotivoEntrada, responses=ConvenioDetalle)
    def post(self, request, folio):
        return self.ejecutar(
            request, folio, convenio_cancelar, motivo=self.motivo(request), dia=hoy()
        )


# Documents -----------------------------------------------------------------------------
