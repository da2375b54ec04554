"""Reads of the physical archive: the location tree with its counts, what a caja holds, the
inventory by location and state, the missing originals, and the result of an audit walk.

Every count is one GROUP BY; documents are read through documentos_visibles, so a user only
ever sees the papers of the cuentas he may see."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Prefetch, Q

from cobranza.archivo.selectors.expedientes import documentos_visibles, legajos_visibles
from cobranza.models import Archivo, Caja, Carpeta, Documento, Estante, Legajo
from padron.fechas import ahora

EN_ARCHIVO = ~Q(estado__in=(Documento.Estado.DEVUELTO, Documento.Estado.BAJA))

# The papers whose signed original must come back to the archive.
TIPOS_CON_ORIGINAL = ("convenio", "pagare", "contrato_credito")


def ubicacion_texto(documento) -> str:
    """ "Archivo Central · estante A · caja C-01 · carpeta 3", or "" if the original is not
    filed. Needs carpeta__caja__estante__archivo selected (documentos_visibles does it)."""
    carpeta = documento.carpeta
    if carpeta is None:
        return ""
    caja = carpeta.caja
    estante = caja.estante
    return (
        f"{estante.archivo.nombre} · estante {estante.clave} · caja {caja.clave}"
        f" · carpeta {carpeta.clave}"
    )


def arbol_ubicaciones():
    """Archivos with their estantes, cajas (with `documentos_n`, the originals in the archive)
    and carpetas: four queries whatever the size of the tree."""
    cajas = Caja.objects.annotate(
        documentos_n=Count(
            "carpetas__documentos",
            filter=~Q(
                carpetas__documentos__estado__in=(Documento.Estado.DEVUELTO, Documento.Estado.BAJA)
            ),
        )
    ).prefetch_related(Prefetch("carpetas", queryset=Carpeta.objects.order_by("clave")))
    estantes = Estante.objects.order_by("clave").prefetch_related(
        Prefetch("cajas", queryset=cajas.order_by("clave"))
    )
    return Archivo.objects.prefetch_related(Prefetch("estantes", queryset=estantes))


def estantes_opciones():
    return Estante.objects.select_related("archivo").order_by("archivo__nombre", "clave")


def cajas_opciones():
    return Caja.objects.select_related("estante__archivo").order_by("clave")


def carpetas_opciones():
    return Carpeta.objects.select_related("caja").order_by("caja__clave", "clave")


def caja_contenido(caja, usuario):
    """The carpetas of the caja, each with the documents (that the user may see) filed in it."""
    documentos = (
        documentos_visibles(usuario)
        .filter(EN_ARCHIVO)
        .order_by("legajo__cuenta__numero", "legajo__clave", "tipo__orden", "registrado")
    )
    return caja.carpetas.order_by("clave").prefetch_related(
        Prefetch("documentos", queryset=documentos, to_attr="visibles")
    )


# --- inventario ---------------------------------------------------------------------------------


def inventario_documentos(usuario, filtros: dict | None = None):
    """The documents the user may see, filtered by location, state, type or cuenta."""
    filtros = filtros or {}
    qs = documentos_visibles(usuario)
    if filtros.get("archivo"):
        qs = qs.filter(carpeta__caja__estante__archivo=filtros["archivo"])
    if filtros.get("estante"):
        qs = qs.filter(carpeta__caja__estante=filtros["estante"])
    if filtros.get("caja"):
        qs = qs.filter(carpeta__caja__clave__iexact=filtros["caja"])
    if filtros.get("estado"):
        qs = qs.filter(estado=filtros["estado"])
    if filtros.get("tipo"):
        qs = qs.filter(tipo=filtros["tipo"])
    if filtros.get("cuenta"):
        qs = qs.filter(legajo__cuenta__numero=filtros["cuenta"])
    if filtros.get("sin_ubicar"):
        qs = qs.filter(carpeta__isnull=True, original=True).filter(EN_ARCHIVO)
    return qs.order_by(
        "carpeta__caja__estante__archivo__nombre",
        "carpeta__caja__estante__clave",
        "carpeta__caja__clave",
        "carpeta__clave",
        "legajo__cuenta__numero",
        "pk",
    )


def conteos_por_caja(documentos):
    """One row per caja (and one for the unfiled), with the documents in each state."""
    estados = {
        f"n_{valor}": Count("pk", filter=Q(estado=valor)) for valor in Documento.Estado.values
    }
    return list(
        documentos.values(
            "carpeta__caja__estante__archivo__nombre",
            "carpeta__caja__estante__clave",
            "carpeta__caja__clave",
        )
        .annotate(total=Count("pk"), **estados)
        .order_by(
            "carpeta__caja__estante__archivo__nombre",
            "carpeta__caja__estante__clave",
            "carpeta__caja__clave",
        )
    )


def conteos_por_estado(documentos) -> list[dict]:
    nombres = dict(Documento.Estado.choices)
    filas = documentos.values("estado").annotate(total=Count("pk")).order_by("estado")
    return [{**fila, "nombre": nombres.get(fila["estado"], fila["estado"])} for fila in filas]


def dias_original() -> int:
    return int(getattr(settings, "ARCHIVO_DIAS_ORIGINAL", 10))


def originales_faltantes(usuario, dias: int | None = None):
    """Signed papers whose original has not reached the archive: a convenio, pagaré or
    contrato de crédito registered more than N days ago (settings.ARCHIVO_DIAS_ORIGINAL,
    10 by default) with no `recibido` date, still in the archive's care (not returned or
    written off). Defined on the Documento alone: cobranza does not read convenios."""
    dias = dias_original() if dias is None else dias
    return (
        documentos_visibles(usuario)
        .filter(
            EN_ARCHIVO,
            tipo__clave__in=TIPOS_CON_ORIGINAL,
            recibido__isnull=True,
            registrado__lt=ahora() - timedelta(days=dias),
        )
        .order_by("registrado", "pk")
    )


def reporte_inventario(usuario, filtros: dict | None = None) -> dict:
    documentos = inventario_documentos(usuario, filtros)
    return {
        "total": documentos.count(),
        "por_caja": conteos_por_caja(documentos),
        "por_estado": conteos_por_estado(documentos),
        "faltantes": originales_faltantes(usuario).count(),
        "dias_original": dias_original(),
    }


# --- auditoría ---------------------------------------------------------------------------------


def _legajo_texto(legajo) -> str:
    return legajo.cuenta.numero + (f" · {legajo.clave}" if legajo.clave else "")


def inventario_resultado(inventario, usuario) -> dict:
    """For each caja read: the expedientes with originals filed in it (expected) against the
    expedientes read while walking it. found = expected and read; missing = expected, not read;
    misplaced = read in this caja but filed in another (or nowhere). Five queries."""
    lecturas = list(
        inventario.lecturas.select_related("caja", "legajo__cuenta").order_by("leida", "pk")
    )
    cajas = {}
    for lectura in lecturas:
        if lectura.caja_id and lectura.caja_id not in cajas:
            cajas[lectura.caja_id] = lectura.caja
    leidos = defaultdict(set)  # caja_id -> legajo ids read while walking it
    sin_caja = []  # expedientes read before any caja label
    for lectura in lecturas:
        if lectura.legajo_id and lectura.caja_id:
            leidos[lectura.caja_id].add(lectura.legajo_id)
        elif lectura.legajo_id:
            sin_caja.append(lectura.legajo)

    visibles = documentos_visibles(usuario).filter(EN_ARCHIVO)
    esperados = defaultdict(dict)  # caja_id -> {legajo_id: documentos}
    for fila in (
        visibles.filter(carpeta__caja__in=cajas.keys())
        .values("carpeta__caja_id", "legajo_id")
        .annotate(n=Count("pk"))
    ):
        esperados[fila["carpeta__caja_id"]][fila["legajo_id"]] = fila["n"]

    leidos_todos = set().union(*leidos.values()) if leidos else set()
    donde = defaultdict(set)  # legajo_id -> cajas where its originals are filed
    for fila in (
        visibles.filter(legajo__in=leidos_todos, carpeta__isnull=False)
        .values_list("legajo_id", "carpeta__caja__clave")
        .distinct()
    ):
        donde[fila[0]].add(fila[1])
    ids = leidos_todos | {pk for c in esperados.values() for pk in c}
    legajos = {
        lg.pk: lg for lg in legajos_visibles(usuario).filter(pk__in=ids).select_related("cuenta")
    }

    filas = []
    for caja_id, caja in cajas.items():
        esperado, leido = esperados.get(caja_id, {}), leidos.get(caja_id, set())
        filas.append(
            {
                "caja": caja,
                "encontrados": _items(legajos, sorted(set(esperado) & leido), esperado),
                "faltantes": _items(legajos, sorted(set(esperado) - leido), esperado),
                "mal_ubicados": [
                    {**item, "ubicado_en": ", ".join(sorted(donde.get(item["id"], ()))) or "—"}
                    for item in _items(legajos, sorted(leido - set(esperado)), esperado)
                ],
            }
        )
    desconocidos = [lc for lc in lecturas if not lc.caja_id and not lc.legajo_id]
    return {
        "inventario": inventario,
        "cajas": filas,
        "lecturas": len(lecturas),
        "desconocidos": desconocidos,
        "sin_caja": sin_caja,
        "totales": {
            clave: sum(len(f[clave]) for f in filas)
            for clave in ("encontrados", "faltantes", "mal_ubicados")
        },
    }


def _items(legajos: dict[int, Legajo], ids, esperado):
    return [
        {
            "id": pk,
            "legajo": legajos[pk],
            "texto": _legajo_texto(legajos[pk]),
            "documentos": esperado.get(pk, 0),
        }
        for pk in ids
        if pk in legajos
    ]
