"""The lists that can be exported in the background, each with who may see it and how it
becomes a `Tabla` (cobranza.morosos.exports): the same permission as the list's page."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Sum

from cobranza.models import ListaCorte, ListaMorosos, OrdenCorte
from cobranza.morosos.exports import (
    Columna,
    Tabla,
    encabezado_de_lista,
    lista_morosos_tabla,
    membrete_de_lista,
)
from padron.dinero import formato_pesos
from padron.texto import cantidad

LOTE = 2000


@dataclass(frozen=True)
class TipoLista:
    clave: str
    etiqueta: str
    permiso: str  # the one the list's page asks for
    modelo: type
    tabla: Callable[[object], Tabla]
    pagina: str  # url name of the list's page (kwarg folio)


# --- the lista de corte as a table ---------------------------------------------------------

COLUMNAS_CORTE = [
    Columna("#", "entero", 7),
    Columna("Orden", "clave", 14),
    Columna("Cuenta", "clave", 12),
    Columna("Titular", "texto", 34),
    Columna("Domicilio", "texto", 40),
    Columna("Sector", "texto", 8),
    Columna("Ruta", "texto", 8),
    Columna("Orden en la ruta", "entero", 8),
    Columna("Acción", "texto", 16),
    Columna("Saldo vencido", "dinero", 15),
    Columna("Meses vencidos", "entero", 8),
]


def _ordenes(lista):
    return OrdenCorte.objects.filter(lista=lista).order_by("sector", "ruta", "orden_ruta", "pk")


def _renglones_corte(lista):
    acciones = dict(OrdenCorte.Accion.choices)
    filas = (
        _ordenes(lista)
        .values_list(
            "folio",
            "cuenta__numero",
            "cuenta__titular__nombre",
            "cuenta__titular__apellido_paterno",
            "cuenta__titular__apellido_materno",
            "cuenta__domicilio",
            "cuenta__colonia",
            "sector",
            "ruta",
            "orden_ruta",
            "accion",
            "saldo_vencido",
            "meses_vencidos",
        )
        .iterator(chunk_size=LOTE)
    )
    for n, (
        folio,
        numero,
        nom,
        pat,
        mat,
        dom,
        col,
        sec,
        ruta,
        en_ruta,
        acc,
        saldo,
        meses,
    ) in enumerate(filas, 1):
        titular = " ".join(p for p in (nom, pat, mat) if p)
        domicilio = f"{dom}, {col}" if dom and col else dom or col
        yield (
            n,
            folio,
            numero,
            titular,
            domicilio,
            sec,
            ruta,
            en_ruta,
            str(acciones.get(acc, acc)),
            saldo,
            meses,
        )


def lista_corte_tabla(lista) -> Tabla:
    """A lista de corte as it was generated: its orders by route with the saldo vencido of
    that day (the state of each order in the street is on the list's page, not in the file)."""
    cifras = _ordenes(lista).aggregate(total=Sum("saldo_vencido"))
    ordenes = _ordenes(lista).count()
    total = cifras["total"] or 0
    encabezado = [
        *encabezado_de_lista(lista),
        f"{cantidad(ordenes, 'orden', 'órdenes')}; saldo vencido total {formato_pesos(total)}",
    ]
    totales = [None] * len(COLUMNAS_CORTE)
    totales[1] = "TOTAL"
    totales[3] = cantidad(ordenes, "orden", "órdenes")
    totales[9] = total
    return Tabla(
        titulo=f"Lista de corte {lista.folio}",
        archivo=f"corte-{lista.folio}",
        columnas=COLUMNAS_CORTE,
        filas=lambda: _renglones_corte(lista),
        total_filas=ordenes,
        encabezado=encabezado,
        totales=tuple(totales),
        **membrete_de_lista(lista),
    )


TIPOS = {
    "morosos": TipoLista(
        "morosos",
        "Lista de morosos",
        "cobranza.generar_lista_morosos",
        ListaMorosos,
        lista_morosos_tabla,
        "cobranza:morosos_lista",
    ),
    "corte": TipoLista(
        "corte",
        "Lista de corte",
        "cobranza.generar_lista_corte",
        ListaCorte,
        lista_corte_tabla,
        "cobranza:corte_lista",
    ),
}


def puede_ver(usuario, tipo: str) -> bool:
    return tipo in TIPOS and usuario.is_authenticated and usuario.has_perm(TIPOS[tipo].permiso)


def lista_de(tipo: str, folio: str):
    """The frozen list, or None."""
    return (
        TIPOS[tipo]
        .modelo.objects.select_related("cartera", "generada_por")
        .filter(folio=folio)
        .first()
    )
