"""Writes of the physical location of originals: the catalogs (archivo → estante → caja →
carpeta), moving a caja to another estante, the exact place of one original, and the audit walk
(inventario) where someone scans box labels and expediente QR codes.

Documents point to their carpeta, and the carpeta to its caja: moving a caja moves everything in
it without touching a single document row."""

import re
from urllib.parse import unquote

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cobranza.archivo.selectors.expedientes import legajos_visibles
from cobranza.models import Archivo, Caja, Carpeta, Documento, Estante, Inventario, Lectura
from padron.fechas import ahora

NO_UBICABLES = (Documento.Estado.DEVUELTO, Documento.Estado.BAJA)


def _texto(valor, campo, nombre, largo):
    valor = (valor or "").strip()
    if not valor:
        raise ValidationError({campo: f"Escriba {nombre}."})
    if len(valor) > largo:
        raise ValidationError({campo: f"{nombre.capitalize()}: máximo {largo} caracteres."})
    return valor


def _guardar(objeto, usuario, campo, mensaje_duplicado):
    """Save with the user in the history; a race past the uniqueness check is still refused."""
    objeto._history_user = usuario
    try:
        with transaction.atomic():
            objeto.save()
    except IntegrityError:
        raise ValidationError({campo: mensaje_duplicado}) from None
    return objeto


# --- catálogos ---------------------------------------------------------------------------------


@transaction.atomic
def archivo_crear(*, nombre: str, domicilio: str = "", usuario) -> Archivo:
    nombre = _texto(nombre, "nombre", "el nombre del archivo", 80)
    if Archivo.objects.filter(nombre__iexact=nombre).exists():
        raise ValidationError({"nombre": f"Ya existe el archivo «{nombre}»."})
    archivo = Archivo(nombre=nombre, domicilio=(domicilio or "").strip()[:200])
    return _guardar(archivo, usuario, "nombre", f"Ya existe el archivo «{nombre}».")


@transaction.atomic
def archivo_editar(*, archivo: Archivo, nombre: str, domicilio: str = "", usuario) -> Archivo:
    archivo = Archivo.objects.select_for_update().get(pk=archivo.pk)
    nombre = _texto(nombre, "nombre", "el nombre del archivo", 80)
    if Archivo.objects.filter(nombre__iexact=nombre).exclude(pk=archivo.pk).exists():
        raise ValidationError({"nombre": f"Ya existe el archivo «{nombre}»."})
    archivo.nombre, archivo.domicilio = nombre, (domicilio or "").strip()[:200]
    return _guardar(archivo, usuario, "nombre", f"Ya existe el archivo «{nombre}».")


def _estante_repetido(archivo, clave, excepto=None):
    qs = Estante.objects.filter(archivo=archivo, clave__iexact=clave)
    if excepto is not None:
        qs = qs.exclude(pk=excepto.pk)
    if qs.exists():
        raise ValidationError({"clave": f"El archivo {archivo} ya tiene un estante {clave}."})


@transaction.atomic
def estante_crear(*, archivo: Archivo, clave: str, usuario) -> Estante:
    if archivo is None:
        raise ValidationError({"archivo": "Elija el archivo del estante."})
    clave = _texto(clave, "clave", "la clave del estante", 20)
    _estante_repetido(archivo, clave)
    mensaje = f"El archivo {archivo} ya tiene un estante {clave}."
    return _guardar(Estante(archivo=archivo, clave=clave), usuario, "clave", mensaje)


@transaction.atomic
def estante_editar(*, estante: Estante, clave: str, usuario) -> Estante:
    estante = Estante.objects.select_for_update().select_related("archivo").get(pk=estante.pk)
    clave = _texto(clave, "clave", "la clave del estante", 20)
    _estante_repetido(estante.archivo, clave, excepto=estante)
    estante.clave = clave
    mensaje = f"El archivo {estante.archivo} ya tiene un estante {clave}."
    return _guardar(estante, usuario, "clave", mensaje)


def _caja_repetida(clave, excepto=None):
    # The caja's clave is printed on its label and read back by the scanner: unique everywhere.
    qs = Caja.objects.filter(clave__iexact=clave)
    if excepto is not None:
        qs = qs.exclude(pk=excepto.pk)
    if qs.exists():
        raise ValidationError({"clave": f"Ya existe la caja {clave} (la clave es única)."})


@transaction.atomic
def caja_crear(*, estante: Estante, clave: str, descripcion: str = "", usuario) -> Caja:
    if estante is None:
        raise ValidationError({"estante": "Elija el estante de la caja."})
    clave = _texto(clave, "clave", "la clave de la caja", 20)
    _caja_repetida(clave)
    caja = Caja(estante=estante, clave=clave, descripcion=(descripcion or "").strip()[:200])
    return _guardar(caja, usuario, "clave", f"Ya existe la caja {clave} (la clave es única).")


@transaction.atomic
def caja_editar(*, caja: Caja, clave: str, descripcion: str = "", usuario) -> Caja:
    caja = Caja.objects.select_for_update().get(pk=caja.pk)
    clave = _texto(clave, "clave", "la clave de la caja", 20)
    _caja_repetida(clave, excepto=caja)
    caja.clave, caja.descripcion = clave, (descripcion or "").strip()[:200]
    return _guardar(caja, usuario, "clave", f"Ya existe la caja {clave} (la clave es única).")


@transaction.atomic
def caja_mover(*, caja: Caja, estante: Estante, usuario) -> Caja:
    """Put the caja on another estante (of any archivo). Its carpetas and the originals in them
    go with it: they point to the caja, not to the shelf."""
    if estante is None:
        raise ValidationError({"estante": "Elija el estante al que se mueve la caja."})
    caja = Caja.objects.select_for_update().get(pk=caja.pk)
    if caja.estante_id == estante.pk:
        raise ValidationError({"estante": f"La caja {caja.clave} ya está en ese estante."})
    caja.estante = estante
    caja._history_user = usuario
    caja.save(update_fields=["estante"])
    return caja


def _carpeta_repetida(caja, clave, excepto=None):
    qs = Carpeta.objects.filter(caja=caja, clave__iexact=clave)
    if excepto is not None:
        qs = qs.exclude(pk=excepto.pk)
    if qs.exists():
        raise ValidationError({"clave": f"La caja {caja.clave} ya tiene una carpeta {clave}."})


@transaction.atomic
def carpeta_crear(*, caja: Caja, clave: str, usuario) -> Carpeta:
    if caja is None:
        raise ValidationError({"caja": "Elija la caja de la carpeta."})
    clave = _texto(clave, "clave", "la clave de la carpeta", 30)
    _carpeta_repetida(caja, clave)
    mensaje = f"La caja {caja.clave} ya tiene una carpeta {clave}."
    return _guardar(Carpeta(caja=caja, clave=clave), usuario, "clave", mensaje)


@transaction.atomic
def carpeta_editar(*, carpeta: Carpeta, clave: str, usuario) -> Carpeta:
    carpeta = Carpeta.objects.select_for_update().select_related("caja").get(pk=carpeta.pk)
    clave = _texto(clave, "clave", "la clave de la carpeta", 30)
    _carpeta_repetida(carpeta.caja, clave, excepto=carpeta)
    carpeta.clave = clave
    mensaje = f"La caja {carpeta.caja.clave} ya tiene una carpeta {clave}."
    return _guardar(carpeta, usuario, "clave", mensaje)


# --- el lugar exacto de un original ---------------------------------------------------------


@transaction.atomic
def documento_ubicar(*, documento: Documento, carpeta: Carpeta | None, usuario) -> Documento:
    """Record the carpeta where the original is kept (None: not filed anywhere yet). A paper
    returned to the debtor or written off is no longer in the archive and cannot be placed."""
    documento = Documento.objects.select_for_update().get(pk=documento.pk)
    if documento.estado in NO_UBICABLES:
        raise ValidationError(
            {
                "carpeta": f"El documento está {documento.get_estado_display().lower()}; "
                "ya no está en el archivo y no se puede ubicar."
            }
        )
    documento.carpeta = carpeta
    if carpeta is not None:
        documento.original = True
    documento._history_user = usuario
    documento.save(update_fields=["carpeta", "original"])
    return documento


# --- auditoría (inventario físico) ----------------------------------------------------------

CODIGO_CAJA = re.compile(r"/archivo/cajas/(?P<clave>[^/?#]+)/?(?:[?#].*)?$")
CODIGO_EXPEDIENTE = re.compile(r"/expedientes/(?P<pk>\d+)/?(?:[?#].*)?$")


def codigo_interpretar(codigo: str, usuario) -> tuple[Caja | None, object | None]:
    """What a scanned code names: (caja, None), (None, legajo) or (None, None) if unknown.

    A caja label carries the URL of /archivo/cajas/<clave>/ (its clave alone also works, for a
    hand-typed code); an expediente label the URL of /expedientes/<pk>/."""
    codigo = codigo.strip()
    if m := CODIGO_EXPEDIENTE.search(codigo):
        return None, legajos_visibles(usuario).select_related("cuenta").filter(pk=m["pk"]).first()
    clave = unquote(m["clave"]) if (m := CODIGO_CAJA.search(codigo)) else codigo
    return Caja.objects.filter(clave__iexact=clave).first(), None


@transaction.atomic
def inventario_iniciar(*, usuario) -> Inventario:
    return Inventario.objects.create(usuario=usuario, inicio=ahora())


def _abierto(inventario):
    inventario = Inventario.objects.select_for_update().get(pk=inventario.pk)
    if inventario.fin is not None:
        raise ValidationError("Este inventario ya terminó; inicie otro.")
    return inventario


@transaction.atomic
def lectura_registrar(*, inventario: Inventario, codigo: str, usuario) -> Lectura:
    """Record one scanned code. A caja label opens that caja; an expediente read afterwards is
    recorded with the caja being walked (its `caja`), which is how a misplaced expediente is
    told apart. Unknown codes are kept too, with neither caja nor expediente."""
    inventario = _abierto(inventario)
    codigo = _texto(codigo, "codigo", "el código leído", 100)
    caja, legajo = codigo_interpretar(codigo, usuario)
    if legajo is not None:
        anterior = (
            inventario.lecturas.filter(legajo__isnull=True, caja__isnull=False)
            .order_by("-leida", "-pk")
            .first()
        )
        caja = anterior.caja if anterior else None
    return Lectura.objects.create(
        inventario=inventario, codigo=codigo, caja=caja, legajo=legajo, leida=ahora()
    )


@transaction.atomic
def inventario_terminar(*, inventario: Inventario, usuario) -> Inventario:
    inventario = _abierto(inventario)
    inventario.fin = ahora()
    inventario.save(update_fields=["fin"])
    return inventario
