"""Carga inicial (go-live): the debt and the payments an organismo brings from its previous
system, posted so that recargos, aging, morosos and reports work from day one on the real
past. Load the historic pagos first, then the historic cargos (docs/facturacion.md).

- Pagos históricos become pagos of channel «histórico» with their dates, unapplied.
- Cargos históricos become cargos with their dates and `monto`; their saldo is the
  `saldo pendiente` of the file at the cut-over date. What was already paid of each cargo
  (monto − saldo pendiente) is explained in the ledger: first by the cuenta's historic pagos,
  oldest first, as aplicaciones dated the day of each pago; whatever no loaded pago explains
  (paid before the history that was exported) as an ajuste «pagado antes de la carga
  inicial» dated the day before the cut-over. A historic pago left over stays as saldo a
  favor, as it was.
"""

from collections import defaultdict
from datetime import timedelta

from django.db import connection
from django.db.models import F
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from cobranza.facturacion.models import RenglonFacturacion
from cobranza.facturacion.services.publicacion import _historial
from cobranza.models import Ajuste, Aplicacion, Cargo, Pago
from padron.fechas import ahora

LOTE_CUENTAS = 2000
VALIDAS = "r.corrida_id = %s AND r.valido = %s"


def pagos_historicos_publicar(*, corrida, usuario) -> int:
    """Write the run's valid rows as historic pagos (unapplied until the cargos come)."""
    renglones, pagos = RenglonFacturacion._meta.db_table, Pago._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {pagos} (cuenta_id, folio, fecha, monto, remanente, canal, referencia, "
            f"estado, clave_idempotencia, registrado_por_id, corrida_id, registrado) "
            # folio HIS<corrida>-<fila>: the row of the file it came from
            f"SELECT r.cuenta_id, 'HIS' || r.corrida_id || '-' || r.fila, r.fecha, r.monto, "
            f"r.monto, %s, r.referencia, %s, NULL, %s, "
            f"%s, %s FROM {renglones} r WHERE {VALIDAS} ORDER BY r.fila",
            [
                Pago.Canal.HISTORICO,
                Pago.Estado.APLICADO,
                usuario.pk,
                corrida.pk,
                ahora(),
                corrida.pk,
                True,
            ],
        )
        creados = cursor.rowcount
    _historial(
        Pago,
        "corrida_id = %s",
        [corrida.pk],
        motivo=f"Carga inicial: pagos históricos (corrida {corrida.pk})",
        usuario=usuario,
    )
    return creados


def cargos_historicos_publicar(*, corrida, usuario) -> int:
    """Write the run's valid rows as cargos with their saldo pendiente, and explain what each
    had already been paid (historic pagos first, then an ajuste de carga inicial)."""
    renglones, cargos = RenglonFacturacion._meta.db_table, Cargo._meta.db_table
    descripcion = f"Carga inicial del sistema anterior (corrida {corrida.pk})"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {cargos} (cuenta_id, concepto, servicio, periodo, fecha_emision, "
            f"fecha_vencimiento, monto, saldo, volumen_m3, descripcion, estado, registrado_por_id, "
            f"autorizado_por_id, corrida_id, creado) SELECT r.cuenta_id, r.concepto, r.servicio, "
            f"r.periodo, r.fecha, r.fecha_vencimiento, r.monto, r.saldo_pendiente, NULL, %s, "
            f"'vigente', %s, %s, %s, %s FROM {renglones} r WHERE {VALIDAS} ORDER BY r.fila",
            [descripcion, corrida.subida_por_id, usuario.pk, corrida.pk, ahora(), corrida.pk, True],
        )
        creados = cursor.rowcount
    _historial(Cargo, "corrida_id = %s", [corrida.pk], motivo=descripcion, usuario=usuario)
    _explicar_lo_pagado(corrida, usuario)
    return creados


def _explicar_lo_pagado(corrida, usuario):
    cuentas = list(
        Cargo.objects.filter(corrida=corrida, saldo__lt=F("monto"))
        .values_list("cuenta_id", flat=True)
        .distinct()
        .order_by("cuenta_id")
    )
    antes_del_corte = corrida.fecha_corte - timedelta(days=1)
    for inicio in range(0, len(cuentas), LOTE_CUENTAS):
        lote = cuentas[inicio : inicio + LOTE_CUENTAS]
        pagos = defaultdict(list)
        for pago in Pago.objects.filter(
            cuenta_id__in=lote,
            canal=Pago.Canal.HISTORICO,
            estado=Pago.Estado.APLICADO,
            remanente__gt=0,
        ).order_by("fecha", "id"):
            pagos[pago.cuenta_id].append(pago)
        aplicaciones, ajustes, tocados = [], [], set()
        for cargo in Cargo.objects.filter(
            corrida=corrida, cuenta_id__in=lote, saldo__lt=F("monto")
        ).order_by("cuenta_id", "fecha_vencimiento", "id"):
            por_explicar = cargo.monto - cargo.saldo
            for pago in pagos[cargo.cuenta_id]:
                if por_explicar <= 0:
                    break
                parte = min(pago.remanente, por_explicar)
                if parte <= 0:
                    continue
                aplicaciones.append(
                    Aplicacion(pago=pago, cargo=cargo, monto=parte, fecha=pago.fecha)
                )
                pago.remanente -= parte
                por_explicar -= parte
                tocados.add(pago)
            if por_explicar > 0:
                ajustes.append(
                    Ajuste(
                        cargo=cargo,
                        tipo=Ajuste.Tipo.CARGA_INICIAL,
                        monto=por_explicar,
                        fecha=antes_del_corte,
                        motivo="Pagado antes de la carga inicial (según el sistema anterior)",
                        autorizado_por=usuario,
                        corrida=corrida,
                    )
                )
        Aplicacion.objects.bulk_create(aplicaciones)
        if tocados:
            bulk_update_with_history(
                list(tocados),
                Pago,
                ["remanente"],
                default_user=usuario,
                default_change_reason="Carga inicial: aplicado a cargos históricos",
            )
        if ajustes:
            bulk_create_with_history(
                ajustes, Ajuste, default_user=usuario, default_change_reason="Carga inicial"
            )
