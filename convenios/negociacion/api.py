"""/api/v1/cuentas/<número>/...: simulation (POST, saves nothing), negotiations, the
cuenta's convenios and their capture."""

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from convenios.comun.api import (
    ConvenioDetalle,
    ConvenioResumen,
    Lista,
    NegociacionSalida,
    SimulacionesSalida,
    TerminosEntrada,
    _alternativa,
    _campana,
    _cargos,
    _cuenta,
    detalle,
)
from convenios.models import Convenio, Negociacion
from convenios.negociacion.services import negociacion_registrar
from convenios.negociacion.simulacion import simular, simular_todas
from convenios.selectors import convenios_de_cuenta
from convenios.services.convenios import (
    convenio_capturar,
)
from padron.fechas import hoy


class SimulacionApi(APIView):
    """Simulate without saving: every alternative side by side, or one with the terms proposed."""

    permiso = "convenios.negociar"

    @extend_schema(request=TerminosEntrada, responses=SimulacionesSalida)
    def post(self, request, numero):
        cuenta, dia = _cuenta(request, numero), hoy()
        entrada = TerminosEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        cargos = _cargos(cuenta, datos.get("cargos"), dia)
        if "alternativa" in datos:
            simulaciones = [
                simular(
                    cuenta=cuenta,
                    cargos=cargos,
                    alternativa=_alternativa(cuenta, datos["alternativa"]),
                    terminos=entrada.terminos(),
                    campana=_campana(cuenta, datos.get("campana"), dia),
                    dia=dia,
                )
            ]
        elif datos.get("campana") is not None:
            raise ValidationError({"alternativa": "Indique la alternativa a la que se aplica."})
        else:
            simulaciones = simular_todas(cuenta=cuenta, cargos=cargos, dia=dia)
        salida = {"cuenta": cuenta.numero, "cargos": [c.pk for c in cargos]}
        return Response(SimulacionesSalida({**salida, "simulaciones": simulaciones}).data)


class NegociacionesApi(Lista, APIView):
    """A cuenta's negotiations (GET) and the debtor's answer to what was offered (POST)."""

    permiso = "convenios.negociar"

    @extend_schema_serializer(component_name="NegociacionEntrada")
    class InputSerializer(serializers.Serializer):
        respuesta = serializers.ChoiceField(choices=Negociacion.Respuesta.choices)
        cargos = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
        alternativa_elegida = serializers.CharField(max_length=160, allow_blank=True, default="")
        notas = serializers.CharField(max_length=2000, allow_blank=True, default="")

    @extend_schema(responses=NegociacionSalida(many=True))
    def get(self, request, numero):
        negociaciones = (
            Negociacion.objects.filter(cuenta=_cuenta(request, numero))
            .select_related("cuenta", "usuario")
            .prefetch_related("cargos")
        )
        return self.paginada(request, negociaciones, NegociacionSalida)

    @extend_schema(request=InputSerializer, responses={201: NegociacionSalida})
    def post(self, request, numero):
        cuenta, dia = _cuenta(request, numero), hoy()
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        negociacion = negociacion_registrar(
            cuenta=cuenta,
            usuario=request.user,
            cargos=_cargos(cuenta, datos.pop("cargos", None), dia),
            dia=dia,
            **datos,
        )
        return Response(NegociacionSalida(negociacion).data, status=status.HTTP_201_CREATED)


# Convenios -----------------------------------------------------------------------------


class ConveniosDeCuentaApi(Lista, APIView):
    """A cuenta's convenios (GET) and the capture of a new one (POST)."""

    permiso = {"*": "padron.ver_padron", "POST": "convenios.capturar_convenio"}

    @extend_schema_serializer(component_name="ConvenioEntrada")
    class InputSerializer(TerminosEntrada):
        alternativa = serializers.IntegerField()
        reemplaza = serializers.CharField(
            required=False, allow_blank=True, help_text="folio del convenio incumplido"
        )
        negociacion = serializers.IntegerField(required=False, allow_null=True)
        clausulas = serializers.CharField(max_length=4000, allow_blank=True, default="")
        enviar = serializers.BooleanField(
            default=True, help_text="false: queda en borrador sin pedir autorización"
        )

    @extend_schema(responses=ConvenioResumen(many=True))
    def get(self, request, numero):
        convenios = convenios_de_cuenta(_cuenta(request, numero)).select_related(
            "cuenta__titular", "nivel_requerido"
        )
        return self.paginada(request, convenios, ConvenioResumen)

    @extend_schema(request=InputSerializer, responses={201: ConvenioDetalle})
    def post(self, request, numero):
        cuenta, dia = _cuenta(request, numero), hoy()
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        convenio = convenio_capturar(
            cuenta=cuenta,
            alternativa=_alternativa(cuenta, datos["alternativa"]),
            capturado_por=request.user,
            terminos=entrada.terminos(),
            cargo_ids=datos.get("cargos") or None,
            campana=_campana(cuenta, datos.get("campana"), dia),
            negociacion=self._negociacion(cuenta, datos.get("negociacion")),
            reemplaza=self._reemplaza(cuenta, datos.get("reemplaza")),
            clausulas=datos["clausulas"],
            enviar=datos["enviar"],
            dia=dia,
        )
        return detalle(request, convenio.folio, status.HTTP_201_CREATED)

    @staticmethod
    def _negociacion(cuenta, pk):
        if pk is None:
            return None
        negociacion = Negociacion.objects.filter(cuenta=cuenta, pk=pk).first()
        if negociacion is None:
            raise ValidationError({"negociacion": "La negociación no es de esta cuenta."})
        return negociacion

    @staticmethod
    def _reemplaza(cuenta, folio):
        if not folio:
            return None
        convenio = Convenio.objects.filter(cuenta=cuenta, folio=folio.strip().upper()).first()
        if convenio is None:
            raise ValidationError({"reemplaza": f"La cuenta no tiene el convenio {folio}."})
        return convenio
