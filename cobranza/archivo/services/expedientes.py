"""Writes of the expedientes documentales: open one, register the papers the system generated
(through the registry other subdomains fill) and those received, the signed original coming
back, scans (kept with their hash; a replacement is a new scan, never an overwrite), and a
document's removal with a reason."""

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from cobranza.models import Documento, Escaneo, Legajo, TipoDocumento
from padron.adjuntos import adjunto_revisar
from padron.fechas import ahora, hoy

Estado = Documento.Estado


@dataclass(frozen=True)
class Generado:
    """A paper the system printed for a cuenta: `origen` identifies it ("convenio:15")."""

    origen: str
    tipo: str  # TipoDocumento.clave
    descripcion: str
    legajo: str = ""  # "" the cuenta's expediente, or a convenio's folio


# function(cuenta) -> the papers generated for it; filled by pec, credito and convenios.
GENERADORES: list[Callable[..., Iterable[Generado]]] = []


def generador(funcion):
    if funcion not in GENERADORES:
        GENERADORES.append(funcion)
    return funcion


def legajo_de(cuenta, clave: str = "") -> Legajo:
    """The cuenta's expediente documental (or that of its convenio `clave`), opened the first
    time it is needed."""
    try:
        with transaction.atomic():
            legajo, _ = Legajo.objects.get_or_create(
                cuenta=cuenta, clave=clave, defaults={"creado": ahora()}
            )
    except IntegrityError:  # opened at the same moment by someone else
        legajo = Legajo.objects.get(cuenta=cuenta, clave=clave)
    return legajo


def generados_registrar(cuenta) -> int:
    """Register the generated papers not yet in the expediente (idempotent: one row per origen,
    however many times a PDF is printed). Returns how many were new."""
    generados = [g for funcion in GENERADORES for g in funcion(cuenta)]
    if not generados:
        return 0
    tipos = {
        t.clave: t for t in TipoDocumento.objects.filter(clave__in={g.tipo for g in generados})
    }
    legajos = {clave: legajo_de(cuenta, clave) for clave in {g.legajo for g in generados}}
    ya = set(
        Documento.objects.filter(legajo__in=legajos.values())
        .exclude(origen="")
        .values_list("legajo_id", "origen")
    )
    nuevos = [
        Documento(
            legajo=legajos[g.legajo],
            tipo=tipos[g.tipo],
            descripcion=g.descripcion,
            origen=g.origen,
            registrado=ahora(),
        )
        for g in generados
        if g.tipo in tipos and (legajos[g.legajo].pk, g.origen) not in ya
    ]
    with transaction.atomic():
        Documento.objects.bulk_create(nuevos, ignore_conflicts=True)
    return len(nuevos)


def _tipo(tipo):
    if isinstance(tipo, TipoDocumento):
        return tipo
    try:
        return TipoDocumento.objects.get(pk=tipo)
    except (TipoDocumento.DoesNotExist, ValueError, TypeError):
        raise ValidationError({"tipo": "Elija un tipo de documento del catálogo."}) from None


@transaction.atomic
def documento_registrar(
    *, legajo, tipo, usuario, descripcion: str = "", original: bool = True, recibido=None
) -> Documento:
    """A paper received from the debtor (INE, comprobante, estudio socioeconómico…)."""
    recibido = recibido or (hoy() if original else None)
    if recibido and recibido > hoy():
        raise ValidationError({"recibido": "La fecha de recepción no puede ser futura."})
    documento = Documento(
        legajo=legajo,
        tipo=_tipo(tipo),
        descripcion=descripcion.strip()[:200],
        original=original,
        recibido=recibido if original else None,
        estado=Estado.RECIBIDO if original else Estado.GENERADO,
        registrado=ahora(),
        registrado_por=usuario,
    )
    documento._change_reason = "Documento recibido"
    documento.save()
    return documento


def _bloqueado(documento_id) -> Documento:
    return Documento.objects.select_for_update().select_related("legajo").get(pk=documento_id)


@transaction.atomic
def original_recibir(*, documento, usuario, recibido=None) -> Documento:
    """The signed original of a generated paper came back to the office."""
    documento = _bloqueado(documento.pk)
    recibido = recibido or hoy()
    if documento.estado in (Estado.PRESTADO, Estado.DEVUELTO, Estado.BAJA):
        raise ValidationError(
            f"No se puede recibir: el documento está {documento.get_estado_display().lower()}."
        )
    if documento.recibido:
        raise ValidationError("El original ya se había recibido.")
    if recibido > hoy():
        raise ValidationError({"recibido": "La fecha de recepción no puede ser futura."})
    documento.original, documento.recibido = True, recibido
    if documento.estado == Estado.GENERADO:
        documento.estado = Estado.RECIBIDO
    documento._change_reason = "Original firmado recibido"
    documento.save()
    return documento


TIPOS_DE_CONTENIDO = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg"}


@transaction.atomic
def escaneo_adjuntar(*, documento, archivo, usuario) -> Escaneo:
    """Store a scan (PDF, JPEG or PNG, checked by content and size) with its SHA-256."""
    adjunto_revisar(archivo, campo="archivo")
    documento = _bloqueado(documento.pk)
    if documento.estado in (Estado.DEVUELTO, Estado.BAJA):
        raise ValidationError(
            {"archivo": f"El documento está {documento.get_estado_display().lower()}."}
        )
    contenido = b"".join(archivo.chunks())
    huella = hashlib.sha256(contenido).hexdigest()
    nombre = archivo.name.rsplit("/", 1)[-1][-150:]
    extension = "." + nombre.rsplit(".", 1)[-1].lower().replace("jpeg", "jpg")
    escaneo = Escaneo(
        documento=documento,
        nombre=nombre,
        tipo_contenido=TIPOS_DE_CONTENIDO.get(extension, "application/octet-stream"),
        tamano=len(contenido),
        sha256=huella,
        subido=ahora(),
        subido_por=usuario,
    )
    escaneo.archivo.save(nombre, ContentFile(contenido), save=False)
    escaneo.save()
    if documento.estado in (Estado.GENERADO, Estado.RECIBIDO):
        documento.estado = Estado.ESCANEADO
        documento._change_reason = "Escaneado"
        documento.save(update_fields=["estado"])
    return escaneo


@transaction.atomic
def documento_dar_de_baja(*, documento, motivo: str, usuario) -> Documento:
    documento = _bloqueado(documento.pk)
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Escriba el motivo de la baja."})
    if documento.estado in (Estado.PRESTADO, Estado.DEVUELTO, Estado.BAJA):
        raise ValidationError(
            f"No se puede dar de baja: el documento está {documento.get_estado_display().lower()}."
        )
    documento.estado = Estado.BAJA
    documento._change_reason = f"Baja: {motivo}"[:100]
    documento.save()
    return documento
