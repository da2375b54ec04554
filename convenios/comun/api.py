"""What the convenios API views share: permissions by any of several capabilities,
pagination, the lookups through what the user may see, and the serializers."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Cargo
from convenios.models import Alternativa, Convenio, ConvenioCargo, Negociacion, Parcialidad
from convenios.negociacion.simulacion import Terminos, campanas_vigentes, cargos_por_omision
from convenios.services.abonos import pagado_segun_libro
from padron.campos import FechaField, MontoField
from padron.dinero import CERO
from padron.fechas import hoy
from padron.permisos import TieneRol

CARTERA = OpenApiParameter("cartera", str, description="clave de la cartera")
FECHA_INVALIDA = {"invalid": "Fecha inválida; use AAAA-MM-DD."}
AUTORIZAN = ("convenios.autorizar_convenio", "convenios.autorizar_convenio_mayor")
TERMINOS = (
    "numero_parcialidades",
    "enganche",
    "descuento_recargos_pct",
    "descuento_gastos_pct",
    "descuento_principal_pct",
    "primer_vencimiento",
)


# What the views share ------------------------------------------------------------------


class TieneAlguno(TieneRol):
    """TieneRol for views that accept any one of several permissions (the view's `permisos`)."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) and any(
            request.user.has_perm(permiso) for permiso in view.permisos
        )


class Lista:
    """Lists answer in pages ({count, next, previous, results}); the schema says so too."""

    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    def paginada(self, request, filas, serializer, **contexto):
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(filas, request, view=self)
        salida = serializer(pagina, many=True, context={"request": request, **contexto})
        return paginador.get_paginated_response(salida.data)


def dinero(**opciones):
    return serializers.DecimalField(max_digits=14, decimal_places=2, **opciones)


def porcentaje(**opciones):
    return serializers.DecimalField(max_digits=6, decimal_places=2, **opciones)


def nombre_de(usuario):
    return (usuario.get_full_name() or usuario.username) if usuario else None


def _cuenta(request, numero):
    return get_object_or_404(cuentas_visibles(request.user), numero=numero)


def _convenio(request, folio):
    """The convenio with its cargos and schedule, only if its cuenta is visible (404 otherwise)."""
    return get_object_or_404(
        Convenio.objects.filter(cuenta__in=cuentas_visibles(request.user))
        .select_related(
            "cuenta__titular",
            "cuenta__cartera",
            "alternativa",
            "campana",
            "nivel_requerido",
            "capturado_por",
            "autorizado_por",
            "reemplaza",
        )
        .prefetch_related(
            Prefetch(
                "cargos_cubiertos",
                ConvenioCargo.objects.select_related("cargo").order_by(
                    "cargo__fecha_vencimiento", "cargo_id"
                ),
            ),
            Prefetch("parcialidades", Parcialidad.objects.order_by("numero")),
        ),
        folio=folio,
    )


def _cargos(cuenta, ids, dia):
    """The cargos chosen (of this cuenta and still owed), or every past-due one when none is."""
    if not ids:
        return cargos_por_omision(cuenta, dia)
    cargos = list(
        Cargo.objects.filter(cuenta=cuenta, pk__in=ids, saldo__gt=0).order_by(
            "fecha_vencimiento", "id"
        )
    )
    if len(cargos) != len(set(ids)):
        raise ValidationError(
            {"cargos": "Algunos cargos elegidos no son de esta cuenta o ya están pagados."}
        )
    return cargos


def _alternativa(cuenta, pk):
    alternativa = Alternativa.objects.filter(
        pk=pk, cartera_id=cuenta.cartera_id, activa=True
    ).first()
    if alternativa is None:
        raise ValidationError(
            {"alternativa": "La alternativa no está autorizada para la cartera de esta cuenta."}
        )
    return alternativa


def _campana(cuenta, pk, dia):
    if pk is None:
        return None
    for campana in campanas_vigentes(cuenta, dia):
        if campana.pk == pk:
            return campana
    raise ValidationError({"campana": "La campaña no está vigente para esta cuenta."})


# Serializers ---------------------------------------------------------------------------


class TerminosEntrada(serializers.Serializer):
    """The debt chosen and the terms proposed; empty terms take the alternative's default."""

    cargos = serializers.ListField(child=serializers.IntegerField(min_value=1), required=False)
    alternativa = serializers.IntegerField(required=False)
    campana = serializers.IntegerField(required=False, allow_null=True)
    numero_parcialidades = serializers.IntegerField(
        min_value=1, max_value=120, required=False, allow_null=True
    )
    enganche = MontoField(permitir_cero=True, required=False, allow_null=True)
    descuento_recargos_pct = porcentaje(min_value=0, max_value=100, required=False, allow_null=True)
    descuento_gastos_pct = porcentaje(min_value=0, max_value=100, required=False, allow_null=True)
    descuento_principal_pct = porcentaje(
        min_value=0, max_value=100, required=False, allow_null=True
    )
    primer_vencimiento = FechaField(required=False, allow_null=True)

    def terminos(self):
        return Terminos(**{campo: self.validated_data.get(campo) for campo in TERMINOS})


class Referencia(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField()


class AlternativaResumen(Referencia):
    tipo = serializers.CharField(help_text="contado, parcialidades, reestructura…")


class PlazoSalida(serializers.Serializer):
    numero = serializers.IntegerField()
    fecha_vencimiento = serializers.DateField()
    monto = dinero()


class SimulacionSalida(serializers.Serializer):
    alternativa = AlternativaResumen()
    campana = Referencia(allow_null=True)
    titulo = serializers.CharField()
    adeudo = dinero()
    descuento_recargos_pct = porcentaje(source="porcentajes.recargos")
    descuento_gastos_pct = porcentaje(source="porcentajes.gastos_ejecucion")
    descuento_principal_pct = porcentaje(source="porcentajes.principal")
    descuento = dinero()
    total = dinero()
    enganche = dinero()
    numero_parcialidades = serializers.IntegerField()
    parcialidades = PlazoSalida(many=True, source="plazos")
    requiere_autorizacion = serializers.BooleanField()
    nivel = Referencia(allow_null=True, help_text="quién debe autorizarla, si lo requiere")
    errores = serializers.DictField(
        child=serializers.CharField(), help_text="límite de la política roto, por campo"
    )


class SimulacionesSalida(serializers.Serializer):
    cuenta = serializers.CharField()
    cargos = serializers.ListField(child=serializers.IntegerField())
    simulaciones = SimulacionSalida(many=True)


class NegociacionSalida(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    usuario = serializers.SerializerMethodField()
    cargos = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    alternativas = serializers.ListField(child=serializers.DictField(), read_only=True)

    class Meta:
        model = Negociacion
        fields = [
            "id",
            "cuenta",
            "fecha",
            "usuario",
            "adeudo",
            "respuesta",
            "alternativa_elegida",
            "notas",
            "alternativas",
            "cargos",
        ]

    def get_usuario(self, negociacion) -> str:
        return nombre_de(negociacion.usuario)


class ConvenioResumen(serializers.ModelSerializer):
    cuenta = serializers.CharField(source="cuenta.numero")
    titular = serializers.CharField(source="cuenta.titular.nombre_completo")
    estado_texto = serializers.CharField(source="get_estado_display")
    alternativa = serializers.CharField(source="alternativa.nombre")
    nivel_requerido = serializers.CharField(source="nivel_requerido.nombre", default=None)
    capturado_por = serializers.SerializerMethodField()

    class Meta:
        model = Convenio
        fields = [
            "folio",
            "cuenta",
            "titular",
            "estado",
            "estado_texto",
            "alternativa",
            "adeudo",
            "descuento",
            "total",
            "enganche",
            "numero_parcialidades",
            "nivel_requerido",
            "capturado_por",
            "capturado",
        ]

    def get_capturado_por(self, convenio) -> str:
        return nombre_de(convenio.capturado_por)


class CargoCubiertoSalida(serializers.ModelSerializer):
    concepto = serializers.CharField(source="cargo.concepto")
    periodo = serializers.DateField(source="cargo.periodo", allow_null=True)
    fecha_vencimiento = serializers.DateField(source="cargo.fecha_vencimiento")
    saldo = dinero(source="cargo.saldo", help_text="saldo del cargo hoy")

    class Meta:
        model = ConvenioCargo
        fields = [
            "cargo",
            "concepto",
            "periodo",
            "fecha_vencimiento",
            "saldo_al_convenir",
            "descuento",
            "saldo",
        ]


class ParcialidadSalida(serializers.ModelSerializer):
    estado = serializers.SerializerMethodField(help_text="pagada, parcial, vencida o pendiente")
    resta = serializers.SerializerMethodField()

    class Meta:
        model = Parcialidad
        fields = ["numero", "fecha_vencimiento", "monto", "pagado", "resta", "estado"]

    def get_estado(self, parcialidad) -> str:
        return parcialidad.estado_al(self.context["dia"])

    def get_resta(self, parcialidad) -> str:
        return str(parcialidad.monto - parcialidad.pagado)


class ConvenioDetalle(ConvenioResumen):
    """The convenio with its terms, the cargos it covers and its schedule as it stands today."""

    campana = serializers.CharField(source="campana.nombre", default=None)
    reemplaza = serializers.CharField(source="reemplaza.folio", default=None)
    autorizado_por = serializers.SerializerMethodField()
    cargos = CargoCubiertoSalida(many=True, source="cargos_cubiertos")
    parcialidades = ParcialidadSalida(many=True, help_text="número 0: el enganche")
    pagado = serializers.SerializerMethodField(help_text="lo pagado según el libro")
    saldo = serializers.SerializerMethodField(help_text="lo que falta del total convenido")

    class Meta(ConvenioResumen.Meta):
        fields = ConvenioResumen.Meta.fields + [
            "campana",
            "reemplaza",
            "descuento_recargos_pct",
            "descuento_gastos_pct",
            "descuento_principal_pct",
            "periodicidad",
            "primer_vencimiento",
            "clausulas",
            "autorizado_por",
            "autorizado",
            "motivo_resolucion",
            "firmado",
            "vigente_desde",
            "terminado",
            "motivo_cancelacion",
            "cargos",
            "parcialidades",
            "pagado",
            "saldo",
        ]

    def get_autorizado_por(self, convenio) -> str | None:
        return nombre_de(convenio.autorizado_por)

    def get_pagado(self, convenio) -> str:
        return str(self.context["pagado"])

    def get_saldo(self, convenio) -> str:
        return str(convenio.total - self.context["pagado"])


def detalle(request, folio, estado=status.HTTP_200_OK):
    convenio = _convenio(request, folio)
    # Before signing nothing has been paid towards it, whatever the ledger says.
    pagado = pagado_segun_libro(convenio) if convenio.firmado else CERO
    salida = ConvenioDetalle(convenio, context={"dia": hoy(), "pagado": pagado})
    return Response(salida.data, status=estado)


# Simulation and negotiation ------------------------------------------------------------
