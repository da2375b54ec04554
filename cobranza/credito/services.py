"""The educational credit in the ledger: the schedule (tabla de amortización) generated when
recovery starts, each month's capital and interest charged when their month comes, the notice
of start of recovery, and the rewrite of the rest of the schedule on a reprogramación.

The schedule, for a capital P, a monthly rate i = tasa anual / 12 / 100 and n months:
- pago fijo (francés): the payment c = P·i / (1 − (1 + i)^−n), half-up to the centavo
  (P / n when i = 0); each month interés = saldo·i to the centavo, capital = c − interés;
- capital constante: capital = P / n to the centavo, interés = saldo·i;
and in both the last month takes whatever capital is left, so the capitals add up to P
exactly and no amount is negative.
"""

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction

from cobranza.credito.models import ParcialidadCredito, TablaAmortizacion
from cobranza.facturacion.services.publicacion import _historial
from cobranza.libro.services.aplicacion import saldo_a_favor_aplicar
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import Cargo, Concepto, Pago, Servicio
from padron.auditoria import usuario_sistema
from padron.beneficiarios.models import CreditoEducativo, Tramite
from padron.beneficiarios.services import dispuesto
from padron.dinero import CERO, redondear
from padron.fechas import ahora, hoy, sumar_meses
from padron.models import Cartera, Cuenta
from padron.notificaciones import backends

CIEN = Decimal("100")
DOCE = Decimal("12")
MIL_DOSCIENTOS = DOCE * CIEN
TERMINADAS = (
    CreditoEducativo.Etapa.EGRESADO,
    CreditoEducativo.Etapa.BAJA,
    CreditoEducativo.Etapa.CONCLUIDO,
    CreditoEducativo.Etapa.CANCELADO,
)


@dataclass(frozen=True)
class Renglon:
    numero: int
    vencimiento: date
    capital: Decimal
    interes: Decimal
    pago: Decimal
    saldo_insoluto: Decimal


def _vencimiento(primero: date, k: int, dia: int) -> date:
    """The k-th month after the first due date, on the same day (or the month's last)."""
    mes = sumar_meses(primero.replace(day=1), k)
    return mes.replace(day=min(dia, calendar.monthrange(mes.year, mes.month)[1]))


def tabla_calcular(
    *, capital, tasa_anual, plazo, primer_vencimiento, metodo=Cartera.MetodoAmortizacion.FRANCES
) -> list[Renglon]:
    """The schedule, exact to the centavo (see the module's docstring)."""
    capital, tasa = redondear(capital), Decimal(str(tasa_anual))
    if capital <= 0:
        raise ValidationError(
            {"capital": "No hay capital que recuperar: no se ha liberado ninguna ministración."}
        )
    if not isinstance(plazo, int) or plazo < 1:
        raise ValidationError({"plazo_meses": "El plazo debe ser de al menos un mes."})
    i = tasa / DOCE / CIEN
    if metodo == Cartera.MetodoAmortizacion.FRANCES:
        cuota = (
            redondear(capital * i / (1 - (1 + i) ** -plazo))
            if i > 0
            else redondear(capital / plazo)
        )
    else:
        cuota = redondear(capital / plazo)
    dia = primer_vencimiento.day
    saldo, renglones = capital, []
    for k in range(plazo):
        # saldo × tasa ÷ 1200 divides once: saldo × (tasa ÷ 1200) would round the rate first
        interes = redondear(saldo * tasa / MIL_DOSCIENTOS)
        if k == plazo - 1:
            parte = saldo
        elif metodo == Cartera.MetodoAmortizacion.FRANCES:
            parte = min(saldo, max(CERO, cuota - interes))
        else:
            parte = min(saldo, cuota)
        saldo -= parte
        renglones.append(
            Renglon(
                k + 1,
                _vencimiento(primer_vencimiento, k, dia),
                parte,
                interes,
                parte + interes,
                saldo,
            )
        )
    return renglones


@transaction.atomic
def tabla_generar(
    *, cuenta: Cuenta, capital, tasa_anual, plazo, primer_vencimiento, usuario, motivo, metodo=None
) -> TablaAmortizacion:
    """Store a schedule as the cuenta's current one (the previous version stops being it)."""
    metodo = metodo or cuenta.cartera.metodo_amortizacion
    renglones = tabla_calcular(
        capital=capital,
        tasa_anual=tasa_anual,
        plazo=plazo,
        primer_vencimiento=primer_vencimiento,
        metodo=metodo,
    )
    anterior = (
        TablaAmortizacion.objects.select_for_update().filter(cuenta=cuenta, vigente=True).first()
    )
    version = 1
    if anterior:
        anterior.vigente = False
        anterior._history_user, anterior._change_reason = usuario, motivo
        anterior.save(update_fields=["vigente"])
        version = anterior.version + 1
    tabla = TablaAmortizacion(
        cuenta=cuenta,
        version=version,
        capital=redondear(capital),
        tasa_anual=Decimal(str(tasa_anual)),
        plazo_meses=plazo,
        metodo=metodo,
        primer_vencimiento=primer_vencimiento,
        motivo=motivo[:250],
        generada_por=usuario,
    )
    tabla._history_user = usuario
    tabla.save()
    ParcialidadCredito.objects.bulk_create(
        ParcialidadCredito(tabla=tabla, **r.__dict__) for r in renglones
    )
    return tabla


def recuperacion_iniciar(
    *, credito: CreditoEducativo, usuario, dia=None
) -> TablaAmortizacion | None:
    """Recovery starts: the schedule from what was disbursed, the cuenta's rate and term, the
    first payment due on the cartera's day of the inicio de recuperación's month; the
    egresado is told (e-mail/SMS) and the letter can be printed."""
    cuenta = credito.cuenta
    if TablaAmortizacion.objects.filter(cuenta=cuenta, vigente=True).exists():
        return None
    capital = dispuesto(credito)
    if capital <= 0:
        return None
    cartera = cuenta.cartera
    primer = cuenta.inicio_recuperacion.replace(day=cartera.dia_vencimiento_credito)
    with transaction.atomic():
        tabla = tabla_generar(
            cuenta=cuenta,
            capital=capital,
            tasa_anual=cuenta.tasa_interes_anual or 0,
            plazo=cuenta.plazo_meses or 12,
            primer_vencimiento=primer,
            usuario=usuario,
            motivo="Inicio de la recuperación",
        )
        credito.etapa = CreditoEducativo.Etapa.RECUPERACION
        credito._history_user, credito._change_reason = usuario, "Inicio de la recuperación"
        credito.save(update_fields=["etapa"])
        transaction.on_commit(lambda: aviso_enviar(tabla=tabla))
    return tabla


def aviso_enviar(*, tabla: TablaAmortizacion) -> int:
    """The notice of start of recovery, through every notification backend with a destination."""
    titular = tabla.cuenta.titular
    primera = tabla.parcialidades.order_by("numero").first()
    asunto = "Inicio de la recuperación de su crédito educativo"
    mensaje = (
        f"{titular.nombre_completo}: la recuperación de su crédito (cuenta {tabla.cuenta.numero}) "
        f"empieza. Su primera mensualidad de ${primera.pago:,.2f} vence el "
        f"{primera.vencimiento:%d/%m/%Y}; son {tabla.plazo_meses} mensualidades. "
        "Acuda a ventanilla para cualquier aclaración."
    )
    enviados = 0
    for backend in backends():
        destino = backend.destino(titular)
        if destino:
            backend.enviar(destino, asunto, mensaje)
            enviados += 1
    return enviados


def recuperaciones_iniciar(*, dia=None, usuario=None) -> int:
    """Daily: start the recovery of every credit whose inicio de recuperación has come."""
    dia = dia or hoy()
    usuario = usuario or usuario_sistema()
    iniciadas = 0
    pendientes = (
        CreditoEducativo.objects.filter(etapa__in=TERMINADAS, cuenta__inicio_recuperacion__lte=dia)
        .exclude(cuenta__tablas__vigente=True)
        .select_related("cuenta__cartera", "cuenta__titular")
    )
    for credito in pendientes:
        if recuperacion_iniciar(credito=credito, usuario=usuario, dia=dia):
            iniciadas += 1
    return iniciadas


@transaction.atomic
def tabla_reprogramar(
    *, cuenta: Cuenta, plazo, usuario, motivo, tasa_anual=None, dia=None
) -> TablaAmortizacion | None:
    """A new calendar for what is not yet charged: the capital of the current schedule's
    months not yet posted, over the new term, from the first of them."""
    dia = dia or hoy()
    tabla = TablaAmortizacion.objects.filter(cuenta=cuenta, vigente=True).first()
    if tabla is None:
        return None
    restantes = tabla.parcialidades.filter(cargos__isnull=True).order_by("numero")
    primero = restantes.first()
    if primero is None:
        raise ValidationError(
            {"plazo_meses": "Ya se cobraron todas las mensualidades; no hay qué reprogramar."}
        )
    capital = sum((p.capital for p in restantes), CERO)
    return tabla_generar(
        cuenta=cuenta,
        capital=capital,
        tasa_anual=tabla.tasa_anual if tasa_anual is None else tasa_anual,
        plazo=plazo,
        primer_vencimiento=max(primero.vencimiento, dia),
        usuario=usuario,
        motivo=motivo,
        metodo=tabla.metodo,
    )


def al_aplicar_tramite(sender, tramite, usuario, **kwargs):
    """A reprogramación rewrites the rest of the schedule (padron's signal)."""
    if tramite.tipo == Tramite.Tipo.REPROGRAMACION:
        tabla_reprogramar(
            cuenta=tramite.credito.cuenta,
            plazo=tramite.datos["plazo_meses"],
            tasa_anual=tramite.datos.get("tasa_interes_anual") or None,
            usuario=usuario,
            motivo=f"Reprogramación {tramite.folio}",
            dia=tramite.fecha_efectiva,
        )


# --- each month's charges -----------------------------------------------------------------


@transaction.atomic
def mensualidades_publicar(*, dia=None, usuario=None) -> int:
    """Charge, as cargos of capital and interés, every month of a current schedule that falls
    due in `dia`'s month or before and is not charged yet. Set-based: one INSERT … SELECT per
    concepto and one for their history; the database keeps each month charged once."""
    dia = dia or hoy()
    usuario = usuario or usuario_sistema()
    hasta = sumar_meses(dia.replace(day=1), 1)
    cargos, parcialidades, tablas = (
        Cargo._meta.db_table,
        ParcialidadCredito._meta.db_table,
        TablaAmortizacion._meta.db_table,
    )
    momento = ahora()
    # Emission and periodo: the 1st of the due month, so it shows "por vencer" until its day.
    primero = (
        "date_trunc('month', p.vencimiento)::date"
        if connection.vendor == "postgresql"
        else "date(p.vencimiento, 'start of month')"
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {cargos}")
        antes = cursor.fetchone()[0]
        for concepto, columna in ((Concepto.INTERES, "interes"), (Concepto.CAPITAL, "capital")):
            cursor.execute(
                f"INSERT INTO {cargos} (cuenta_id, concepto, servicio, periodo, fecha_emision, "
                f"fecha_vencimiento, monto, saldo, volumen_m3, descripcion, estado, registrado_por_id, "
                f"autorizado_por_id, corrida_id, parcialidad_credito_id, creado) "
                f"SELECT t.cuenta_id, %s, %s, {primero}, {primero}, p.vencimiento, p.{columna}, "
                f"p.{columna}, NULL, 'Mensualidad ' || p.numero || ' de ' || t.plazo_meses || ' del crédito', "
                f"'vigente', %s, NULL, NULL, p.id, %s FROM {parcialidades} p JOIN {tablas} t ON t.id = p.tabla_id "
                f"WHERE t.vigente = %s AND p.vencimiento < %s AND p.{columna} > 0 AND NOT EXISTS ("
                f"SELECT 1 FROM {cargos} g WHERE g.parcialidad_credito_id = p.id AND g.concepto = %s) "
                f"ORDER BY t.cuenta_id, p.numero",
                [concepto, Servicio.CREDITO, usuario.pk, momento, True, hasta, concepto],
            )
        cursor.execute(f"SELECT COUNT(*) FROM {cargos} WHERE id > %s", [antes])
        nuevos = cursor.fetchone()[0]
    if not nuevos:
        return 0
    _historial(
        Cargo,
        "id > %s AND parcialidad_credito_id IS NOT NULL",
        [antes],
        motivo="Mensualidad del crédito",
        usuario=usuario,
    )
    nuevas = Cargo.objects.filter(pk__gt=antes, parcialidad_credito__isnull=False)
    con_saldo_a_favor = Cuenta.objects.select_related("cartera").filter(
        pk__in=Pago.objects.filter(
            cuenta_id__in=nuevas.values("cuenta_id"),
            estado=Pago.Estado.APLICADO,
            remanente__gt=0,
        ).values("cuenta_id")
    )
    for cuenta in con_saldo_a_favor:
        saldo_a_favor_aplicar(cuenta, fecha=dia)
    saldos_recalcular(
        cuenta_ids=list(nuevas.order_by().values_list("cuenta_id", flat=True).distinct()), dia=dia
    )
    return nuevos


def por_vencer(cuenta) -> list:
    """The months of the current schedule not charged yet (cartera por vencer)."""
    tabla = TablaAmortizacion.objects.filter(cuenta=cuenta, vigente=True).first()
    if tabla is None:
        return []
    return list(tabla.parcialidades.filter(cargos__isnull=True).order_by("numero"))
