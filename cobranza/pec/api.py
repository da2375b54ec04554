"""/api/v1/pec/...: expedientes, their stages and the diligences served on the street.

Thin views over cobranza.pec.services; accounts through cuentas_visibles (a lawyer reaches
only its own), diligences through the notificador's own queue.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import DiaInhabil, Diligencia, Expediente, ListaMorosos
from cobranza.pec.documentos import DOCUMENTOS, diligencia_pdf
from cobranza.pec.filtros import COLUMNAS as COLUMNAS_EXPEDIENTES
from cobranza.pec.filtros import ExpedientesFiltro
from cobranza.pec.selectors import (
    diligencias_imprimibles,
    diligencias_por_notificar,
    expedientes_de,
    puede_imprimir_diligencias,
)
from cobranza.pec.services import (
    actuacion_registrar,
    diligencia_notificar,
    etapa_avanzar,
    expediente_cerrar,
    expediente_turnar,
    expedientes_abrir,
)
from config.api import Paginacion
from padron.fechas import hoy
from padron.listados import filtrar_api, parametros_api
from padron.pdf import respuesta_pdf

VEN_PEC = ("cobranza.gestionar_pec", "cobranza.registrar_etapa_legal")


def _ver_pec(usuario):
    if not any(usuario.has_perm(p) for p in VEN_PEC):
        raise PermissionDenied


def _expediente(request, folio):
    _ver_pec(request.user)
    return get_object_or_404(
        Expediente.objects.filter(cuenta__in=cuentas_visibles(request.user)).select_related(
            "cuenta__titular", "abogado"
        ),
        folio=folio,
    )


class DiligenciaSerializer(serializers.ModelSerializer):
    notificador = serializers.CharField(source="notificador.username", default=None)
    cuenta = serializers.CharField(source="expediente.cuenta.numero")
    domicilio = serializers.CharField(source="expediente.cuenta.domicilio")
    gasto = serializers.DecimalField(
        source="gasto.monto", max_digits=14, decimal_places=2, default=None
    )

    class Meta:
        model = Diligencia
        fields = [
            "folio",
            "etapa",
            "cuenta",
            "domicilio",
            "emitida",
            "notificador",
            "resultado",
            "citatorio",
            "notificada",
            "recibio_nombre",
            "recibio_relacion",
            "latitud",
            "longitud",
            "vence",
            "gasto",
        ]


class ExpedienteSerializer(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    abogado = serializers.CharField(source="abogado.username", default=None)
    vence = serializers.DateField(default=None, read_only=True)

    class Meta:
        model = Expediente
        fields = [
            "folio",
            "cuenta",
            "titular",
            "estado",
            "etapa",
            "adeudo_inicial",
            "abierto",
            "abogado",
            "cerrado",
            "motivo_cierre",
            "vence",
        ]


class ExpedientesApi(APIView):
    """GET: the expedientes the user may see (?estado, ?etapa, ?abogado, ?plazo, ?vencidos=1,
    ?lista, ?ordering).
    POST {cuentas: [número], lista?}: open expedientes (first stage emitted)."""

    permiso = {"GET": "padron.ver_padron", "POST": "cobranza.gestionar_pec"}

    @extend_schema_serializer(component_name="ExpedientesAbrirEntrada")
    class EntradaSerializer(serializers.Serializer):
        cuentas = serializers.ListField(child=serializers.CharField(), allow_empty=False)
        lista = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        responses=ExpedienteSerializer(many=True),
        parameters=parametros_api(ExpedientesFiltro, COLUMNAS_EXPEDIENTES),
    )
    def get(self, request):
        _ver_pec(request.user)
        expedientes = filtrar_api(
            request,
            expedientes_de(request.user, dia=hoy()),
            filtros=ExpedientesFiltro,
            columnas=COLUMNAS_EXPEDIENTES,
            orden="-abierto",
        )
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(expedientes, request, view=self)
        return paginador.get_paginated_response(ExpedienteSerializer(pagina, many=True).data)

    @extend_schema(request=EntradaSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request):
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        numeros = entrada.validated_data["cuentas"]
        ids = dict(
            cuentas_visibles(request.user).filter(numero__in=numeros).values_list("numero", "pk")
        )
        desconocidas = sorted(set(numeros) - set(ids))
        if desconocidas:
            raise serializers.ValidationError(
                {
                    "cuentas": f"Cuentas inexistentes o fuera de su alcance: {', '.join(desconocidas)}."
                }
            )
        lista = ListaMorosos.objects.filter(folio=entrada.validated_data.get("lista", "")).first()
        abiertos, omitidas = expedientes_abrir(
            cuenta_ids=list(ids.values()), usuario=request.user, lista=lista
        )
        return Response(
            {"abiertos": [e.folio for e in abiertos], "omitidas": omitidas},
            status=status.HTTP_201_CREATED,
        )


class ExpedienteApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, folio):
        expediente = _expediente(request, folio)
        datos = ExpedienteSerializer(expediente).data
        datos["diligencias"] = DiligenciaSerializer(
            expediente.diligencias.select_related("notificador", "gasto", "expediente__cuenta"),
            many=True,
        ).data
        datos["eventos"] = [
            {"fecha": e.fecha, "tipo": e.tipo, "etapa": e.etapa, "detalle": e.detalle}
            for e in expediente.eventos.order_by("fecha", "id")
        ]
        return Response(datos)


class ExpedienteAccionApi(APIView):
    """POST /avanzar/ (next stage), /turnar/ {abogado}, /cerrar/ {motivo},
    /actuaciones/ {detalle} (the lawyer's legal steps)."""

    permiso = "padron.ver_padron"

    @extend_schema_serializer(component_name="ExpedienteAccionEntrada")
    class EntradaSerializer(serializers.Serializer):
        abogado = serializers.CharField(required=False)
        motivo = serializers.CharField(max_length=250, required=False, allow_blank=True)
        detalle = serializers.CharField(max_length=250, required=False, allow_blank=True)

    @extend_schema(
        operation_id="pec_expediente_accion",
        request=EntradaSerializer,
        responses=OpenApiTypes.OBJECT,
    )
    def post(self, request, folio, accion):
        expediente = _expediente(request, folio)
        datos = self.EntradaSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        datos = datos.validated_data
        if accion != "actuaciones" and not request.user.has_perm("cobranza.gestionar_pec"):
            raise PermissionDenied
        if accion == "avanzar":
            diligencia = etapa_avanzar(expediente=expediente, usuario=request.user)
            return Response(DiligenciaSerializer(diligencia).data, status=status.HTTP_201_CREATED)
        if accion == "turnar":
            abogado = get_user_model().objects.filter(username=datos.get("abogado", "")).first()
            diligencia = expediente_turnar(
                expediente=expediente, abogado=abogado, usuario=request.user
            )
            return Response(DiligenciaSerializer(diligencia).data, status=status.HTTP_201_CREATED)
        if accion == "cerrar":
            expediente = expediente_cerrar(
                expediente=expediente, usuario=request.user, motivo=datos.get("motivo", "")
            )
            return Response(ExpedienteSerializer(expediente).data)
        if accion == "actuaciones":
            evento = actuacion_registrar(
                expediente=expediente, usuario=request.user, detalle=datos.get("detalle", "")
            )
            return Response(
                {"fecha": evento.fecha, "detalle": evento.detalle}, status=status.HTTP_201_CREATED
            )
        raise Http404


class DiligenciasApi(APIView):
    """The notificador's queue: diligences still to be served (its own and unassigned)."""

    permiso = "cobranza.registrar_diligencia"

    @extend_schema(responses=DiligenciaSerializer(many=True))
    def get(self, request):
        return Response(
            DiligenciaSerializer(diligencias_por_notificar(request.user), many=True).data
        )


class NotificacionApi(APIView):
    """POST the result of a diligence (multipart when it carries a photo)."""

    permiso = "cobranza.registrar_diligencia"

    @extend_schema_serializer(component_name="NotificacionEntrada")
    class EntradaSerializer(serializers.Serializer):
        resultado = serializers.ChoiceField(
            choices=[c for c in Diligencia.Resultado.values if c != "pendiente"]
        )
        notificada = serializers.DateTimeField()
        citatorio = serializers.DateTimeField(required=False, allow_null=True)
        recibio_nombre = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        recibio_relacion = serializers.CharField(
            max_length=80, required=False, allow_blank=True, default=""
        )
        foto = serializers.FileField(required=False, allow_null=True)
        latitud = serializers.DecimalField(max_digits=9, decimal_places=6, required=False)
        longitud = serializers.DecimalField(max_digits=9, decimal_places=6, required=False)
        notas = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=EntradaSerializer, responses=DiligenciaSerializer)
    def post(self, request, folio):
        diligencia = get_object_or_404(diligencias_por_notificar(request.user), folio=folio)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        diligencia = diligencia_notificar(
            diligencia=diligencia, notificador=request.user, **entrada.validated_data
        )
        return Response(DiligenciaSerializer(diligencia).data)


class DocumentoDiligenciaApi(APIView):
    # Checked in get(): who works the PEC, or the notificador of the diligence.
    permiso = None

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    def get(self, request, folio, documento):
        if documento not in DOCUMENTOS:
            raise serializers.ValidationError(
                {"documento": f"Documentos: {', '.join(DOCUMENTOS)}."}
            )
        # The same rule as the page /pec/diligencias/<folio>/<documento>.pdf (pec.selectors).
        if not puede_imprimir_diligencias(request.user):
            raise PermissionDenied
        diligencia = get_object_or_404(diligencias_imprimibles(request.user), folio=folio)
        return respuesta_pdf(diligencia_pdf(diligencia, documento), f"{documento}-{folio}.pdf")


class DiasInhabilesApi(APIView):
    """GET ?anio= the non-working days; POST {fecha, descripcion} (supervisor)."""

    permiso = {"GET": "padron.ver_padron", "POST": "cobranza.gestionar_pec"}

    @extend_schema_serializer(component_name="DiaInhabil")
    class DiaSerializer(serializers.ModelSerializer):
        class Meta:
            model = DiaInhabil
            fields = ["fecha", "descripcion"]

    @extend_schema(responses=DiaSerializer(many=True))
    def get(self, request):
        dias = DiaInhabil.objects.all()
        if anio := request.query_params.get("anio"):
            if not anio.isdigit():
                raise serializers.ValidationError({"anio": "Año inválido."})
            dias = dias.filter(fecha__year=int(anio))
        return Response(self.DiaSerializer(dias, many=True).data)

    @extend_schema(request=DiaSerializer, responses={201: DiaSerializer})
    def post(self, request):
        entrada = self.DiaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        entrada.save()
        return Response(entrada.data, status=status.HTTP_201_CREATED)
