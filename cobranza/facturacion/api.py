"""/api/v1/ of facturación: billing runs and the go-live's carga inicial (upload, status,
rows, gran consumidor validation, authorise, reject, cancel, rejects file), proposed
extraordinary charges (propose, approve, reject) and social-work discounts (apply,
approve, reject, revalidate, the report of discounts granted).

An upload answers 202 with the background import's state; the run appears when the worker
has read the file (GET /api/v1/importaciones/<id>/ says how far it is).
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.facturacion import selectors
from cobranza.facturacion.models import (
    CargoPropuesto,
    CorridaFacturacion,
    DescuentoSocial,
    RenglonFacturacion,
)
from cobranza.facturacion.services.corridas import corrida_rechazados_csv
from cobranza.facturacion.services.descuentos import (
    CONCEPTOS_CON_DESCUENTO,
    descuento_social_aprobar,
    descuento_social_rechazar,
    descuento_social_revalidar,
    descuento_social_solicitar,
)
from cobranza.facturacion.services.extraordinarios import (
    cargo_proponer,
    cargo_propuesto_aprobar,
    cargo_propuesto_rechazar,
)
from cobranza.facturacion.services.publicacion import (
    corrida_autorizar,
    corrida_cancelar,
    corrida_rechazar,
    renglon_revisar,
)
from cobranza.libro.selectors import cuentas_visibles
from config.api import Paginacion
from padron.campos import FechaField, MontoField
from padron.fechas import hoy
from padron.importacion.api import ImportacionSalida
from padron.importacion.tasks import procesar_importacion
from padron.importacion.trabajos import importacion_avance, importacion_crear
from padron.models import Cartera

CARGAR, AUTORIZAR = "cobranza.cargar_facturacion", "cobranza.autorizar_facturacion"


def _nombre(usuario):
    return (usuario.get_full_name() or usuario.username) if usuario else ""


def _paginar(request, filas, serializador, vista):
    paginador = Paginacion()
    pagina = paginador.paginate_queryset(filas, request, view=vista)
    return paginador.get_paginated_response(serializador(pagina, many=True).data)


# --- runs ----------------------------------------------------------------------------------


class CorridaSalida(serializers.ModelSerializer):
    cartera = serializers.SlugRelatedField(slug_field="clave", read_only=True)
    estado_texto = serializers.CharField(source="get_estado_display", read_only=True)
    subida_por = serializers.SerializerMethodField()
    autorizada_por = serializers.SerializerMethodField()
    importacion = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CorridaFacturacion
        fields = [
            "id",
            "cartera",
            "tipo",
            "periodo",
            "fecha_corte",
            "archivo",
            "huella",
            "estado",
            "estado_texto",
            "filas",
            "validas",
            "rechazadas",
            "cuentas",
            "volumen_m3",
            "total",
            "cargos_creados",
            "descuentos",
            "subida_por",
            "subida",
            "autorizada_por",
            "autorizada",
            "cancelada",
            "motivo",
            "importacion",
        ]

    def get_subida_por(self, corrida) -> str:
        return _nombre(corrida.subida_por)

    def get_autorizada_por(self, corrida) -> str:
        return _nombre(corrida.autorizada_por)


class RenglonSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="numero_cuenta")
    error_cuenta_texto = serializers.CharField(source="get_error_cuenta_display")

    class Meta:
        model = RenglonFacturacion
        fields = [
            "fila",
            "cuenta",
            "periodo",
            "tipo_usuario",
            "lectura_anterior",
            "lectura_actual",
            "consumo_m3",
            "cambio_medidor",
            "agua",
            "drenaje",
            "saneamiento",
            "iva",
            "otros",
            "fecha_vencimiento",
            "concepto",
            "fecha",
            "monto",
            "saldo_pendiente",
            "referencia",
            "valido",
            "errores",
            "error_cuenta",
            "error_cuenta_texto",
            "consumo_atipico",
            "consumo_cero",
            "promedio_m3",
            "gran_consumidor",
            "revision",
            "revision_motivo",
        ]


def _corrida(pk):
    return get_object_or_404(
        CorridaFacturacion.objects.select_related(
            "cartera", "subida_por", "autorizada_por", "importacion"
        ),
        pk=pk,
    )


class CorridasApi(APIView):
    """GET: the runs (filters cartera, tipo). POST (multipart): upload a file of the month's
    bills (tipo facturacion, cartera, periodo aaaa-mm) or of the carga inicial (tipo
    cargos_historicos or pagos_historicos, cartera, fecha_corte aaaa-mm-dd); 202 with the
    background import."""

    permiso = {"GET": CARGAR, "POST": CARGAR}
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="CorridaCarga")
    class InputSerializer(serializers.Serializer):
        tipo = serializers.ChoiceField(choices=CorridaFacturacion.Tipo.choices)
        cartera = serializers.SlugRelatedField(slug_field="clave", queryset=Cartera.objects.all())
        periodo = serializers.CharField(required=False, allow_blank=True)
        fecha_corte = serializers.DateField(required=False, allow_null=True)
        archivo = serializers.FileField()

    @extend_schema(
        parameters=[OpenApiParameter("cartera", str), OpenApiParameter("tipo", str)],
        responses=CorridaSalida(many=True),
    )
    def get(self, request):
        cartera = request.query_params.get("cartera")
        corridas = selectors.corridas_lista(
            cartera=Cartera.objects.filter(clave=cartera).first() if cartera else None,
            tipo=request.query_params.get("tipo"),
        )
        return _paginar(request, corridas, CorridaSalida, self)

    @extend_schema(request=InputSerializer, responses={202: ImportacionSalida})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        importacion = importacion_crear(
            tipo=datos["tipo"],
            archivo=datos["archivo"],
            usuario=request.user,
            parametros={
                "cartera": datos["cartera"].clave,
                "periodo": datos.get("periodo") or "",
                "fecha_corte": f"{datos['fecha_corte']:%Y-%m-%d}"
                if datos.get("fecha_corte")
                else "",
            },
        )
        procesar_importacion.delay(importacion.pk)
        importacion.refresh_from_db()
        return Response(ImportacionSalida(importacion).data, status=status.HTTP_202_ACCEPTED)


class CorridaApi(APIView):
    """A run with its totals, its comparison with the previous month by tipo de usuario and
    its anomalies (counts), and the background import's progress."""

    permiso = CARGAR

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        corrida = _corrida(pk)
        anomalias = selectors.corrida_anomalias(corrida)
        return Response(
            {
                **CorridaSalida(corrida).data,
                "avance": importacion_avance(corrida.importacion) if corrida.importacion else None,
                "comparacion": [
                    {
                        k: (str(v) if v is not None and not isinstance(v, int | str) else v)
                        for k, v in fila.items()
                    }
                    for fila in selectors.corrida_comparacion(corrida)
                ]
                if corrida.tipo == "facturacion"
                else [],
                "anomalias": {
                    k: v
                    for k, v in anomalias.items()
                    if not k.startswith("filas_") and k != "sin_factura_muestra"
                },
            }
        )


FILTROS_DE_RENGLON = {
    "rechazadas": {"valido": False},
    "gran_consumidor": {"gran_consumidor": True},
    "atipico": {"consumo_atipico": True},
    "cero": {"consumo_cero": True},
    "no_en_padron": {"error_cuenta": "no_existe"},
}


class RenglonesApi(APIView):
    """The run's rows, page by page; ?filtro=rechazadas|gran_consumidor|atipico|cero|no_en_padron."""

    permiso = CARGAR

    @extend_schema(parameters=[OpenApiParameter("filtro", str)], responses=RenglonSalida(many=True))
    def get(self, request, pk):
        corrida = _corrida(pk)
        filtro = request.query_params.get("filtro", "")
        if filtro and filtro not in FILTROS_DE_RENGLON:
            raise ValidationError({"filtro": f"Use uno de: {', '.join(FILTROS_DE_RENGLON)}."})
        filas = corrida.renglones.filter(**FILTROS_DE_RENGLON.get(filtro, {})).order_by("fila")
        return _paginar(request, filas, RenglonSalida, self)


class RevisionApi(APIView):
    """Validate a gran consumidor's reading: aceptada, corregida (motivo, lectura_actual,
    consumo_m3 and the amounts that change) or retenida (motivo)."""

    permiso = CARGAR
    parser_classes = [JSONParser, FormParser]

    @extend_schema_serializer(component_name="RevisionLectura")
    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=["aceptada", "corregida", "retenida"])
        motivo = serializers.CharField(required=False, allow_blank=True, max_length=250)
        lectura_actual = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
        consumo_m3 = serializers.DecimalField(max_digits=12, decimal_places=2, required=False)
        agua = MontoField(permitir_cero=True, required=False)
        drenaje = MontoField(permitir_cero=True, required=False)
        saneamiento = MontoField(permitir_cero=True, required=False)
        iva = MontoField(permitir_cero=True, required=False)
        otros = MontoField(permitir_cero=True, required=False)

    @extend_schema(request=InputSerializer, responses=RenglonSalida)
    def post(self, request, pk, fila):
        renglon = get_object_or_404(RenglonFacturacion, corrida_id=pk, fila=fila)
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        renglon = renglon_revisar(
            renglon=renglon,
            decision=datos["decision"],
            usuario=request.user,
            motivo=datos.get("motivo", ""),
            lectura_actual=datos.get("lectura_actual"),
            consumo_m3=datos.get("consumo_m3"),
            importes={
                c: datos[c]
                for c in ("agua", "drenaje", "saneamiento", "iva", "otros")
                if c in datos
            },
        )
        return Response(RenglonSalida(renglon).data)


class _AccionCorridaApi(APIView):
    permiso = AUTORIZAR
    parser_classes = [JSONParser, FormParser]

    @extend_schema_serializer(component_name="MotivoCorrida")
    class InputSerializer(serializers.Serializer):
        motivo = serializers.CharField(max_length=250, required=False, allow_blank=True)

    def accion(self, corrida, usuario, motivo):
        raise NotImplementedError

    @extend_schema(request=InputSerializer, responses=CorridaSalida)
    def post(self, request, pk):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        corrida = self.accion(_corrida(pk), request.user, entrada.validated_data.get("motivo", ""))
        return Response(CorridaSalida(corrida).data)


class AutorizarApi(_AccionCorridaApi):
    """Authorise and post the run (someone other than who uploaded it). Posting twice posts once."""

    def accion(self, corrida, usuario, motivo):
        return corrida_autorizar(corrida=corrida, usuario=usuario)


class RechazarApi(_AccionCorridaApi):
    """Send the run back with a motivo; nothing is posted."""

    def accion(self, corrida, usuario, motivo):
        return corrida_rechazar(corrida=corrida, usuario=usuario, motivo=motivo)


class CancelarApi(_AccionCorridaApi):
    """Cancel a posted run whole (motivo), while no payment has been applied to its cargos."""

    def accion(self, corrida, usuario, motivo):
        return corrida_cancelar(corrida=corrida, usuario=usuario, motivo=motivo)


class RechazadosApi(APIView):
    """The rows the run rejected, as CSV, each with its reasons."""

    permiso = CARGAR

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY})
    def get(self, request, pk):
        corrida = _corrida(pk)
        respuesta = HttpResponse(
            "\ufeff" + corrida_rechazados_csv(corrida), content_type="text/csv; charset=utf-8"
        )
        respuesta["Content-Disposition"] = (
            f'attachment; filename="corrida-{corrida.pk}-rechazadas.csv"'
        )
        return respuesta


# --- extraordinary charges -----------------------------------------------------------------


class CargoPropuestoSalida(serializers.ModelSerializer):
    cuenta = serializers.SlugRelatedField(slug_field="numero", read_only=True)
    estado_texto = serializers.CharField(source="get_estado_display", read_only=True)
    tipo_texto = serializers.CharField(source="get_tipo_display", read_only=True)
    propuesto_por = serializers.SerializerMethodField()
    resuelto_por = serializers.SerializerMethodField()
    cargo = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = CargoPropuesto
        fields = [
            "folio",
            "cuenta",
            "tipo",
            "tipo_texto",
            "monto",
            "fecha_vencimiento",
            "descripcion",
            "estado",
            "estado_texto",
            "propuesto_por",
            "propuesto",
            "resuelto_por",
            "resuelto",
            "motivo_rechazo",
            "cargo",
        ]

    def get_propuesto_por(self, propuesta) -> str:
        return _nombre(propuesta.propuesto_por)

    def get_resuelto_por(self, propuesta) -> str:
        return _nombre(propuesta.resuelto_por)


class CargosPropuestosApi(APIView):
    """GET: proposed, approved and rejected charges (?estado=). POST: propose one (with its
    evidence as a file in multipart); it touches no balance until approved."""

    permiso = {"GET": "cobranza.proponer_cargo", "POST": "cobranza.proponer_cargo"}
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema_serializer(component_name="CargoPropuestoEntrada")
    class InputSerializer(serializers.Serializer):
        cuenta = serializers.CharField(max_length=30)
        tipo = serializers.ChoiceField(choices=CargoPropuesto.Tipo.choices)
        monto = MontoField()
        fecha_vencimiento = FechaField()
        descripcion = serializers.CharField(max_length=250)
        evidencia = serializers.FileField(required=False)

    @extend_schema(
        parameters=[OpenApiParameter("estado", str)], responses=CargoPropuestoSalida(many=True)
    )
    def get(self, request):
        filas = selectors.cargos_propuestos(estado=request.query_params.get("estado"))
        filas = filas.filter(cuenta__in=cuentas_visibles(request.user))
        return _paginar(request, filas, CargoPropuestoSalida, self)

    @extend_schema(request=InputSerializer, responses={201: CargoPropuestoSalida})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        cuenta = get_object_or_404(cuentas_visibles(request.user), numero=datos.pop("cuenta"))
        propuesta = cargo_proponer(cuenta=cuenta, usuario=request.user, **datos)
        return Response(CargoPropuestoSalida(propuesta).data, status=status.HTTP_201_CREATED)


class CargoPropuestoAprobarApi(APIView):
    """Approve: the cargo is written now (someone other than who proposed it)."""

    permiso = "cobranza.autorizar_cargo"

    @extend_schema(request=None, responses=CargoPropuestoSalida)
    def post(self, request, folio):
        propuesta = get_object_or_404(CargoPropuesto, folio=folio)
        return Response(
            CargoPropuestoSalida(
                cargo_propuesto_aprobar(propuesta=propuesta, usuario=request.user)
            ).data
        )


class CargoPropuestoRechazarApi(APIView):
    """Reject with a motivo; nothing is charged."""

    permiso = "cobranza.autorizar_cargo"

    @extend_schema(request=_AccionCorridaApi.InputSerializer, responses=CargoPropuestoSalida)
    def post(self, request, folio):
        propuesta = get_object_or_404(CargoPropuesto, folio=folio)
        motivo = str(request.data.get("motivo", ""))
        return Response(
            CargoPropuestoSalida(
                cargo_propuesto_rechazar(propuesta=propuesta, usuario=request.user, motivo=motivo)
            ).data
        )


# --- social-work discounts ----------------------------------------------------------------


class DescuentoSalida(serializers.ModelSerializer):
    cuenta = serializers.SlugRelatedField(slug_field="numero", read_only=True)
    estado_texto = serializers.CharField(source="get_estado_display", read_only=True)
    documentos = serializers.SerializerMethodField()
    renueva = serializers.SlugRelatedField(slug_field="folio", read_only=True)

    class Meta:
        model = DescuentoSocial
        fields = [
            "folio",
            "cuenta",
            "tipo",
            "acreditacion",
            "ingreso_mensual",
            "personas_hogar",
            "ocupacion",
            "vivienda",
            "observaciones",
            "estado",
            "estado_texto",
            "porcentaje",
            "conceptos",
            "tope_m3",
            "vigente_desde",
            "vigente_hasta",
            "motivo",
            "renueva",
            "solicitado",
            "resuelto",
            "documentos",
        ]

    def get_documentos(self, descuento) -> list[str]:
        return [d.descripcion for d in descuento.documentos.all()]


class _SolicitudEntrada(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=DescuentoSocial.Tipo.choices)
    acreditacion = serializers.CharField(max_length=200)
    ingreso_mensual = MontoField(permitir_cero=True)
    personas_hogar = serializers.IntegerField(min_value=1, max_value=50)
    ocupacion = serializers.CharField(max_length=120, required=False, allow_blank=True)
    vivienda = serializers.ChoiceField(choices=DescuentoSocial.Vivienda.choices)
    observaciones = serializers.CharField(required=False, allow_blank=True)
    documento = serializers.FileField(help_text="El documento que acredita la condición.")
    documento_descripcion = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def solicitud(self):
        datos = dict(self.validated_data)
        archivo = datos.pop("documento")
        descripcion = datos.pop("documento_descripcion", "") or datos.get("acreditacion", "")
        return {**datos, "documentos": [(descripcion, archivo)]}


class DescuentosApi(APIView):
    """GET: the discounts (?estado=). POST (multipart): an application for a cuenta."""

    permiso = {
        "GET": "cobranza.solicitar_descuento_social",
        "POST": "cobranza.solicitar_descuento_social",
    }
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema_serializer(component_name="DescuentoSocialSolicitud")
    class InputSerializer(_SolicitudEntrada):
        cuenta = serializers.CharField(max_length=30)

    @extend_schema(
        parameters=[OpenApiParameter("estado", str)], responses=DescuentoSalida(many=True)
    )
    def get(self, request):
        filas = selectors.descuentos_sociales(estado=request.query_params.get("estado"))
        return _paginar(
            request, filas.filter(cuenta__in=cuentas_visibles(request.user)), DescuentoSalida, self
        )

    @extend_schema(request=InputSerializer, responses={201: DescuentoSalida})
    def post(self, request):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        cuenta = get_object_or_404(
            cuentas_visibles(request.user), numero=entrada.validated_data["cuenta"]
        )
        solicitud = entrada.solicitud()
        solicitud.pop("cuenta")
        descuento = descuento_social_solicitar(cuenta=cuenta, usuario=request.user, **solicitud)
        return Response(DescuentoSalida(descuento).data, status=status.HTTP_201_CREATED)


def _descuento(folio):
    return get_object_or_404(DescuentoSocial.objects.select_related("cuenta"), folio=folio)


class DescuentoApi(APIView):
    permiso = "cobranza.solicitar_descuento_social"

    @extend_schema(responses=DescuentoSalida)
    def get(self, request, folio):
        return Response(DescuentoSalida(_descuento(folio)).data)


class DescuentoAprobarApi(APIView):
    """Approve with porcentaje, conceptos (consumo_agua, drenaje, saneamiento) and tope_m3."""

    permiso = "cobranza.autorizar_descuento_social"

    @extend_schema_serializer(component_name="DescuentoSocialAprobacion")
    class InputSerializer(serializers.Serializer):
        porcentaje = serializers.DecimalField(max_digits=5, decimal_places=2)
        conceptos = serializers.ListField(
            child=serializers.ChoiceField(choices=list(CONCEPTOS_CON_DESCUENTO))
        )
        tope_m3 = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, allow_null=True
        )

    @extend_schema(request=InputSerializer, responses=DescuentoSalida)
    def post(self, request, folio):
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        descuento = descuento_social_aprobar(
            descuento=_descuento(folio), usuario=request.user, **entrada.validated_data
        )
        return Response(DescuentoSalida(descuento).data)


class DescuentoRechazarApi(APIView):
    permiso = "cobranza.autorizar_descuento_social"

    @extend_schema(request=_AccionCorridaApi.InputSerializer, responses=DescuentoSalida)
    def post(self, request, folio):
        descuento = descuento_social_rechazar(
            descuento=_descuento(folio),
            usuario=request.user,
            motivo=str(request.data.get("motivo", "")),
        )
        return Response(DescuentoSalida(descuento).data)


class DescuentoRevalidarApi(APIView):
    """A new application (multipart, the study again) that continues an approved discount."""

    permiso = "cobranza.solicitar_descuento_social"
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=_SolicitudEntrada, responses={201: DescuentoSalida})
    def post(self, request, folio):
        entrada = _SolicitudEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        solicitud = entrada.solicitud()
        solicitud.pop("tipo")
        nuevo = descuento_social_revalidar(
            descuento=_descuento(folio), usuario=request.user, **solicitud
        )
        return Response(DescuentoSalida(nuevo).data, status=status.HTTP_201_CREATED)


class DescuentosOtorgadosApi(APIView):
    """The discounts booked in [desde, hasta] (default: this year): by month and type."""

    permiso = "cobranza.ver_reportes"

    @extend_schema(
        parameters=[
            OpenApiParameter("desde", OpenApiTypes.DATE),
            OpenApiParameter("hasta", OpenApiTypes.DATE),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request):
        campo = serializers.DateField()
        dia = hoy()
        try:
            desde = (
                campo.to_internal_value(request.query_params["desde"])
                if request.query_params.get("desde")
                else dia.replace(month=1, day=1)
            )
            hasta = (
                campo.to_internal_value(request.query_params["hasta"])
                if request.query_params.get("hasta")
                else dia
            )
        except serializers.ValidationError as exc:
            raise ValidationError({"desde": "Fecha no válida; use aaaa-mm-dd."}) from exc
        datos = selectors.descuentos_otorgados(desde=desde, hasta=hasta)
        return Response(
            {
                "desde": desde,
                "hasta": hasta,
                "cuentas": datos["cuentas"],
                "monto": str(datos["monto"]),
                "filas": [
                    {**f, "mes": f"{f['mes']:%Y-%m}", "monto": str(f["monto"])}
                    for f in datos["filas"]
                ],
            }
        )
