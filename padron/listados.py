"""One list component for every list page: filters (django-filter), sortable columns, a
page, the result count and the links that keep all of it.

    listado = Listado(
        request,
        cuentas_visibles(request.user),
        filtros=CuentasFiltro,
        columnas={"numero": Columna("Cuenta", "numero"), "saldo": Columna("Saldo", "saldo__saldo")},
        orden="-saldo",
        sustantivo=("cuenta", "cuentas"),
    )

The template includes `padron/_listado_filtros.html` (filter form and "2,345 cuentas"),
`padron/_listado_th.html` for each sortable header and `padron/_paginacion.html`.

Sorting is a whitelist: `?orden=-saldo` names a column of `columnas`; anything else falls back
to the default order. Every order ends on the primary key so a row never shows on two pages.
Bad filter input (letters in a date) is left out of the filtering and shown as the field's
error; a page number out of range shows the nearest page. The page costs one COUNT(*) and one
SELECT (plus whatever the filter form's dropdowns need).
"""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import F
from django.utils.functional import cached_property
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError as ApiValidationError

POR_PAGINA = 50


@dataclass(frozen=True)
class Columna:
    """A sortable column: its header text and what it sorts by (a field path, an expression
    or a tuple of them: sector, then ruta). `num` aligns it right (amounts, counts) and makes
    its first click sort largest first."""

    etiqueta: str
    campo: object
    num: bool = False


def _ordenar(queryset, columna: Columna, descendente: bool, desempate):
    combinada = bool(queryset.query.combinator)  # a UNION sorts by its own column names only
    campos = columna.campo if isinstance(columna.campo, tuple) else (columna.campo,)
    criterios = []
    for campo in campos:
        if combinada:
            criterios.append(f"-{campo}" if descendente else campo)
            continue
        expresion = F(campo) if isinstance(campo, str) else campo
        criterios.append(
            expresion.desc(nulls_last=True) if descendente else expresion.asc(nulls_last=True)
        )
    if desempate:
        criterios.append(f"-{desempate}" if descendente else desempate)
    return queryset.order_by(*criterios)


def orden_elegido(texto: str, columnas: dict, orden: str) -> tuple[str, bool]:
    """(column, descending) from `?orden=`; the default when it names no column."""
    for valor in (texto or "", orden):
        nombre = valor.lstrip("-")
        if nombre in columnas:
            return nombre, valor.startswith("-")
    raise ValueError(f"El orden por omisión {orden!r} no es una columna.")


class Listado:
    def __init__(
        self,
        request,
        queryset,
        *,
        columnas: dict[str, Columna],
        orden: str,
        filtros=None,
        por_pagina: int = POR_PAGINA,
        sustantivo: tuple[str, str] = ("resultado", "resultados"),
        prefijo: str = "",
        desempate: str | None = "pk",
        total: int | None = None,
    ):
        self.request = request
        self.columnas = columnas
        self.sustantivo = sustantivo
        self.param_pagina = f"{prefijo}pagina"
        self.param_orden = f"{prefijo}orden"
        datos = request.GET
        self.filtro = None
        if filtros is not None:
            self.filtro = filtros(
                datos or None, queryset=queryset, request=request, prefix=prefijo or None
            )
            queryset = self.filtro.qs
        self.columna, self.descendente = orden_elegido(datos.get(self.param_orden), columnas, orden)
        queryset = _ordenar(queryset, columnas[self.columna], self.descendente, desempate)
        self.queryset = queryset
        paginador = Paginator(queryset, por_pagina)
        if total is not None and not self.filtrado:
            paginador.count = total  # known already (a frozen list's count): no COUNT(*)
        self.pagina = paginador.get_page(datos.get(self.param_pagina))

    # --- what the templates read ---------------------------------------------------------

    @property
    def form(self):
        return self.filtro.form if self.filtro is not None else None

    @property
    def total(self) -> int:
        return self.pagina.paginator.count

    @property
    def conteo(self) -> str:
        """The count in words: "1 cuenta", "2,345 cuentas"."""
        singular, plural = self.sustantivo
        return f"{self.total:,} {singular if self.total == 1 else plural}"

    @property
    def orden(self) -> str:
        return f"-{self.columna}" if self.descendente else self.columna

    @property
    def filtrado(self) -> bool:
        return self.form is not None and any(
            self.request.GET.get(nombre) for nombre in self._nombres_del_form()
        )

    def _nombres_del_form(self):
        return [campo.html_name for campo in self.form] if self.form is not None else []

    def url(self, **cambios) -> str:
        """This page's query string with `cambios` applied (None removes a parameter)."""
        consulta = self.request.GET.copy()
        for clave, valor in cambios.items():
            consulta.pop(clave, None)
            if valor is not None:
                consulta[clave] = valor
        texto = consulta.urlencode()
        return f"?{texto}" if texto else "?"

    @cached_property
    def encabezados(self) -> dict:
        """Per column: its label, the link that sorts by it (toggling when it is the current
        one) and its aria-sort."""
        resultado = {}
        for nombre, columna in self.columnas.items():
            actual = nombre == self.columna
            siguiente = nombre if (actual and self.descendente) else f"-{nombre}"
            if not actual and not columna.num:
                siguiente = nombre  # text columns start A→Z; amounts start largest first
            resultado[nombre] = {
                "etiqueta": columna.etiqueta,
                "num": columna.num,
                "url": self.url(**{self.param_orden: siguiente, self.param_pagina: None}),
                "actual": actual,
                "aria": ("descending" if self.descendente else "ascending") if actual else "",
            }
        return resultado

    @cached_property
    def paginacion(self) -> dict:
        pagina = self.pagina

        def ir(numero):
            return self.url(**{self.param_pagina: str(numero)})

        return {
            "numero": pagina.number,
            "paginas": pagina.paginator.num_pages,
            "primera": ir(1) if pagina.number > 2 else "",
            "anterior": ir(pagina.previous_page_number()) if pagina.has_previous() else "",
            "siguiente": ir(pagina.next_page_number()) if pagina.has_next() else "",
            "ultima": ir(pagina.paginator.num_pages)
            if pagina.number < pagina.paginator.num_pages - 1
            else "",
        }

    @property
    def conservar(self) -> list[tuple[str, str]]:
        """Parameters the filter form must carry along (the sort, another list's filters);
        the page number is dropped so a new filter starts on page 1."""
        propios = set(self._nombres_del_form()) | {self.param_pagina}
        return [
            (clave, valor)
            for clave, valores in self.request.GET.lists()
            if clave not in propios
            for valor in valores
        ]

    @property
    def url_sin_filtros(self) -> str:
        return self.url(
            **{nombre: None for nombre in self._nombres_del_form()}, **{self.param_pagina: None}
        )


# --- the API side ------------------------------------------------------------------------


def filtrar_api(request, queryset, *, filtros=None, columnas: dict, orden: str, desempate="pk"):
    """The same filters and sort for an APIView: `?ordering=-saldo` (DRF's name), and bad
    input answers 400 with the field's message instead of being ignored."""
    if filtros is not None:
        filtro = filtros(request.query_params, queryset=queryset, request=request)
        if not filtro.is_valid():
            raise ApiValidationError({c: list(m) for c, m in filtro.errors.items()})
        queryset = filtro.qs
    texto = request.query_params.get("ordering", "")
    if texto and texto.lstrip("-") not in columnas:
        raise ApiValidationError(
            {"ordering": [f"Orden desconocido; use uno de: {', '.join(sorted(columnas))}."]}
        )
    columna, descendente = orden_elegido(texto, columnas, orden)
    return _ordenar(queryset, columnas[columna], descendente, desempate)


def parametros_api(filtros=None, columnas: dict | None = None) -> list[OpenApiParameter]:
    """The schema's query parameters for `filtrar_api`: each filter and `ordering`."""
    parametros = []
    if filtros is not None:
        for nombre, filtro in filtros.base_filters.items():
            parametros.append(
                OpenApiParameter(nombre, str, description=str(filtro.label or nombre))
            )
    if columnas:
        opciones = sorted([*columnas, *(f"-{c}" for c in columnas)])
        parametros.append(
            OpenApiParameter(
                "ordering", str, enum=opciones, description="Columna de orden; «-» descendente."
            )
        )
    return parametros
