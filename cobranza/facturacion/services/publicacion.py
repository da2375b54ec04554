"""From a reviewed run to the cartera, and back: the gran consumidor's readings validated
one by one, the run authorised and posted by someone who did not upload it, rejected, or
cancelled whole while nothing has been paid (OOMAPAS IX, XXII).

Posting is set-based: one INSERT … SELECT per concepto writes the cargos from the staged
rows, one more writes their history rows, then the social discounts are booked, saldo a
favor pays what it can, and the maintained balances are recomputed, all in one
transaction. A run posts once: the run row is locked, a posted run answers as it is, and
the database keeps one posted run per cartera and periodo.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Sum

from cobranza.facturacion.models import CorridaFacturacion, RenglonFacturacion
from cobranza.facturacion.services.corridas import CONCEPTO_DE_COLUMNA, Tipo
from cobranza.libro.services.aplicacion import saldo_a_favor_aplicar
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago, Servicio
from padron.auditoria import actuando_como
from padron.fechas import ahora, hoy
from padron.models import Cuenta
from padron.texto import cantidad

Estado = CorridaFacturacion.Estado
Revision = RenglonFacturacion.Revision
PERMISO = "cobranza.autorizar_facturacion"
SERVICIO_DE_COLUMNA = {
    "agua": Servicio.AGUA,
    "drenaje": Servicio.DRENAJE,
    "saneamiento": Servicio.SANEAMIENTO,
    "iva": Servicio.GENERAL,
    "otros": Servicio.GENERAL,
}


def _motivo(motivo):
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo."})
    return motivo[:250]


def _exigir_autorizador(corrida, usuario, accion):
    if not usuario.has_perm(PERMISO):
        raise PermissionDenied(f"No tiene permiso para {accion} corridas de facturación.")
    if usuario.pk == corrida.subida_por_id:
        raise ValidationError(
            {
                "autorizada_por": f"Quien cargó la corrida no puede {accion}la: se necesita otra persona."
            }
        )


# --- the gran consumidor's readings ------------------------------------------------------


@transaction.atomic
def renglon_revisar(
    *,
    renglon: RenglonFacturacion,
    decision: str,
    usuario,
    motivo="",
    lectura_actual=None,
    consumo_m3=None,
    importes=None,
) -> RenglonFacturacion:
    """Accept a gran consumidor's reading, correct it (with a reason: the new reading and
    consumption, and the amounts if they change) or hold the bill out of this run."""
    renglon = (
        RenglonFacturacion.objects.select_for_update().select_related("corrida").get(pk=renglon.pk)
    )
    if renglon.corrida.estado != Estado.EN_REVISION:
        raise ValidationError({"corrida": "La corrida ya no está en revisión."})
    if not usuario.has_perm("cobranza.cargar_facturacion") and not usuario.has_perm(PERMISO):
        raise PermissionDenied("No tiene permiso para validar lecturas.")
    if not renglon.gran_consumidor:
        raise ValidationError(
            {"renglon": "Solo las lecturas de grandes consumidores se validan una por una."}
        )
    if decision not in (Revision.ACEPTADA, Revision.CORREGIDA, Revision.RETENIDA):
        raise ValidationError({"decision": "Elija aceptar, corregir o retener."})
    if decision != Revision.ACEPTADA:
        motivo = _motivo(motivo)
    if decision == Revision.CORREGIDA:
        if lectura_actual is None or consumo_m3 is None:
            raise ValidationError({"consumo_m3": "Indique la lectura y el consumo corregidos."})
        if consumo_m3 < 0 or lectura_actual < 0:
            raise ValidationError(
                {"consumo_m3": "La lectura y el consumo no pueden ser negativos."}
            )
        renglon.originales = {
            **renglon.originales,
            "antes": {
                "lectura_actual": str(renglon.lectura_actual),
                "consumo_m3": str(renglon.consumo_m3),
                **{c: str(getattr(renglon, c)) for c in CONCEPTO_DE_COLUMNA},
            },
        }
        renglon.lectura_actual, renglon.consumo_m3 = lectura_actual, consumo_m3
        for columna, importe in (importes or {}).items():
            if columna not in CONCEPTO_DE_COLUMNA or importe is None or importe < 0:
                raise ValidationError({columna: "Importe no válido."})
            setattr(renglon, columna, importe)
        if renglon.importe <= 0:
            raise ValidationError({"agua": "La factura corregida no tiene importe."})
    renglon.revision, renglon.revision_motivo = decision, motivo
    renglon.revisado_por, renglon.revisado = usuario, ahora()
    renglon._history_user = usuario
    renglon._change_reason = f"Validación de gran consumidor: {renglon.get_revision_display()}"
    renglon.save()
    _retotalizar(renglon.corrida)
    return renglon


def _retotalizar(corrida):
    from cobranza.facturacion.services.corridas import _totalizar

    _totalizar(corrida)


# --- authorise and post -------------------------------------------------------------------


def _columnas(modelo):
    return [f.column for f in modelo._meta.concrete_fields if not f.primary_key]


def _historial(modelo, filtro, parametros, *, motivo, usuario, tipo="+"):
    """The history rows of the rows `filtro` selects, written in one statement."""
    columnas = ["id", *_columnas(modelo)]
    historica = modelo.history.model._meta.db_table
    lista = ", ".join(columnas)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {historica} ({lista}, history_date, history_change_reason, "
            f"history_type, history_user_id) SELECT {lista}, %s, %s, %s, %s "
            f"FROM {modelo._meta.db_table} WHERE {filtro}",
            [ahora(), motivo, tipo, usuario.pk if usuario else None, *parametros],
        )


def _publicar_facturas(corrida, usuario, dia):
    renglones, cargos = RenglonFacturacion._meta.db_table, Cargo._meta.db_table
    descripcion = f"Facturación {corrida.periodo:%m/%Y} (corrida {corrida.pk})"
    creados = 0
    with connection.cursor() as cursor:
        for columna, concepto in CONCEPTO_DE_COLUMNA.items():
            volumen = "r.consumo_m3" if columna == "agua" else "NULL"
            cursor.execute(
                f"INSERT INTO {cargos} (cuenta_id, concepto, servicio, periodo, fecha_emision, "
                f"fecha_vencimiento, monto, saldo, volumen_m3, descripcion, estado, "
                f"registrado_por_id, autorizado_por_id, corrida_id, creado) "
                f"SELECT r.cuenta_id, %s, %s, r.periodo, "
                f"CASE WHEN r.fecha_vencimiento < %s THEN r.fecha_vencimiento ELSE %s END, "
                f"r.fecha_vencimiento, r.{columna}, r.{columna}, {volumen}, %s, 'vigente', "
                f"%s, %s, %s, %s FROM {renglones} r "
                f"WHERE r.corrida_id = %s AND r.valido = %s AND r.revision <> %s AND r.{columna} > 0 "
                f"ORDER BY r.fila",
                [
                    concepto,
                    SERVICIO_DE_COLUMNA[columna],
                    dia,
                    dia,
                    descripcion,
                    corrida.subida_por_id,
                    usuario.pk,
                    corrida.pk,
                    ahora(),
                    corrida.pk,
                    True,
                    Revision.RETENIDA,
                ],
            )
            creados += cursor.rowcount
    _historial(Cargo, "corrida_id = %s", [corrida.pk], motivo=descripcion, usuario=usuario)
    return creados


def _cuentas_de(corrida):
    return list(
        RenglonFacturacion.objects.filter(corrida=corrida, valido=True, cuenta__isnull=False)
        .values_list("cuenta_id", flat=True)
        .distinct()
    )


def _saldos(cuenta_ids, dia):
    # SQLite caps the parameters of one statement; large runs recompute every cuenta.
    maximo = connection.features.max_query_params
    if len(cuenta_ids) > 2000 or (maximo and len(cuenta_ids) * 4 > maximo):
        saldos_recalcular(dia=dia)
    elif cuenta_ids:
        saldos_recalcular(cuenta_ids=cuenta_ids, dia=dia)


def _saldo_a_favor(corrida, dia, usuario):
    """Money already received but unapplied pays the new cargos at once (as cargo_registrar).

    On PostgreSQL the common case is set-based: for the cuentas whose only pending cargos are
    this run's, the pagos' remanentes (oldest first) are laid over the cargos (by due date,
    then id: the prelación inside the principal) and each overlap is an aplicación, written
    in one statement. Other cuentas, and every cuenta on SQLite (whose sums are floats), go
    one by one through the ledger's own service."""
    renglones, pagos, cargos = (
        RenglonFacturacion._meta.db_table,
        Pago._meta.db_table,
        Cargo._meta.db_table,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT p.cuenta_id FROM {pagos} p JOIN {renglones} r ON r.cuenta_id = p.cuenta_id "
            f"WHERE r.corrida_id = %s AND r.valido = %s AND p.estado = %s AND p.remanente > 0",
            [corrida.pk, True, Pago.Estado.APLICADO],
        )
        candidatas = [fila[0] for fila in cursor.fetchall()]
        if not candidatas:
            return
        simples = set()
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT c FROM unnest(%s::bigint[]) AS c WHERE NOT EXISTS (SELECT 1 FROM {cargos} g "
                f"WHERE g.cuenta_id = c AND g.saldo > 0 AND g.estado = 'vigente' "
                f"AND g.corrida_id IS DISTINCT FROM %s)",
                [candidatas, corrida.pk],
            )
            simples = {fila[0] for fila in cursor.fetchall()}
    if simples:
        _saldo_a_favor_en_lote(corrida, sorted(simples), dia, usuario)
    for cuenta in Cuenta.objects.select_related("cartera").filter(
        pk__in=[c for c in candidatas if c not in simples]
    ):
        saldo_a_favor_aplicar(cuenta, fecha=dia)


def _saldo_a_favor_en_lote(corrida, cuenta_ids, dia, usuario):
    aplicaciones, pagos, cargos = (
        Aplicacion._meta.db_table,
        Pago._meta.db_table,
        Cargo._meta.db_table,
    )
    list(
        Pago.objects.select_for_update()
        .filter(cuenta_id__in=cuenta_ids, remanente__gt=0)
        .values_list("id")
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {aplicaciones}")
        antes = cursor.fetchone()[0]
        cursor.execute(
            f"""
            WITH credito AS (
              SELECT id AS pago_id, cuenta_id,
                     SUM(remanente) OVER (PARTITION BY cuenta_id ORDER BY fecha, id) - remanente AS desde,
                     SUM(remanente) OVER (PARTITION BY cuenta_id ORDER BY fecha, id) AS hasta
              FROM {pagos} WHERE cuenta_id = ANY(%s) AND estado = %s AND remanente > 0
            ), deuda AS (
              SELECT id AS cargo_id, cuenta_id,
                     SUM(saldo) OVER (PARTITION BY cuenta_id ORDER BY fecha_vencimiento, id) - saldo AS desde,
                     SUM(saldo) OVER (PARTITION BY cuenta_id ORDER BY fecha_vencimiento, id) AS hasta
              FROM {cargos} WHERE corrida_id = %s AND cuenta_id = ANY(%s) AND saldo > 0
            )
            INSERT INTO {aplicaciones} (pago_id, cargo_id, monto, fecha, reversion_id)
            SELECT c.pago_id, d.cargo_id, LEAST(c.hasta, d.hasta) - GREATEST(c.desde, d.desde), %s, NULL
            FROM credito c JOIN deuda d ON d.cuenta_id = c.cuenta_id
             AND c.desde < d.hasta AND d.desde < c.hasta
            ORDER BY c.pago_id, d.cargo_id
            """,
            [cuenta_ids, Pago.Estado.APLICADO, corrida.pk, cuenta_ids, dia],
        )
        cursor.execute(
            f"UPDATE {cargos} g SET saldo = g.saldo - a.total FROM (SELECT cargo_id, SUM(monto) AS total "
            f"FROM {aplicaciones} WHERE id > %s GROUP BY cargo_id) a WHERE g.id = a.cargo_id",
            [antes],
        )
        cursor.execute(
            f"UPDATE {pagos} p SET remanente = p.remanente - a.total FROM (SELECT pago_id, SUM(monto) AS total "
            f"FROM {aplicaciones} WHERE id > %s GROUP BY pago_id) a WHERE p.id = a.pago_id",
            [antes],
        )
    motivo = f"Saldo a favor aplicado a la facturación (corrida {corrida.pk})"
    filtro = f"id IN (SELECT {{}} FROM {aplicaciones} WHERE id > %s)"
    _historial(Cargo, filtro.format("cargo_id"), [antes], motivo=motivo, usuario=usuario, tipo="~")
    _historial(Pago, filtro.format("pago_id"), [antes], motivo=motivo, usuario=usuario, tipo="~")


@transaction.atomic
def corrida_autorizar(*, corrida: CorridaFacturacion, usuario, dia=None) -> CorridaFacturacion:
    """Authorise a reviewed run and post it to the cartera. Someone other than who uploaded
    it, with the authorising right; every gran consumidor validated; each valid row becomes
    its cargos (or pagos), with the social discounts, saldo a favor and balances updated.
    A posted run answers unchanged: posting twice posts once."""
    corrida = (
        CorridaFacturacion.objects.select_for_update().select_related("cartera").get(pk=corrida.pk)
    )
    if corrida.estado == Estado.PUBLICADA:
        corrida.repetida = True
        return corrida
    if corrida.estado != Estado.EN_REVISION:
        raise ValidationError(
            {
                "corrida": f"La corrida está {corrida.get_estado_display().lower()}; no se puede autorizar."
            }
        )
    _exigir_autorizador(corrida, usuario, "autorizar")
    pendientes = corrida.renglones.filter(revision=Revision.PENDIENTE).count()
    if pendientes:
        raise ValidationError(
            {
                "renglones": f"Faltan {cantidad(pendientes, 'lectura')} de grandes consumidores por validar."
            }
        )
    if corrida.validas == 0:
        raise ValidationError({"corrida": "La corrida no tiene filas válidas que aplicar."})
    dia = dia or hoy()
    cuenta_ids = _cuentas_de(corrida)
    # Payments on these cuentas wait until the run is in (PostgreSQL row locks).
    if len(cuenta_ids) <= 2000:
        list(
            Cuenta.objects.select_for_update()
            .filter(pk__in=cuenta_ids)
            .values_list("id", flat=True)
        )
    else:
        list(
            Cuenta.objects.select_for_update()
            .filter(cartera=corrida.cartera)
            .values_list("id", flat=True)
        )
    with actuando_como(usuario):  # the history rows written by the ledger's services name them
        _publicar(corrida, usuario, dia, cuenta_ids)
    corrida.estado, corrida.autorizada_por, corrida.autorizada = Estado.PUBLICADA, usuario, ahora()
    corrida._history_user = usuario
    corrida._change_reason = "Autorizada y aplicada a la cartera"
    corrida.save()
    corrida.repetida = False
    return corrida


def _publicar(corrida, usuario, dia, cuenta_ids):
    from cobranza.facturacion.services import carga_inicial, descuentos

    if corrida.tipo == Tipo.FACTURACION:
        if CorridaFacturacion.objects.filter(
            cartera=corrida.cartera,
            periodo=corrida.periodo,
            tipo=Tipo.FACTURACION,
            estado=Estado.PUBLICADA,
        ).exists():
            raise ValidationError(
                {"periodo": f"El periodo {corrida.periodo:%m/%Y} ya está facturado."}
            )
        corrida.cargos_creados = _publicar_facturas(corrida, usuario, dia)
        corrida.descuentos = descuentos.descuentos_aplicar(
            corrida=corrida, dia=dia, usuario=usuario
        )
        _saldo_a_favor(corrida, dia, usuario)
    elif corrida.tipo == Tipo.CARGOS_HISTORICOS:
        corrida.cargos_creados = carga_inicial.cargos_historicos_publicar(
            corrida=corrida, usuario=usuario
        )
    else:
        corrida.cargos_creados = carga_inicial.pagos_historicos_publicar(
            corrida=corrida, usuario=usuario
        )
    _saldos(cuenta_ids, dia)


@transaction.atomic
def corrida_rechazar(*, corrida: CorridaFacturacion, usuario, motivo) -> CorridaFacturacion:
    """The approver sends a run back: nothing is posted; the file may be loaded again."""
    corrida = CorridaFacturacion.objects.select_for_update().get(pk=corrida.pk)
    if corrida.estado != Estado.EN_REVISION:
        raise ValidationError({"corrida": "Solo una corrida en revisión se rechaza."})
    _exigir_autorizador(corrida, usuario, "rechazar")
    corrida.estado, corrida.motivo = Estado.RECHAZADA, _motivo(motivo)
    corrida.cancelada_por, corrida.cancelada = usuario, ahora()
    corrida._history_user = usuario
    corrida._change_reason = f"Rechazada: {corrida.motivo}"
    corrida.save()
    return corrida


@transaction.atomic
def corrida_cancelar(
    *, corrida: CorridaFacturacion, usuario, motivo, dia=None
) -> CorridaFacturacion:
    """Undo a posted run as a whole while no payment has been applied to its cargos: each
    cargo keeps its row, is marked cancelado and its saldo goes to zero through an ajuste
    de cancelación with the reason; balances return to what they were."""
    corrida = CorridaFacturacion.objects.select_for_update().get(pk=corrida.pk)
    if corrida.estado != Estado.PUBLICADA:
        raise ValidationError({"corrida": "Solo una corrida aplicada se cancela."})
    if not usuario.has_perm(PERMISO):
        raise PermissionDenied("No tiene permiso para cancelar corridas de facturación.")
    if corrida.tipo == Tipo.PAGOS_HISTORICOS:
        raise ValidationError(
            {"corrida": "Los pagos históricos no se cancelan en bloque; revierta cada pago."}
        )
    motivo = _motivo(motivo)
    dia = dia or hoy()
    cuenta_ids = list(corrida.cargos.values_list("cuenta_id", flat=True).distinct())
    list(
        Cuenta.objects.select_for_update()
        .filter(pk__in=cuenta_ids[:2000])
        .values_list("id", flat=True)
    )
    pagado = Aplicacion.objects.filter(cargo__corrida=corrida).aggregate(total=Sum("monto"))[
        "total"
    ]
    if pagado and pagado > 0:
        pagados = (
            Aplicacion.objects.filter(cargo__corrida=corrida)
            .values("cargo")
            .annotate(neto=Sum("monto"))
            .filter(neto__gt=0)
            .count()
        )
        raise ValidationError(
            {
                "corrida": f"Ya se aplicaron pagos a {cantidad(pagados, 'cargo')} de esta corrida; "
                "revierta esos pagos antes de cancelarla."
            }
        )
    texto = f"Cancelación de la corrida {corrida.pk}: {motivo}"
    ajustes, cargos = Ajuste._meta.db_table, Cargo._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ajustes} (cargo_id, tipo, monto, fecha, motivo, autorizado_por_id, "
            f"corrida_id, descuento_social_id, registrado) SELECT id, %s, saldo, %s, %s, %s, %s, NULL, %s "
            f"FROM {cargos} WHERE corrida_id = %s AND saldo > 0",
            [
                Ajuste.Tipo.CANCELACION,
                dia,
                texto[:250],
                usuario.pk,
                corrida.pk,
                ahora(),
                corrida.pk,
            ],
        )
        _historial(
            Ajuste,
            "corrida_id = %s AND tipo = %s",
            [corrida.pk, Ajuste.Tipo.CANCELACION],
            motivo=texto,
            usuario=usuario,
        )
        cursor.execute(
            f"UPDATE {cargos} SET saldo = 0, estado = %s WHERE corrida_id = %s",
            [Cargo.Estado.CANCELADO, corrida.pk],
        )
    _historial(Cargo, "corrida_id = %s", [corrida.pk], motivo=texto, usuario=usuario, tipo="~")
    _saldos(cuenta_ids, dia)
    corrida.estado, corrida.motivo = Estado.CANCELADA, motivo
    corrida.cancelada_por, corrida.cancelada = usuario, ahora()
    corrida._history_user = usuario
    corrida._change_reason = texto
    corrida.save()
    return corrida
