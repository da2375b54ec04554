"""/api/v1/archivo/: the location catalogs, moving a caja, placing an original, the inventory
report and the audit walk (start, read a code, finish, result).

Catalogs and audits need cobranza.administrar_archivo; placing an original and the inventory
need cobranza.custodiar_documentos. Documents only through documentos_visibles."""

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from cobranza.archivo.selectors.expedientes import documentos_visibles
from cobranza.archivo.selectors.ubicacion import (
    arbol_ubicaciones,
    inventario_resultado,
    reporte_inventario,
    ubicacion_texto,
)
from cobranza.archivo.services import ubicacion as servicios
from cobranza.models import Archivo, Caja, Carpeta, Documento, Estante, Inventario

ADMINISTRAR = "cobranza.administrar_archivo"
CUSTODIAR = "cobranza.custodiar_documentos"


class CarpetaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    clave = serializers.CharField()


class CajaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    clave = serializers.CharField()
    descripcion = serializers.CharField()
    documentos = serializers.IntegerField(source="documentos_n", required=False)
    carpetas = CarpetaSalida(many=True, read_only=True)


class EstanteSalida(serializers.Serializer):
    id = serializers.IntegerField()
    clave = serializers.CharField()
    cajas = CajaSalida(many=True, read_only=True)


class ArchivoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField()
    domicilio = serializers.CharField()
    estantes = EstanteSalida(many=True, read_only=True)


class UbicacionesApi(APIView):
    """GET: the whole tree archivo → estante → caja (with its document count) → carpeta."""

    permiso = ADMINISTRAR

    @extend_schema(responses=ArchivoSalida(many=True))
    def get(self, request):
        return Response(ArchivoSalida(arbol_ubicaciones(), many=True).data)


@extend_schema_serializer(component_name="UbicacionNueva")
class UbicacionEntrada(serializers.Serializer):
    nombre = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
    domicilio = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    archivo = serializers.PrimaryKeyRelatedField(queryset=Archivo.objects.all(), required=False)
    estante = serializers.PrimaryKeyRelatedField(queryset=Estante.objects.all(), required=False)
    caja = serializers.PrimaryKeyRelatedField(queryset=Caja.objects.all(), required=False)
    clave = serializers.CharField(required=False, allow_blank=True, default="")
    descripcion = serializers.CharField(
        max_length=200, required=False, allow_blank=True, default=""
    )


# nivel -> (service, fields it takes)
CREAR = {
    "archivos": (servicios.archivo_crear, ("nombre", "domicilio")),
    "estantes": (servicios.estante_crear, ("archivo", "clave")),
    "cajas": (servicios.caja_crear, ("estante", "clave", "descripcion")),
    "carpetas": (servicios.carpeta_crear, ("caja", "clave")),
}


class UbicacionCrearApi(APIView):
    """POST /archivo/ubicaciones/{archivos|estantes|cajas|carpetas}/: add one to the catalog
    (the estante names its archivo, the caja its estante, the carpeta its caja)."""

    permiso = ADMINISTRAR

    @extend_schema(request=UbicacionEntrada, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, nivel):
        if nivel not in CREAR:
            raise NotFound("Nivel desconocido: use archivos, estantes, cajas o carpetas.")
        crear, campos = CREAR[nivel]
        entrada = UbicacionEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = {c: entrada.validated_data.get(c) for c in campos}
        nuevo = crear(usuario=request.user, **datos)
        return Response({"id": nuevo.pk, "texto": str(nuevo)}, status=status.HTTP_201_CREATED)


class CajaMoverApi(APIView):
    """POST: put the caja on another estante; its carpetas and originals go with it."""

    permiso = ADMINISTRAR

    @extend_schema_serializer(component_name="CajaMover")
    class EntradaSerializer(serializers.Serializer):
        estante = serializers.PrimaryKeyRelatedField(queryset=Estante.objects.all())

    @extend_schema(request=EntradaSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        caja = get_object_or_404(Caja, pk=pk)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        caja = servicios.caja_mover(
            caja=caja, estante=entrada.validated_data["estante"], usuario=request.user
        )
        return Response({"id": caja.pk, "clave": caja.clave, "estante": caja.estante_id})


class DocumentoUbicarApi(APIView):
    """POST {carpeta: id|null}: where the original of the document is kept."""

    permiso = CUSTODIAR

    @extend_schema_serializer(component_name="DocumentoUbicar")
    class EntradaSerializer(serializers.Serializer):
        carpeta = serializers.PrimaryKeyRelatedField(
            queryset=Carpeta.objects.all(), allow_null=True
        )

    @extend_schema(request=EntradaSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        documento = get_object_or_404(documentos_visibles(request.user), pk=pk)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        servicios.documento_ubicar(
            documento=documento,
            carpeta=entrada.validated_data["carpeta"],
            usuario=request.user,
        )
        documento = documentos_visibles(request.user).get(pk=pk)
        return Response(
            {
                "id": documento.pk,
                "carpeta": documento.carpeta_id,
                "ubicacion": ubicacion_texto(documento),
            }
        )


class InventarioReporteApi(APIView):
    """GET ?archivo&estante&caja&estado&tipo&cuenta: counts per caja and per state, and how many
    originals are missing."""

    permiso = CUSTODIAR

    class FiltroSerializer(serializers.Serializer):
        archivo = serializers.IntegerField(required=False)
        estante = serializers.IntegerField(required=False)
        caja = serializers.CharField(required=False)
        estado = serializers.ChoiceField(choices=Documento.Estado.choices, required=False)
        tipo = serializers.IntegerField(required=False)
        cuenta = serializers.CharField(required=False)

    @extend_schema(parameters=[FiltroSerializer], responses=OpenApiTypes.OBJECT)
    def get(self, request):
        filtro = self.FiltroSerializer(data=request.query_params)
        filtro.is_valid(raise_exception=True)
        datos = reporte_inventario(request.user, filtro.validated_data)
        datos["por_caja"] = [
            {
                "archivo": f["carpeta__caja__estante__archivo__nombre"],
                "estante": f["carpeta__caja__estante__clave"],
                "caja": f["carpeta__caja__clave"],
                "total": f["total"],
                "por_estado": {v: f[f"n_{v}"] for v in Documento.Estado.values},
            }
            for f in datos["por_caja"]
        ]
        return Response(datos)


def _resultado(inventario, usuario):
    r = inventario_resultado(inventario, usuario)

    def items(lista):
        return [{k: v for k, v in item.items() if k != "legajo"} for item in lista]

    return {
        "id": inventario.pk,
        "inicio": inventario.inicio,
        "fin": inventario.fin,
        "lecturas": r["lecturas"],
        "totales": r["totales"],
        "cajas": [
            {
                "caja": f["caja"].clave,
                "encontrados": items(f["encontrados"]),
                "faltantes": items(f["faltantes"]),
                "mal_ubicados": items(f["mal_ubicados"]),
            }
            for f in r["cajas"]
        ],
        "desconocidos": [lc.codigo for lc in r["desconocidos"]],
    }


class AuditoriaIniciarApi(APIView):
    """POST: start an audit walk."""

    permiso = ADMINISTRAR

    @extend_schema(request=None, responses={201: OpenApiTypes.OBJECT})
    def post(self, request):
        inventario = servicios.inventario_iniciar(usuario=request.user)
        return Response(_resultado(inventario, request.user), status=status.HTTP_201_CREATED)


class AuditoriaApi(APIView):
    """GET: the audit's comparison: found, missing and misplaced expedientes per caja read."""

    permiso = ADMINISTRAR

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk):
        return Response(_resultado(get_object_or_404(Inventario, pk=pk), request.user))


class AuditoriaLecturaApi(APIView):
    """POST {codigo}: one code read by the scanner (caja label, expediente label or unknown)."""

    permiso = ADMINISTRAR

    @extend_schema_serializer(component_name="AuditoriaLectura")
    class EntradaSerializer(serializers.Serializer):
        codigo = serializers.CharField(max_length=100)

    @extend_schema(request=EntradaSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request, pk):
        inventario = get_object_or_404(Inventario, pk=pk)
        entrada = self.EntradaSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        lectura = servicios.lectura_registrar(
            inventario=inventario, codigo=entrada.validated_data["codigo"], usuario=request.user
        )
        return Response(
            {
                "id": lectura.pk,
                "codigo": lectura.codigo,
                "caja": lectura.caja.clave if lectura.caja_id else None,
                "legajo": lectura.legajo_id,
            },
            status=status.HTTP_201_CREATED,
        )


class AuditoriaTerminarApi(APIView):
    """POST: finish the audit; answers its result."""

    permiso = ADMINISTRAR

    @extend_schema(request=None, responses=OpenApiTypes.OBJECT)
    def post(self, request, pk):
        inventario = servicios.inventario_terminar(
            inventario=get_object_or_404(Inventario, pk=pk), usuario=request.user
        )
        return Response(_resultado(inventario, request.user))
