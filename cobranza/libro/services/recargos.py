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

from cobranza.libro.services.aplicacion import saldo_a_favor_aplicar
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import CONCEPTOS_PRINCIPAL, Cargo, Concepto, CorridaRecargos, Servicio
from padron.dinero import CERO, redondear
from padron.fechas import ahora, hoy
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


def _entero(valor: Decimal) -> tuple[int, int]:
    """A rate as (integer, power of ten): 1.47 -> (147, 100), so SQL computes in integers."""
    escala = max(0, -valor.as_tuple().exponent)
    return int(valor.scaleb(escala)), 10**escala


def _sql_montos() -> str:
    """Per cuenta: base and recargos still owed in centavos, and the recargo in centavos.

    Integer arithmetic makes the half-up rounding exact on every database (SQLite sums
    money as floats): centavos = (2·base·tasa + d) div 2d, d = 100 × the rate's power of ten,
    the same as `recargo_calcular` on Decimals. Cuentas that already hold a recargo for the
    periodo (a manual one) are left out, so the unique constraint is never hit.
    """
    principal = ", ".join(f"'{c}'" for c in CONCEPTOS_PRINCIPAL)
    vencido = f"c.concepto IN ({principal}) AND c.fecha_vencimiento < %(limite)s"
    return f"""
        SELECT cuenta_id, base_c,
               CASE WHEN tasa_c < tope_c - pendientes_c THEN tasa_c
                    ELSE tope_c - pendientes_c END AS monto_c
        FROM (
            SELECT cuenta_id, base_c, pendientes_c,
                   (2 * base_c * CAST(%(tasa)s AS BIGINT) + CAST(%(tasa_d)s AS BIGINT))
                       / (2 * CAST(%(tasa_d)s AS BIGINT)) AS tasa_c,
                   (2 * base_c * CAST(%(tope)s AS BIGINT) + CAST(%(tope_d)s AS BIGINT))
                       / (2 * CAST(%(tope_d)s AS BIGINT)) AS tope_c
            FROM (
                SELECT c.cuenta_id,
                       CAST(ROUND(SUM(CASE WHEN {vencido} THEN c.saldo ELSE 0 END) * 100) AS BIGINT)
                           AS base_c,
                       CAST(ROUND(SUM(CASE WHEN c.concepto = 'recargo' THEN c.saldo ELSE 0 END)
                                  * 100) AS BIGINT) AS pendientes_c
                FROM cobranza_cargo c
                JOIN padron_cuenta cu ON cu.id = c.cuenta_id
                WHERE cu.cartera_id = %(cartera)s AND c.saldo > 0 AND c.estado = 'vigente'
                  AND (({vencido}) OR c.concepto = 'recargo')
                  AND NOT EXISTS (
                      SELECT 1 FROM cobranza_cargo r WHERE r.cuenta_id = c.cuenta_id
                      AND r.concepto = 'recargo' AND r.periodo = %(periodo)s)
                GROUP BY c.cuenta_id
            ) sumas
            WHERE base_c > 0
        ) montos
    """


def _sql_pesos(centavos: str) -> str:
    """SQL for formato_pesos of a positive amount in centavos: $1,234.56."""
    if connection.vendor == "postgresql":
        return f"'$' || to_char(CAST({centavos} AS numeric) / 100, 'FM999,999,999,999,990.00')"
    return f"'$' || printf('%%,d', {centavos} / 100) || '.' || printf('%%02d', {centavos} %% 100)"


def _sql_centavos_a_pesos(centavos: str) -> str:
    if connection.vendor == "postgresql":
        return f"CAST({centavos} AS numeric) / 100"
    return f"{centavos} / 100.0"  # SQLite: an integer division would drop the centavos


def _montos_por_cuenta(cartera: Cartera, periodo: date, dia: date):
    """(cuenta_id, base, monto) of every cuenta the run would charge: the SQL of the run."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT cuenta_id, base_c, monto_c FROM ({_sql_montos()}) m "
            "WHERE monto_c > 0 ORDER BY cuenta_id",
            _parametros(cartera, periodo, dia),
        )
        return [(c, Decimal(b) / CIEN, Decimal(m) / CIEN) for c, b, m in cursor.fetchall()]


def _parametros(cartera, periodo, dia) -> dict:
    tasa, tasa_d = _entero(cartera.tasa_recargo_mensual)
    tope, tope_d = _entero(cartera.tope_recargos)
    return {
        "limite": date.fromordinal(dia.toordinal() - cartera.dias_gracia_recargo),
        "tasa": tasa,
        "tasa_d": tasa_d * CIEN,
        "tope": tope,
        "tope_d": tope_d * CIEN,
        "cartera": cartera.pk,
        "periodo": periodo,
    }


def recargo_calcular(*, base, pendientes, tasa, tope) -> Decimal:
    """What one cuenta is charged: the rate on its past-due principal, within the cap."""
    recargo = redondear(base * tasa / CIEN)
    disponible = redondear(base * tope / CIEN) - pendientes
    return max(CERO, min(recargo, disponible))


def _cargos_insertar(cursor, *, cartera, periodo, dia, usuario) -> None:
    """INSERT INTO cobranza_cargo ... SELECT: one recargo per cuenta, no row in Python."""
    q = connection.ops.quote_name
    tasa = cartera.tasa_recargo_mensual
    valores = {
        "cuenta_id": "m.cuenta_id",
        "concepto": "%(concepto)s",
        "servicio": "%(servicio)s",
        "periodo": "%(periodo)s",
        "fecha_emision": "%(dia)s",
        "fecha_vencimiento": "%(dia)s",
        "monto": _sql_centavos_a_pesos("m.monto_c"),
        "saldo": _sql_centavos_a_pesos("m.monto_c"),
        "descripcion": f"%(prefijo)s || {_sql_pesos('m.base_c')} || ' de adeudo vencido'",
        "estado": "%(vigente)s",
        "registrado_por_id": "%(usuario)s",
        "creado": "%(ahora)s",
    }
    parametros = {
        **_parametros(cartera, periodo, dia),
        "concepto": Concepto.RECARGO.value,
        "servicio": Servicio.GENERAL.value,
        "dia": dia,
        "prefijo": f"Recargo {periodo:%m/%Y}: {tasa.normalize():f}% sobre ",
        "vigente": Cargo.Estado.VIGENTE.value,
        "usuario": usuario.pk if usuario else None,
        "ahora": ahora(),
    }
    # Any other NOT NULL column takes its field default, as the ORM would write it.
    for campo in Cargo._meta.concrete_fields:
        if campo.attname in valores or campo.null or campo.primary_key:
            continue
        valores[campo.attname] = f"%(omision_{campo.attname})s"
        parametros[f"omision_{campo.attname}"] = campo.get_db_prep_save(
            campo.get_default(), connection
        )
    columnas = {f.attname: f.column for f in Cargo._meta.concrete_fields}
    cursor.execute(
        f"INSERT INTO {q(Cargo._meta.db_table)} "
        f"({', '.join(q(columnas[a]) for a in valores)}) "
        f"SELECT {', '.join(valores.values())} FROM ({_sql_montos()}) m "
        "WHERE m.monto_c > 0 ORDER BY m.cuenta_id",
        parametros,
    )


# The run's own cargos: the cuentas are locked, so no other recargo of the periodo can
# appear on them, and every id the run took is above the largest before it.
NUEVOS = (
    "SELECT c.* FROM cobranza_cargo c WHERE c.id > %(antes)s AND c.concepto = 'recargo' "
    "AND c.periodo = %(periodo)s AND c.cuenta_id IN "
    "(SELECT id FROM padron_cuenta WHERE cartera_id = %(cartera)s)"
)


def _historial_insertar(cursor, nuevos, *, usuario, motivo) -> None:
    """The '+' history rows django-simple-history would write, in one INSERT ... SELECT."""
    Historico = Cargo.history.model
    q = connection.ops.quote_name
    propios = {f.attname for f in Cargo._meta.concrete_fields}
    columnas = [f for f in Historico._meta.concrete_fields if f.attname in propios]
    extra = {
        "history_date": "%(h_fecha)s",
        "history_change_reason": "%(h_motivo)s",
        "history_type": "'+'",
        "history_user_id": "%(h_usuario)s",
    }
    nombres = [q(f.column) for f in columnas] + [
        q(Historico._meta.get_field(a).column) for a in extra
    ]
    valores = [f"n.{q(f.column)}" for f in columnas] + list(extra.values())
    cursor.execute(
        f"INSERT INTO {q(Historico._meta.db_table)} ({', '.join(nombres)}) "
        f"SELECT {', '.join(valores)} FROM ({NUEVOS}) n",
        {
            **nuevos,
            "h_fecha": ahora(),
            "h_motivo": motivo,
            "h_usuario": usuario.pk if usuario else None,
        },
    )


def _saldos_sumar(cursor, nuevos, dia) -> tuple:
    """Add each new recargo to its cuenta's maintained saldo. A recargo falls due on `dia`,
    so it is not past due on a row computed for `dia` or before. Returns the run's count
    and total, the cuentas to recompute from the ledger (rows computed for a later day, i.e.
    a back-dated run, and cuentas holding saldo a favor) and, of those, the ones holding
    saldo a favor."""
    cursor.execute(
        "UPDATE cobranza_saldocuenta SET saldo = cobranza_saldocuenta.saldo + n.monto "
        f"FROM ({NUEVOS}) n WHERE cobranza_saldocuenta.cuenta_id = n.cuenta_id "
        "AND (cobranza_saldocuenta.calculado_al IS NULL "
        "OR cobranza_saldocuenta.calculado_al <= %(dia)s)",
        {**nuevos, "dia": dia},
    )
    # One read of the outcome: the totals (first row), then the cuentas to recompute.
    con_saldo = (
        "EXISTS (SELECT 1 FROM cobranza_pago p WHERE p.cuenta_id = n.cuenta_id "
        "AND p.estado = 'aplicado' AND p.remanente > 0)"
    )
    cursor.execute(
        f"SELECT 0 AS clase, COUNT(*), SUM(n.monto), NULL FROM ({NUEVOS}) n "
        f"UNION ALL SELECT 1, n.cuenta_id, NULL, {con_saldo} FROM ({NUEVOS}) n "
        "JOIN cobranza_saldocuenta s ON s.cuenta_id = n.cuenta_id "
        f"WHERE s.calculado_al > %(dia)s OR {con_saldo} ORDER BY 1",
        {**nuevos, "dia": dia},
    )
    totales, *filas = cursor.fetchall()
    return totales[1], totales[2], [f[1] for f in filas], [f[1] for f in filas if f[3]]


def _cuentas_bloquear(cursor, cartera) -> int:
    """Lock the cartera's cuentas, so payments on them wait until the recargos are in
    (PostgreSQL row locks; no 170,000 ids brought into Python), and return the largest
    cargo id before the run."""
    bloqueo = "0"
    if connection.features.has_select_for_update:
        bloqueo = (
            "(SELECT COUNT(*) FROM (SELECT 1 FROM padron_cuenta WHERE cartera_id = %s "
            "FOR UPDATE) bloqueadas)"
        )
    cursor.execute(
        f"SELECT {bloqueo}, (SELECT COALESCE(MAX(id), 0) FROM cobranza_cargo)",
        [cartera.pk] if connection.features.has_select_for_update else [],
    )
    return cursor.fetchone()[1]


@transaction.atomic
def recargos_generar(*, cartera: Cartera, periodo: date, dia=None, usuario=None) -> CorridaRecargos:
    """Charge the cartera's monthly recargo for `periodo` (one Cargo per cuenta).

    Idempotent: the CorridaRecargos row (unique per cartera and month) is taken
    first, so a second run for the same periodo charges nothing and returns the
    first run with `repetida = True`. Set-based: the cargos, their history rows and
    the saldo updates are each one INSERT/UPDATE ... SELECT, whatever the number of
    cuentas; only cuentas holding saldo a favor are visited one by one.
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

    with connection.cursor() as cursor:
        antes = _cuentas_bloquear(cursor, cartera)
        nuevos = {"antes": antes, "periodo": periodo, "cartera": cartera.pk}
        _cargos_insertar(cursor, cartera=cartera, periodo=periodo, dia=dia, usuario=usuario)
        if not cursor.rowcount:
            return corrida
        _historial_insertar(cursor, nuevos, usuario=usuario, motivo=f"Recargos {periodo:%m/%Y}")
        cuentas, total, recalcular, con_saldo_a_favor = _saldos_sumar(cursor, nuevos, dia)

    # Money already received but unapplied pays the new recargo at once, as
    # cargo_registrar does; normally no cuenta with past-due debt holds any.
    if con_saldo_a_favor:
        cuentas_con_saldo = Cuenta.objects.select_related("cartera").filter(
            pk__in=con_saldo_a_favor
        )
        for cuenta in cuentas_con_saldo.order_by("pk"):
            saldo_a_favor_aplicar(cuenta, fecha=dia)
    if recalcular:
        saldos_recalcular(cuenta_ids=recalcular)

    corrida.cuentas = cuentas
    corrida.total = redondear(total or CERO)
    corrida.save(update_fields=["cuentas", "total"])
    return corrida
