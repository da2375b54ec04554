"""Writes of the background exports: ask for a list's file (exportacion_solicitar) and write
it (exportacion_generar, run by the Celery task).

A list is frozen, so its file is written once: asking again returns the same job (or its
file); a failed job is put back in the queue; two requests at the same moment find one row
(the unique (tipo, folio, formato) and a row lock). Writing reads through `en_replica()`, so
a read replica serves it when one is configured (padron/replica.py).
"""

import logging
import tempfile
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Q

from cobranza.exportaciones.listas import TIPOS, lista_de, puede_ver
from cobranza.models import Exportacion
from cobranza.morosos.exports import EXPORTADORES
from padron.fechas import ahora
from padron.replica import en_replica

Estado = Exportacion.Estado
log = logging.getLogger(__name__)


def plazo() -> timedelta:
    """How long a job en proceso stays its worker's without writing progress."""
    return timedelta(seconds=getattr(settings, "EXPORTACIONES_PLAZO_SEGUNDOS", 300))


def _validar(tipo, formato):
    errores = {}
    if tipo not in TIPOS:
        errores["tipo"] = "Elija la lista: morosos o corte."
    if formato not in EXPORTADORES:
        errores["formato"] = "Elija el formato: csv, xlsx o pdf."
    if errores:
        raise ValidationError(errores)


def exportacion_solicitar(*, tipo: str, folio: str, formato: str, usuario) -> tuple:
    """(the job, whether it must be queued): the existing file or job of the list, or a new
    one. A failed job is retried; a job whose worker died is taken over by the next send."""
    _validar(tipo, formato)
    if not puede_ver(usuario, tipo):
        raise PermissionDenied("No tiene permiso para ver esta lista.")
    lista = lista_de(tipo, folio)
    if lista is None:
        raise ValidationError({"folio": f"No existe la {TIPOS[tipo].etiqueta.lower()} {folio}."})
    instante = ahora()
    try:
        with transaction.atomic():
            exportacion, creada = Exportacion.objects.select_for_update().get_or_create(
                tipo=tipo,
                folio=lista.folio,
                formato=formato,
                defaults={"solicitada_por": usuario, "solicitada": instante},
            )
            encolar = creada or _reintentar(exportacion, usuario, instante)
    except IntegrityError:  # another request created it between our look and our insert
        exportacion, encolar = (
            Exportacion.objects.get(tipo=tipo, folio=folio, formato=formato),
            False,
        )
    if encolar:
        from cobranza.exportaciones.tasks import generar_exportacion

        pk = exportacion.pk
        transaction.on_commit(lambda: generar_exportacion.delay(pk))
    return exportacion, encolar


def _reintentar(exportacion, usuario, instante) -> bool:
    vencida = exportacion.estado == Estado.EN_PROCESO and (
        exportacion.actualizada is None or exportacion.actualizada < instante - plazo()
    )
    if exportacion.estado == Estado.FALLIDA or vencida:
        exportacion.estado, exportacion.error, exportacion.renglones = Estado.PENDIENTE, "", 0
        exportacion.solicitada_por, exportacion.solicitada = usuario, instante
        exportacion.save(
            update_fields=["estado", "error", "renglones", "solicitada_por", "solicitada"]
        )
        return True
    # pendiente: re-send, the message may be lost (a restart of the broker); the task takes
    # the job only once.
    return exportacion.estado == Estado.PENDIENTE


def _tomar(exportacion_id) -> bool:
    """Claim the job for this worker: pending, or running with its lease expired."""
    instante = ahora()
    libre = Q(estado=Estado.PENDIENTE) | Q(
        estado=Estado.EN_PROCESO, actualizada__lt=instante - plazo()
    )
    tomadas = Exportacion.objects.filter(libre, pk=exportacion_id).update(
        estado=Estado.EN_PROCESO,
        iniciada=instante,
        actualizada=instante,
        intentos=F("intentos") + 1,
        renglones=0,
        error="",
    )
    return bool(tomadas)


def exportacion_generar(exportacion_id) -> Exportacion | None:
    """Write the list's file once. Idempotent: a job that is done, or running in a live
    worker, is left alone. Progress is one UPDATE every few thousand rows."""
    if not _tomar(exportacion_id):
        return None
    exportacion = Exportacion.objects.get(pk=exportacion_id)
    try:
        with en_replica():
            lista = lista_de(exportacion.tipo, exportacion.folio)
            tabla = TIPOS[exportacion.tipo].tabla(lista)
            Exportacion.objects.filter(pk=exportacion.pk).update(total=tabla.total_filas)
            exportador = EXPORTADORES[exportacion.formato](tabla)

            def avance(renglones):
                Exportacion.objects.filter(pk=exportacion.pk).update(
                    renglones=min(renglones, tabla.total_filas), actualizada=ahora()
                )

            with tempfile.TemporaryFile() as temporal:
                exportador.escribir(temporal, avance)
                tamano = temporal.tell()
                temporal.seek(0)
                exportacion.archivo.save(exportador.nombre_archivo, File(temporal), save=False)
    except Exception as exc:  # noqa: BLE001 (the job says it failed; the user may retry)
        log.exception("Exportación %s fallida", exportacion_id)
        Exportacion.objects.filter(pk=exportacion_id).update(
            estado=Estado.FALLIDA,
            terminada=ahora(),
            error=f"No se pudo generar el archivo ({exc.__class__.__name__}). Vuelva a pedirlo; "
            "si se repite, avise a sistemas.",
        )
        return None
    Exportacion.objects.filter(pk=exportacion.pk).update(
        estado=Estado.LISTA,
        archivo=exportacion.archivo.name,
        tamano=tamano,
        renglones=tabla.total_filas,
        total=tabla.total_filas,
        terminada=ahora(),
        actualizada=ahora(),
    )
    exportacion.refresh_from_db()
    return exportacion
