"""Recargos: the monthly charge on past-due principal, set-based for a whole cartera.

For each cuenta of the cartera, on the day `dia` of the run:

    base      = saldo of its principal cargos (agua, drenaje, saneamiento, capital,
                interés) whose due date plus the cartera's días de gracia is before `dia`
    recargo   = base × tasa_recargo_mensual / 100, rounded half-up to the centavo
    tope      = base × tope_recargos / 100, rounded the same way
    cargado   = min(recargo, tope − recargos still owed), when more than zero

Recargos, gastos and multas are never part of the base (no recargo on recargos).
docs/libro.md has a worked example.
"""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Case, DecimalField, Exists, OuterRef, Q, Sum, When
from simple_history.utils import bulk_create_with_history

from cobranza.libro.services.aplicacion import saldo_a_favor_aplicar
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import CONCEPTOS_PRINCIPAL, Cargo, Concepto, CorridaRecargos, Pago, Servicio
from padron.dinero import CERO, formato_pesos, redondear
from padron.fechas import hoy
from padron.models import Cartera, Cuenta

CIEN = 100


def periodo_leer(texto: str) -> date:
    """'2026-10' (or '10/2026') -> date(2026, 10, 1), or a ValidationError naming `periodo`."""
    texto = (texto or "").strip()
    for separador, orden in (("-", (0, 1)), ("/", (1, 0))):
        partes = texto.split(separador)
        if len(partes) == 2 and all(p.isdigit() for p in partes):
            anio, mes = int(partes[orden[0]]), int(partes[orden[1]])
            if 2000 <= anio <= 2100 and 1 <= mes <= 12:
                return date(anio, mes, 1)
    raise ValidationError(
        {"periodo": f"Periodo no válido «{texto}»; use aaaa-mm (p. ej. 2026-10)."}
    )


def _montos_por_cuenta(cartera: Cartera, periodo: date, dia: date):
    """ONE aggregate over the cartera's owed cargos: (cuenta_id, base, recargos pendientes).

    Cuentas that already hold a recargo for the periodo (a manual one, or an earlier
    run) are left out, so the unique constraint on recargos is never hit.
    """
    limite = date.fromordinal(dia.toordinal() - cartera.dias_gracia_recargo)
    dinero = DecimalField(max_digits=14, decimal_places=2)
    principal_vencido = Q(concepto__in=CONCEPTOS_PRINCIPAL, fecha_vencimiento__lt=limite)
    ya_tiene = Cargo.objects.filter(
        cuenta_id=OuterRef("cuenta_id"), concepto=Concepto.RECARGO, periodo=periodo
    )
    return (
        Cargo.objects.filter(cuenta__cartera=cartera, saldo__gt=0, estado=Cargo.Estado.VIGENTE)
        .filter(principal_vencido | Q(concepto=Concepto.RECARGO))
        .exclude(Exists(ya_tiene))
        .values("cuenta_id")
        .annotate(
            base=Sum(
                Case(When(principal_vencido, then="saldo"), default=CERO, output_field=dinero)
            ),
            pendientes=Sum(
                Case(
                    When(concepto=Concepto.RECARGO, then="saldo"),
                    default=CERO,
                    output_field=dinero,
                )
            ),
        )
        .filter(base__gt=0)
        .order_by("cuenta_id")
        .values_list("cuenta_id", "base", "pendientes")
    )


def recargo_calcular(*, base, pendientes, tasa, tope) -> Decimal:
    """What one cuenta is charged: the rate on its past-due principal, within the cap."""
    recargo = redondear(base * tasa / CIEN)
    disponible = redondear(base * tope / CIEN) - pendientes
    return max(CERO, min(recargo, disponible))


def _recalcular(cuenta_ids):
    # SQLite caps the parameters of one statement; the IN list appears four times.
    maximo = connection.features.max_query_params
    if maximo and len(cuenta_ids) * 4 > maximo:
        return saldos_recalcular()
    return saldos_recalcular(cuenta_ids=cuenta_ids)


@transaction.atomic
def recargos_generar(*, cartera: Cartera, periodo: date, dia=None, usuario=None) -> CorridaRecargos:
    """Charge the cartera's monthly recargo for `periodo` (one Cargo per cuenta).

    Idempotent: the CorridaRecargos row (unique per cartera and month) is taken
    first, so a second run for the same periodo charges nothing and returns the
    first run with `repetida = True`. Set-based: one aggregate, one bulk insert of
    the cargos and their history, one balance recomputation, whatever the number
    of cuentas; only cuentas holding saldo a favor are visited one by one.
    """
    periodo = periodo.replace(day=1)
    dia = dia or hoy()
    if periodo > dia.replace(day=1):
        raise ValidationError({"periodo": "No se pueden cobrar recargos de un mes futuro."})
    try:
        with transaction.atomic():
            corrida = CorridaRecargos.objects.create(cartera=cartera, periodo=periodo)
    except IntegrityError:
        corrida = CorridaRecargos.objects.get(cartera=cartera, periodo=periodo)
        corrida.repetida = True
        return corrida
    corrida.repetida = False

    # Payments on these cuentas wait until the recargos are in (PostgreSQL row locks).
    list(Cuenta.objects.select_for_update().filter(cartera=cartera).values_list("id", flat=True))

    tasa, tope = cartera.tasa_recargo_mensual, cartera.tope_recargos
    cargos = []
    for cuenta_id, base, pendientes in _montos_por_cuenta(cartera, periodo, dia):
        monto = recargo_calcular(base=base, pendientes=pendientes, tasa=tasa, tope=tope)
        if monto <= CERO:
            continue
        cargos.append(
            Cargo(
                cuenta_id=cuenta_id,
                concepto=Concepto.RECARGO,
                servicio=Servicio.GENERAL,
                periodo=periodo,
                fecha_emision=dia,
                fecha_vencimiento=dia,
                monto=monto,
                saldo=monto,
                descripcion=f"Recargo {periodo:%m/%Y}: {tasa.normalize():f}% sobre "
                f"{formato_pesos(base)} de adeudo vencido",
                registrado_por=usuario,
            )
        )
    if not cargos:
        return corrida
    bulk_create_with_history(
        cargos,
        Cargo,
        default_user=usuario,
        default_change_reason=f"Recargos {periodo:%m/%Y}",
    )
    cuenta_ids = [c.cuenta_id for c in cargos]

    # Money already received but unapplied pays the new recargo at once, as
    # cargo_registrar does; normally no cuenta with past-due debt holds any.
    con_saldo_a_favor = set(
        Pago.objects.filter(
            cuenta__cartera=cartera, estado=Pago.Estado.APLICADO, remanente__gt=0
        ).values_list("cuenta_id", flat=True)
    ) & set(cuenta_ids)
    for cuenta in Cuenta.objects.select_related("cartera").filter(pk__in=con_saldo_a_favor):
        saldo_a_favor_aplicar(cuenta, fecha=dia)
    _recalcular(cuenta_ids)

    corrida.cuentas = len(cargos)
    corrida.total = sum((c.monto for c in cargos), CERO)
    corrida.save(update_fields=["cuentas", "total"])
    return corrida
