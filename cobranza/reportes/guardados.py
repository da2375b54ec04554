"""Stored reports: one row per (tipo, cartera, periodo) with its figures and its files.

A stored report says what was known at its cut-off: nothing recomputes it when later
payments arrive. Regenerating it on purpose replaces the row and its files in one step:
the new files are written first under new names, then one transaction locks the row and
points it at them (version + 1), and the old files are deleted only once that commits.
If anything fails, the row keeps its previous version and the new files are removed, so
there is never a second row nor a half-written file.
"""

import logging
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from cobranza.models import ReporteGuardado
from cobranza.reportes.registro import REPORTES, TipoReporte
from padron.fechas import ahora
from padron.models import Cartera

log = logging.getLogger(__name__)


def tipo_reporte(clave: str) -> TipoReporte:
    try:
        return REPORTES[clave]
    except KeyError:
        raise ValidationError({"tipo": f"No existe el reporte «{clave}»."}) from None


# ---- the files ---------------------------------------------------------------------
def _pdf(tipo: TipoReporte, datos: dict) -> bytes:
    from cobranza.reportes import archivos

    return archivos.reporte_pdf(tipo, datos)


def _xlsx(tipo: TipoReporte, datos: dict) -> bytes:
    from cobranza.reportes import archivos

    return archivos.reporte_xlsx(tipo, datos)


def _nombre(tipo, cartera, periodo, extension):
    # A new name on every generation: the old file stays valid until the commit.
    return (
        f"reportes/{periodo:%Y/%m}/{tipo.clave}-{cartera.clave}-{periodo:%Y-%m}-"
        f"{uuid.uuid4().hex[:10]}.{extension}"
    )


def _borrar(nombres):
    for nombre in nombres:
        if not nombre:
            continue
        try:
            default_storage.delete(nombre)
        except OSError:  # a leftover file is harmless; a failed commit is not
            log.warning("No se pudo borrar el archivo de reporte %s", nombre)


def _escribir(tipo, cartera, periodo, contenidos: dict) -> dict:
    """Save each file under a new name; on any failure remove the ones already written."""
    escritos = {}
    try:
        for extension, contenido in contenidos.items():
            nombre = _nombre(tipo, cartera, periodo, extension)
            escritos[extension] = default_storage.save(nombre, ContentFile(contenido))
    except BaseException:
        _borrar(escritos.values())
        raise
    return escritos


# ---- generation --------------------------------------------------------------------
def reporte_generar(
    *, tipo: str, cartera: Cartera, periodo: date, usuario=None, archivos: bool = True
) -> ReporteGuardado:
    """Compute the report, render its PDF and XLSX and store them, replacing any previous
    version atomically. `archivos=False` stores only the figures (the files are rendered
    from them on first download: `reporte_archivos_completar`)."""
    clase = tipo_reporte(tipo)
    periodo = periodo.replace(day=1)
    datos = clase.calcular(cartera, periodo)
    contenidos = {"pdf": _pdf(clase, datos), "xlsx": _xlsx(clase, datos)} if archivos else {}
    nuevos = _escribir(clase, cartera, periodo, contenidos)
    try:
        return _guardar(clase, cartera, periodo, datos, nuevos, usuario)
    except BaseException:
        _borrar(nuevos.values())
        raise


def _guardar(clase, cartera, periodo, datos, nuevos, usuario):
    valores = {
        "datos": datos,
        "pdf": nuevos.get("pdf", ""),
        "xlsx": nuevos.get("xlsx", ""),
        "generado": ahora(),
        "generado_por": usuario,
    }
    with transaction.atomic():
        reporte, creado = ReporteGuardado.objects.select_for_update().get_or_create(
            tipo=clase.clave, cartera=cartera, periodo=periodo, defaults=valores
        )
        if not creado:
            viejos = [reporte.pdf.name, reporte.xlsx.name]
            for campo, valor in valores.items():
                setattr(reporte, campo, valor)
            reporte.version += 1
            reporte.save()
            transaction.on_commit(lambda: _borrar(viejos))
    return reporte


def reporte_archivos_completar(reporte: ReporteGuardado) -> ReporteGuardado:
    """Render the files of a report stored without them, from its stored figures (so they
    say the same as the row). Nothing happens if another request already did it."""
    clase = tipo_reporte(reporte.tipo)
    if reporte.pdf and reporte.xlsx:
        return reporte
    contenidos = {"pdf": _pdf(clase, reporte.datos), "xlsx": _xlsx(clase, reporte.datos)}
    nuevos = _escribir(clase, reporte.cartera, reporte.periodo, contenidos)
    try:
        with transaction.atomic():
            fila = ReporteGuardado.objects.select_for_update().get(pk=reporte.pk)
            if fila.pdf and fila.xlsx:
                transaction.on_commit(lambda: _borrar(nuevos.values()))
                return fila
            fila.pdf, fila.xlsx = nuevos["pdf"], nuevos["xlsx"]
            fila.save(update_fields=["pdf", "xlsx"])
            return fila
    except BaseException:
        _borrar(nuevos.values())
        raise


def reporte_guardado(*, tipo: str, cartera: Cartera, periodo: date, usuario=None):
    """The stored report, generated (figures only) the first time it is asked for."""
    existente = ReporteGuardado.objects.filter(
        tipo=tipo, cartera=cartera, periodo=periodo.replace(day=1)
    ).first()
    if existente is not None:
        return existente
    return reporte_generar(
        tipo=tipo, cartera=cartera, periodo=periodo, usuario=usuario, archivos=False
    )


def reportes_del_mes(periodo: date, *, usuario=None, reemplazar: bool = False) -> list:
    """Every registered report type for every active cartera. Those already stored are
    kept unless `reemplazar` (a retry of the monthly task does not redo finished work);
    stored without files, their files are rendered now."""
    periodo = periodo.replace(day=1)
    guardados = []
    for cartera in Cartera.objects.filter(activa=True).order_by("clave"):
        existentes = {
            r.tipo: r for r in ReporteGuardado.objects.filter(cartera=cartera, periodo=periodo)
        }
        for clave, tipo in REPORTES.items():
            if not tipo.aplica(cartera):
                continue
            reporte = existentes.get(clave)
            if reporte is None or reemplazar:
                reporte = reporte_generar(
                    tipo=clave, cartera=cartera, periodo=periodo, usuario=usuario
                )
            else:
                reporte = reporte_archivos_completar(reporte)
            guardados.append(reporte)
    return guardados


def contenido_de(archivo) -> bytes:
    """The bytes of a stored file (FieldFile)."""
    archivo.open("rb")
    try:
        return archivo.read()
    finally:
        archivo.close()
