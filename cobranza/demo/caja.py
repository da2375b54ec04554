"""Demo of the caja (called through `demo_sembrada`; idempotent): the cashier's morning with
each forma de pago, its corte closed with a small faltante, and an afternoon corte still open.

Payments go through the services, so they are applied, pay convenios and show on receipts."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from cobranza.caja.models import DENOMINACIONES, CorteCaja, clave_denominacion
from cobranza.caja.services import corte_cerrar
from cobranza.libro.services.pagos import pago_registrar
from padron.models import Cartera, Cuenta

D = Decimal

# (monto, forma de pago and its data); each on its own cuenta of the water cartera.
MANANA = (
    ("350.00", {"efectivo_recibido": "500.00"}),
    (
        "420.50",
        {
            "forma_pago": "tarjeta",
            "tipo_tarjeta": "debito",
            "tarjeta_ultimos": "4821",
            "autorizacion": "083215",
        },
    ),
    ("600.00", {"forma_pago": "cheque", "banco": "BBVA México", "numero_cheque": "0001873"}),
    ("275.00", {"forma_pago": "transferencia", "referencia": "DEMO-SPEI-2611180001"}),
    ("180.00", {"efectivo_recibido": "200.00"}),
)
TARDE = (
    ("150.00", {"efectivo_recibido": "150.00"}),
    (
        "95.00",
        {
            "forma_pago": "tarjeta",
            "tipo_tarjeta": "credito",
            "tarjeta_ultimos": "1190",
            "autorizacion": "554120",
        },
    ),
)
FALTANTE = D("20.00")


def _cuentas(cartera, cuantas):
    return list(
        Cuenta.objects.filter(cartera=cartera, saldo__saldo__gte=D("700.00")).order_by("numero")[
            :cuantas
        ]
    )


def _cobrar(cuenta, cajero, monto, forma):
    return pago_registrar(cuenta=cuenta, monto=monto, registrado_por=cajero, **forma)


def _conteo(efectivo: Decimal) -> dict:
    """Bills and coins that add up to `efectivo` (largest first)."""
    conteo, resto = {}, efectivo
    for tipo, valor in DENOMINACIONES:
        piezas = int(resto // valor)
        if piezas:
            conteo[clave_denominacion(tipo, valor)] = piezas
            resto -= valor * piezas
    return conteo


def caja_demo_crear(sender=None, *, carteras, **kwargs):
    cartera = next((c for c in carteras if c.tipo == Cartera.Tipo.AGUA), None)
    usuarios = {
        u.username: u for u in get_user_model().objects.filter(username__in=("caja", "supervisor"))
    }
    if cartera is None or len(usuarios) < 2 or CorteCaja.objects.exists():
        return ""
    cuentas = _cuentas(cartera, len(MANANA) + len(TARDE))
    if len(cuentas) < len(MANANA) + len(TARDE):
        return ""
    cajero = usuarios["caja"]
    with transaction.atomic():
        pagos = [
            _cobrar(cuenta, cajero, monto, forma)
            for cuenta, (monto, forma) in zip(cuentas, MANANA, strict=False)
        ]
        corte = pagos[0].corte
        efectivo = sum((p.monto for p in pagos if p.forma_pago == "efectivo"), D("0.00"))
        de = {
            forma: sum((p.monto for p in pagos if p.forma_pago == forma), D("0.00"))
            for forma in ("tarjeta", "cheque", "transferencia")
        }
        corte_cerrar(
            corte=corte,
            usuario=cajero,
            conteo=_conteo(efectivo - FALTANTE),
            tarjeta=de["tarjeta"],
            cheque=de["cheque"],
            transferencia=de["transferencia"],
            motivo_diferencia="Cambio de más entregado a un contribuyente; se avisó a supervisión.",
        )
        for cuenta, (monto, forma) in zip(cuentas[len(MANANA) :], TARDE, strict=False):
            _cobrar(cuenta, cajero, monto, forma)
    return (
        f"Caja: {len(MANANA) + len(TARDE)} cobros con cada forma de pago, el corte {corte.folio} "
        f"cerrado con un faltante de ${FALTANTE} y un corte abierto."
    )
