"""Writes of the caja: the cashier's open corte, and closing it with the count."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from cobranza.caja.models import DENOMINACIONES, CorteCaja, clave_denominacion
from cobranza.caja.selectors import totales_por_forma
from cobranza.models import Pago
from padron.dinero import CERO, formato_pesos, validar_monto
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente
from padron.sql import bloqueo_de_filas, fila

FORMAS_DECLARADAS = (
    (Pago.FormaPago.TARJETA, "tarjeta"),
    (Pago.FormaPago.CHEQUE, "cheque"),
    (Pago.FormaPago.TRANSFERENCIA, "transferencia"),
)


def _bloquear_cajero(cajero):
    # One cashier's payments and openings queue here: never two open cortes.
    get_user_model().objects.select_for_update().only("pk").get(pk=cajero.pk)


def _abierto(cajero):
    # By hand: every payment at the counter reads it (padron.sql.fila).
    return fila(
        CorteCaja,
        f"FROM {CorteCaja._meta.db_table} WHERE cajero_id = %s AND estado = %s "
        f"ORDER BY id LIMIT 1{bloqueo_de_filas()}",
        [cajero.pk, CorteCaja.Estado.ABIERTO.value],
    )


def _nuevo(cajero):
    dia = hoy()
    return CorteCaja.objects.create(
        folio=folio_siguiente(f"CC{dia:%y}", digitos=5), cajero=cajero, fecha=dia, abierto=ahora()
    )


@transaction.atomic(savepoint=False)  # inside a payment: no SAVEPOINT round trips
def corte_del_cajero(*, cajero) -> CorteCaja:
    """The cashier's open corte, locked; the first payment of its day opens one.

    Locked so that a corte being closed waits for the payment (and the payment, once the
    corte is closed, goes to a new one): no receipt is left out of a count. Only when there
    is no open corte does it take the cashier's lock and look again, so that two first
    payments never open two cortes; the usual payment locks the corte alone.
    """
    if abierto := _abierto(cajero):
        return abierto
    _bloquear_cajero(cajero)
    return _abierto(cajero) or _nuevo(cajero)


@transaction.atomic
def corte_abrir(*, cajero) -> CorteCaja:
    """Open the cashier's corte by hand (before the first payment, e.g. with the fund)."""
    if not cajero.has_perm("cobranza.registrar_pago"):
        raise ValidationError({"cajero": "Solo quien cobra en caja puede abrir un corte."})
    _bloquear_cajero(cajero)
    if abierto := _abierto(cajero):
        raise ValidationError(
            {"corte": f"Ya tiene abierto el corte {abierto.folio}; ciérrelo antes de abrir otro."}
        )
    return _nuevo(cajero)


def _piezas(conteo) -> dict[str, int]:
    piezas = {}
    for tipo, valor in DENOMINACIONES:
        clave = clave_denominacion(tipo, valor)
        texto = str(conteo.get(clave) or 0).strip() or "0"
        if not texto.isdigit():
            nombre = f"{tipo}s de {formato_pesos(valor)}"
            raise ValidationError(
                {clave: f"Escriba cuántos {nombre} contó (un número entero, 0 si ninguno)."}
            )
        piezas[clave] = int(texto)
    return piezas


def efectivo_contado(piezas: dict[str, int]) -> Decimal:
    return sum(
        (valor * piezas.get(clave_denominacion(tipo, valor), 0) for tipo, valor in DENOMINACIONES),
        CERO,
    ).quantize(Decimal("0.01"))


@transaction.atomic
def corte_cerrar(
    *,
    corte: CorteCaja,
    usuario,
    conteo: dict,
    tarjeta="0",
    cheque="0",
    transferencia="0",
    motivo_diferencia: str = "",
) -> CorteCaja:
    """Close the day: the count against the system's totals, each difference with a reason.

    The cash is counted by denomination; card (the terminal's batch), cheques and transfers
    are declared by total. The system's figures are the corte's payments still applied (one
    reversed before closing is listed, not counted). Closing is final.
    """
    corte = CorteCaja.objects.select_for_update().select_related("cajero").get(pk=corte.pk)
    if corte.cajero_id != usuario.pk and not usuario.has_perm("cobranza.supervisar_caja"):
        raise ValidationError({"corte": "Solo el cajero del corte o un supervisor puede cerrarlo."})
    if corte.estado != CorteCaja.Estado.ABIERTO:
        raise ValidationError({"corte": f"El corte {corte.folio} ya está cerrado."})
    piezas = _piezas(conteo or {})
    declarado = {
        campo: validar_monto(valor or "0", campo=campo, permitir_cero=True)
        for campo, valor in (
            ("tarjeta", tarjeta),
            ("cheque", cheque),
            ("transferencia", transferencia),
        )
    }
    sistema = totales_por_forma(corte)
    contado = efectivo_contado(piezas)
    diferencias = {"efectivo": contado - sistema[Pago.FormaPago.EFECTIVO]}
    for forma, campo in FORMAS_DECLARADAS:
        diferencias[campo] = declarado[campo] - sistema[forma]
    diferencia = sum(diferencias.values(), CERO)
    motivo_diferencia = (motivo_diferencia or "").strip()
    if any(diferencias.values()) and not motivo_diferencia:
        detalle = ", ".join(
            f"{campo}: {'sobrante' if d > 0 else 'faltante'} de {formato_pesos(abs(d))}"
            for campo, d in diferencias.items()
            if d
        )
        raise ValidationError(
            {"motivo_diferencia": f"Hay diferencias ({detalle}): indique el motivo."}
        )
    corte.conteo = piezas
    corte.efectivo_sistema, corte.efectivo_contado = sistema[Pago.FormaPago.EFECTIVO], contado
    corte.tarjeta_sistema = sistema[Pago.FormaPago.TARJETA]
    corte.cheque_sistema = sistema[Pago.FormaPago.CHEQUE]
    corte.transferencia_sistema = sistema[Pago.FormaPago.TRANSFERENCIA]
    corte.tarjeta_declarado = declarado["tarjeta"]
    corte.cheque_declarado = declarado["cheque"]
    corte.transferencia_declarado = declarado["transferencia"]
    corte.diferencia, corte.motivo_diferencia = diferencia, motivo_diferencia
    corte.estado, corte.cerrado = CorteCaja.Estado.CERRADO, ahora()
    corte._change_reason = "Cierre del corte" + (
        f": {motivo_diferencia}" if motivo_diferencia else ""
    )
    corte.save()
    return corte
