"""/api/v1/ of the ledger: the front desk (search, estado de cuenta, payments with
Idempotency-Key) and the supervisor's ledger work (reversals, ajustes, extraordinary cargos)."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from cobranza.facturacion.api import CargoPropuestoSalida
from cobranza.facturacion.services.extraordinarios import TIPO_DE_CONCEPTO, cargo_proponer
from cobranza.libro.selectors import (
    ETIQUETAS,
    cargo_para_ajustar,
    cuenta_visible_id,
    cuentas_buscar,
    cuentas_permitidas,
    cuentas_visibles,
    estado_de_cuenta,
    movimientos_autorizados,
    pago_para_revertir,
    rango_de_fechas,
)
from cobranza.libro.services.ajustes import ajuste_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar, pago_revertir
from cobranza.libro.services.recargos import periodo_leer
from cobranza.models import Ajuste, Cargo, Concepto, Pago, ReversionPago, Servicio
from padron.campos import FechaField, MontoField
from padron.fechas import hoy
from padron.models import Cuenta
from padron.personas import nombre_persona


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


def _dinero_o_nulo(valor):
    return None if valor is None else str(valor)


def _aplicaciones(pago):
    # A pago just registered carries them (with their cargos): nothing to read again.
    registradas = getattr(pago, "aplicaciones_registradas", None)
    return pago.aplicaciones.select_related("cargo") if registradas is None else registradas


def recibo(pago):
    return {
        "folio": pago.folio,
        "cuenta": pago.cuenta.numero,
        "fecha": pago.fecha,
        "monto": str(pago.monto),
        "remanente": str(pago.remanente),
        "canal": pago.canal,
        "referencia": pago.referencia,
        "forma_pago": pago.forma_pago,
        "efectivo_recibido": _dinero_o_nulo(pago.efectivo_recibido),
        "cambio": _dinero_o_nulo(pago.cambio),
        "tipo_tarjeta": pago.tipo_tarjeta,
        "tarjeta_ultimos": pago.tarjeta_ultimos,
        "autorizacion": pago.autorizacion,
        "banco": pago.banco,
        "numero_cheque": pago.numero_cheque,
        "corte": pago.corte.folio if pago.corte_id else None,
        "registrado_por": pago.registrado_por.username if pago.registrado_por_id else None,
        "registrado_por_nombre": nombre_persona(pago.registrado_por),
        "aplicaciones": [
            {
                "cargo": a.cargo_id,
                "concepto": a.cargo.concepto,
                "periodo": a.cargo.periodo,
                "monto": str(a.monto),
            }
            for a in _aplicaciones(pago)
        ],
        "saldo_despues": str(pago.cuenta.saldo.saldo),
    }


@extend_schema_serializer(component_name="Recibo")
class ReciboSalida(serializers.Serializer):
    """What a receipt says (the schema of `recibo()`)."""

    folio = serializers.CharField()
    cuenta = serializers.CharField()
    fecha = serializers.DateField()
    monto = serializers.DecimalField(max_digits=14, decimal_places=2)
    remanente = serializers.DecimalField(max_digits=14, decimal_places=2)
    canal = serializers.CharField(help_text="caja, banco, transferencia o historico")
    referencia = serializers.CharField(help_text="La referencia capturada (SPEI, banco).")
    forma_pago = serializers.ChoiceField(choices=Pago.FormaPago.choices)
    efectivo_recibido = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="Solo efectivo en caja."
    )
    cambio = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True, help_text="efectivo_recibido − monto"
    )
    tipo_tarjeta = serializers.CharField(help_text="debito o credito (tarjeta)")
    tarjeta_ultimos = serializers.CharField(help_text="últimos 4 dígitos (tarjeta)")
    autorizacion = serializers.CharField(help_text="número de autorización (tarjeta)")
    banco = serializers.CharField(help_text="banco del cheque")
    numero_cheque = serializers.CharField()
    corte = serializers.CharField(allow_null=True, help_text="folio del corte de caja")
    registrado_por = serializers.CharField(allow_null=True)
    registrado_por_nombre = serializers.CharField()
    aplicaciones = serializers.ListField(child=serializers.DictField())
    saldo_despues = serializers.DecimalField(max_digits=14, decimal_places=2)


class PagosApi(APIView):
    """POST a payment; the same user repeating its Idempotency-Key (also racing the original)
    gets the first receipt (200, `Idempotency-Replayed: true`) instead of paying twice. Keys are
    per user: another user's same key is its own payment (docs/libro.md).

    forma_pago: efectivo (efectivo_recibido optional, ≥ monto; the change comes back in
    `cambio`), tarjeta (tipo_tarjeta, tarjeta_ultimos, autorizacion), cheque (banco,
    numero_cheque) or transferencia (referencia: the SPEI tracking key). Without forma_pago a
    transferencia channel means a transfer and any other, cash. A payment in caja goes into
    the cashier's open corte de caja.
    """

    permiso = "cobranza.registrar_pago"

    @extend_schema_serializer(component_name="PagoEntrada")
    class InputSerializer(serializers.Serializer):
        monto = MontoField()
        canal = serializers.ChoiceField(choices=Pago.Canal.choices, default=Pago.Canal.CAJA)
        referencia = serializers.CharField(
            max_length=60, required=False, allow_blank=True, default=""
        )
        fecha = FechaField(required=False, futura=False)
        forma_pago = serializers.ChoiceField(
            choices=Pago.FormaPago.choices, required=False, allow_null=True, default=None
        )
        efectivo_recibido = MontoField(required=False, allow_null=True, default=None)
        tipo_tarjeta = serializers.ChoiceField(
            choices=Pago.TipoTarjeta.choices, required=False, allow_blank=True, default=""
        )
        tarjeta_ultimos = serializers.CharField(
            max_length=4, required=False, allow_blank=True, default=""
        )
        autorizacion = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default=""
        )
        banco = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
        numero_cheque = serializers.CharField(
            max_length=20, required=False, allow_blank=True, default=""
        )

    @extend_schema(
        request=InputSerializer,
        responses={200: ReciboSalida, 201: ReciboSalida},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                location=OpenApiParameter.HEADER,
                description="Clave del envío (hasta 80 caracteres), única por usuario: si el "
                "mismo usuario la repite, se devuelve el pago original (200) sin cobrar dos "
                "veces; otro usuario con la misma clave registra su propio pago.",
            ),
            OpenApiParameter(
                "Idempotency-Replayed",
                location=OpenApiParameter.HEADER,
                enum=["true"],
                response=[200],
                description="Presente (true) cuando la respuesta es el pago original de una "
                "clave repetida: no se registró un pago nuevo.",
            ),
        ],
    )
    def post(self, request, numero):
        # Checked before the database, whose column would refuse it with a 500.
        if len(request.headers.get("Idempotency-Key", "")) > 80:
            raise serializers.ValidationError(
                {"Idempotency-Key": ["La clave de idempotencia no puede pasar de 80 caracteres."]}
            )
        # Only its id: the payment locks and reads the cuenta, and sets its saldo.
        cuenta_id = cuenta_visible_id(request.user, numero)
        if cuenta_id is None:
            raise Http404
        datos = self.InputSerializer(data=request.data)
        datos.is_valid(raise_exception=True)
        clave = request.headers.get("Idempotency-Key") or None
        pago = pago_registrar(
            cuenta=Cuenta(pk=cuenta_id),
            registrado_por=request.user,
            clave_idempotencia=clave,
            **datos.validated_data,
        )
        # Decided by the service, not by a look beforehand: a retry racing its original
        # is a replay too.
        if getattr(pago, "repetido", False):
            return Response(
                recibo(pago), status=status.HTTP_200_OK, headers={"Idempotency-Replayed": "true"}
            )
        return Response(recibo(pago), status=status.HTTP_201_CREATED)


class PagoApi(APIView):
    permiso = "padron.ver_padron"

    @extend_schema(responses=ReciboSalida)
    def get(self, request, folio):
        pago = get_object_or_404(
            Pago.objects.select_related("cuenta__saldo", "corte", "registrado_por"),
            folio=folio,
            cuenta__in=cuentas_visibles(request.user),
        )
        return Response(recibo(pago))


# --- ledger work of the supervisor: reversals, ajustes, extraordinary cargos, the list ---
#
# Thin views: validate the input, call one service, answer with what was written.
# Errors go through config.api.manejar_error ({"error": {codigo, mensaje, campos}}).
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
        monto = MontoField(required=False, allow_null=True)
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
    """A cargo on the cuenta (POST).

    Body: {concepto, monto, fecha_vencimiento, periodo? ('aaaa-mm'), descripcion,
    volumen_m3?, servicio?}. A billing concepto is written at once (201, the cargo).
    An extraordinary cargo, a multa or a reconexión is only proposed (202, the proposal
    with its folio): it touches no balance until another person authorises it
    (/api/v1/cargos-propuestos/). Recargos only come from the monthly run.
    """

    permiso = "cobranza.registrar_cargo"

    @extend_schema_serializer(component_name="CargoExtraordinarioEntrada")
    class InputSerializer(serializers.Serializer):
        concepto = serializers.ChoiceField(
            choices=[(c, e) for c, e in Concepto.choices if c != Concepto.RECARGO]
        )
        servicio = serializers.ChoiceField(choices=Servicio.choices, required=False)
        monto = MontoField()
        fecha_vencimiento = FechaField()
        periodo = serializers.CharField(required=False, allow_blank=True)
        descripcion = serializers.CharField(max_length=250)
        volumen_m3 = serializers.DecimalField(
            max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
        )

        def validate_periodo(self, valor):
            return periodo_leer(valor) if valor else None

    OutputSerializer = CargoSalida

    @extend_schema(request=InputSerializer, responses={201: CargoSalida, 202: CargoPropuestoSalida})
    def post(self, request, numero):
        cuenta = cuentas_permitidas(request.user).filter(numero=numero).first()
        if cuenta is None:
            raise Http404
        entrada = self.InputSerializer(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        if datos["concepto"] in TIPO_DE_CONCEPTO:
            propuesta = cargo_proponer(
                cuenta=cuenta,
                tipo=TIPO_DE_CONCEPTO[datos["concepto"]],
                monto=datos["monto"],
                fecha_vencimiento=datos["fecha_vencimiento"],
                descripcion=datos["descripcion"],
                usuario=request.user,
            )
            return Response(CargoPropuestoSalida(propuesta).data, status=status.HTTP_202_ACCEPTED)
        cargo = cargo_registrar(cuenta=cuenta, registrado_por=request.user, **datos)
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
