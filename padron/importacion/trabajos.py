"""Imports as background jobs: the upload is checked and stored (importacion_crear), a
Celery task runs its processor (importacion_procesar), and the progress bar reads how far
it went (importacion_avance).

Processors live with their subdomain and register by `tipo` at start-up (padron registers
the padrón; cobranza, the bank payments and the billing runs), so padron imports nothing of
the apps above it. A processor gets the Importacion and an Avance, does its work in its own
transaction and returns a Resultado. Progress goes to the cache, not to the database: the
processor's transaction would hide it from the page until the very end.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from padron.fechas import ahora
from padron.importacion.archivos import archivo_revisar
from padron.importacion.models import Importacion

INTERVALO = 0.3  # seconds between two writes of the progress


@dataclass
class Resultado:
    aceptadas: int = 0
    rechazadas: int = 0
    mensaje: str = ""
    rechazados_csv: str | None = None
    resumen: dict = field(default_factory=dict)
    escrito: bool = True  # False: the file was refused whole, nothing was written


PROCESADORES: dict[str, Callable[[Importacion, "Avance"], Resultado]] = {}
PERMISOS: dict[str, str] = {}  # tipo -> the permission to upload it and see its jobs


def registrar_procesador(tipo: str, procesador, *, permiso: str) -> None:
    PROCESADORES[tipo] = procesador
    PERMISOS[tipo] = permiso


def puede_importar(usuario, tipo) -> bool:
    return tipo in PERMISOS and usuario.has_perm(PERMISOS[tipo])


def _clave(importacion_id) -> str:
    return f"importacion:{importacion_id}:avance"


class Avance:
    """Rows done out of `total`, written to the cache at most every INTERVALO seconds."""

    def __init__(self, importacion_id, total=0):
        self.importacion_id, self.total, self.hechas, self.etapa = importacion_id, total, 0, ""
        self._escrito = 0.0

    def fijar_total(self, total, etapa=""):
        self.total, self.hechas, self.etapa = total, 0, etapa or self.etapa
        self._escribir()

    def __call__(self, filas=1, etapa=None):
        self.hechas += filas
        if etapa:
            self.etapa = etapa
        if time.monotonic() - self._escrito >= INTERVALO:
            self._escribir()

    def _escribir(self):
        self._escrito = time.monotonic()
        cache.set(
            _clave(self.importacion_id),
            {"procesadas": self.hechas, "total": self.total, "etapa": self.etapa},
            timeout=24 * 3600,
        )


def importacion_avance(importacion: Importacion) -> dict:
    """What the progress bar shows: state, rows done of the total, percentage, stage."""
    avance = cache.get(_clave(importacion.pk)) or {}
    if importacion.en_curso and avance:
        total, hechas = avance.get("total") or 0, avance.get("procesadas") or 0
        porcentaje = min(99, hechas * 100 // total) if total else 0
    else:
        total, hechas, porcentaje = (
            importacion.total,
            importacion.procesadas,
            importacion.porcentaje,
        )
    return {
        "id": importacion.pk,
        "estado": importacion.estado,
        "estado_texto": importacion.get_estado_display(),
        "en_curso": importacion.en_curso,
        "total": total,
        "procesadas": hechas,
        "porcentaje": porcentaje,
        "etapa": avance.get("etapa", ""),
        "aceptadas": importacion.aceptadas,
        "rechazadas": importacion.rechazadas,
        "mensaje": importacion.mensaje,
    }


def importacion_crear(*, tipo: str, archivo, usuario, parametros=None) -> Importacion:
    """Check the upload (size, type, encoding) and store it; nothing else is written.
    The caller queues `importacion_procesar` after the commit."""
    if tipo not in Importacion.Tipo.values or tipo not in PROCESADORES:
        raise ValidationError({"tipo": f"Tipo de importación desconocido «{tipo}»."})
    if not puede_importar(usuario, tipo):
        raise PermissionDenied("No tiene permiso para esta importación.")
    nombre = getattr(archivo, "name", "") or "archivo"
    huella = archivo_revisar(archivo, nombre)
    archivo.seek(0)
    importacion = Importacion(
        tipo=tipo,
        nombre=nombre.rsplit("/", 1)[-1][:200],
        huella=huella,
        tamano=getattr(archivo, "size", 0) or 0,
        parametros=parametros or {},
        usuario=usuario,
    )
    importacion.archivo.save(importacion.nombre, archivo, save=False)
    importacion.save()
    return importacion


def importacion_procesar(importacion_id) -> Importacion | None:
    """Run the processor of a queued import once; a second call finds it taken."""
    tomadas = Importacion.objects.filter(
        pk=importacion_id, estado=Importacion.Estado.EN_COLA
    ).update(estado=Importacion.Estado.PROCESANDO, iniciada=ahora())
    if not tomadas:
        return None
    importacion = Importacion.objects.get(pk=importacion_id)
    avance = Avance(importacion.pk)
    try:
        resultado = PROCESADORES[importacion.tipo](importacion, avance)
    except ValidationError as exc:
        resultado = Resultado(mensaje=" ".join(exc.messages), escrito=False)
    except Exception as exc:
        importacion.estado, importacion.mensaje = (
            Importacion.Estado.FALLIDA,
            f"{exc.__class__.__name__}: {exc}",
        )
        importacion.terminada = ahora()
        importacion.save(update_fields=["estado", "mensaje", "terminada"])
        raise
    _terminar(importacion, resultado, avance)
    return importacion


@transaction.atomic
def _terminar(importacion, resultado: Resultado, avance: Avance):
    importacion.estado = (
        Importacion.Estado.TERMINADA if resultado.escrito else Importacion.Estado.RECHAZADA
    )
    importacion.aceptadas, importacion.rechazadas = resultado.aceptadas, resultado.rechazadas
    importacion.total = max(avance.total, resultado.aceptadas + resultado.rechazadas)
    importacion.procesadas = importacion.total
    importacion.mensaje, importacion.resumen = resultado.mensaje, resultado.resumen
    importacion.terminada = ahora()
    if resultado.rechazados_csv:
        # utf-8 with BOM so that Excel opens the accents right
        contenido = ContentFile(("\ufeff" + resultado.rechazados_csv).encode())
        importacion.rechazados.save(f"{importacion.nombre}.rechazados.csv", contenido, save=False)
    importacion.save()
    avance.fijar_total(importacion.total)
