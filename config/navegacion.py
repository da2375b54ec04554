"""The navigation bar: each entry shows only to users holding its permission.

Apps add their pages here as they gain them; the server still checks every
view on its own (padron.permisos), this only decides what is offered.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.urls import NoReverseMatch, get_script_prefix, reverse

from padron.roles import roles_de


@dataclass(frozen=True)
class Entrada:
    texto: str
    url: str
    permiso: str | tuple[str, ...] | None = None  # a tuple: any one of them

    def se_muestra_con(self, permisos):
        """`permisos`: the user's permission names, or TODOS for a superuser."""
        if not self.permiso or permisos is TODOS:
            return True
        pedidos = (self.permiso,) if isinstance(self.permiso, str) else self.permiso
        return any(p in permisos for p in pedidos)


TODOS = object()  # a superuser's permissions: every one


def _permisos_de(usuario):
    if usuario.is_active and usuario.is_superuser:
        return TODOS
    return frozenset(usuario.get_all_permissions()) if usuario.is_active else frozenset()


AUTORIZAN = ("convenios.autorizar_convenio", "convenios.autorizar_convenio_mayor")
GESTIONAN = ("cobranza.registrar_gestion", "cobranza.registrar_etapa_legal")
ARCHIVO = ("cobranza.custodiar_documentos", "cobranza.administrar_archivo")
TRAMITES = (
    "padron.gestionar_beneficiarios",
    "padron.autorizar_tramite",
    "padron.autorizar_tramite_mayor",
)


@dataclass(frozen=True)
class Grupo:
    """A task's entries under one name ("Legal"); with one visible entry it is a plain link."""

    texto: str
    entradas: tuple[Entrada, ...]


SUPERVISAN_CAJA = "cobranza.supervisar_caja"

MENU = (
    Grupo(
        "Atención",
        (
            Entrada("Buscar cuenta", "cobranza:buscar", "padron.ver_padron"),
            Entrada("Atención", "cobranza:atencion", "cobranza.registrar_atencion"),
            Entrada("Quejas", "cobranza:quejas", "cobranza.atender_quejas"),
            Entrada("Recados", "cobranza:recados"),
            Entrada("Promesas", "cobranza:promesas", "cobranza.registrar_gestion"),
            Entrada("Convenios por autorizar", "convenios:pendientes", AUTORIZAN),
        ),
    ),
    Grupo(
        "Caja",
        (
            Entrada("Corte de caja", "cobranza:caja_corte", "cobranza.registrar_pago"),
            Entrada("Cortes de caja", "cobranza:caja_cortes", SUPERVISAN_CAJA),
        ),
    ),
    Grupo(
        "Cobranza",
        (
            Entrada("Mi cartera", "cobranza:mi_cartera", GESTIONAN),
            Entrada("Gestiones", "cobranza:gestiones", GESTIONAN),
            Entrada("Convenios", "convenios:lista", "padron.ver_padron"),
            Entrada("Asignación", "cobranza:asignacion", "cobranza.asignar_cartera"),
            Entrada(
                "Cobertura",
                "cobranza:asignacion_cobertura",
                ("cobranza.asignar_cartera", "cobranza.ver_reportes"),
            ),
        ),
    ),
    Grupo(
        "Legal",
        (
            Entrada("Morosos", "cobranza:morosos", "cobranza.generar_lista_morosos"),
            Entrada(
                "PEC", "cobranza:pec", ("cobranza.gestionar_pec", "cobranza.registrar_etapa_legal")
            ),
            Entrada("Diligencias", "cobranza:notificador", "cobranza.registrar_diligencia"),
        ),
    ),
    Grupo(
        "Cortes",
        (
            Entrada("Listas de corte", "cobranza:cortes", "cobranza.generar_lista_corte"),
            Entrada(
                "Reglas de protección",
                "cobranza:reglas_proteccion",
                "cobranza.generar_lista_corte",
            ),
            Entrada(
                "Mi ruta de corte", "cobranza:cortador_ruta", "cobranza.registrar_resultado_corte"
            ),
        ),
    ),
    Grupo(
        "Facturación y libro",
        (
            Entrada("Facturación", "cobranza:corridas", "cobranza.cargar_facturacion"),
            Entrada(
                "Cargos extraordinarios",
                "cobranza:cargos_propuestos",
                ("cobranza.proponer_cargo", "cobranza.autorizar_cargo"),
            ),
            Entrada(
                "Descuentos sociales",
                "cobranza:descuentos_sociales",
                "cobranza.solicitar_descuento_social",
            ),
            Entrada("Importar pagos", "cobranza:importar_pagos", "cobranza.importar_pagos"),
            Entrada("Ajustes y reversiones", "cobranza:ajustes", "cobranza.autorizar_ajuste"),
        ),
    ),
    Grupo(
        "Reportes",
        (
            Entrada("Reportes", "cobranza:reportes", "cobranza.ver_reportes"),
            Entrada("Metas", "cobranza:metas", "cobranza.ver_reportes"),
            Entrada("Tareas programadas", "cobranza:tareas", "cobranza.ver_reportes"),
            Entrada("Reporte de quejas", "cobranza:queja_reporte", "cobranza.ver_reportes"),
            Entrada(
                "Encuestas",
                "cobranza:encuestas",
                ("cobranza.administrar_encuestas", "cobranza.ver_reportes"),
            ),
            Entrada(
                "Descuentos otorgados",
                "convenios:descuentos",
                ("cobranza.ver_reportes", *AUTORIZAN),
            ),
        ),
    ),
    Grupo(
        "Archivo",
        (
            Entrada(
                "Préstamos de originales", "cobranza:prestamos", "cobranza.custodiar_documentos"
            ),
            Entrada("Pagarés por devolver", "cobranza:finiquitos", "cobranza.custodiar_documentos"),
            Entrada("Mis préstamos", "cobranza:mis_prestamos"),
            Entrada("Inventario", "cobranza:archivo_inventario", ARCHIVO),
            Entrada("Ubicaciones", "cobranza:archivo_ubicaciones", "cobranza.administrar_archivo"),
            Entrada("Etiquetas", "cobranza:archivo_etiquetas", ARCHIVO),
            Entrada(
                "Auditoría física", "cobranza:archivo_auditorias", "cobranza.administrar_archivo"
            ),
        ),
    ),
    Grupo(
        "Crédito educativo",
        (
            Entrada("Beneficiarios", "padron:beneficiarios", "padron.gestionar_beneficiarios"),
            Entrada("Trámites", "padron:tramites", TRAMITES),
            Entrada(
                "Reportes del crédito",
                "cobranza:credito_reportes",
                "padron.gestionar_beneficiarios",
            ),
        ),
    ),
    Grupo(
        "Configuración",
        (
            Entrada("Padrón", "padron:inicio", "padron.editar_padron"),
            Entrada("Depuración", "padron:depuracion", "padron.depurar_padron"),
            Entrada("Políticas", "convenios:politicas", "convenios.editar_politicas"),
            Entrada("Campañas", "convenios:campanas", "convenios.editar_politicas"),
            Entrada("Plantillas", "convenios:plantillas", "convenios.editar_politicas"),
        ),
    ),
)


def _href(entrada):
    try:
        return reverse(entrada.url)
    except NoReverseMatch:  # a page another part has not built yet
        return None


def _actual(request, entradas):
    """The entry the page belongs to: its own url name, else the longest href that prefixes
    the path (/morosos/LM26-1/ belongs to "Morosos"). Returns (url name, exact?)."""
    coincidencia = getattr(request, "resolver_match", None)
    if coincidencia is not None:
        for entrada, _ in entradas:
            if entrada.url == coincidencia.view_name:
                return entrada.url, True
    ruta = getattr(request, "path", "") or ""
    candidatas = [
        (len(href), entrada.url)
        for entrada, href in entradas
        if href != "/" and ruta.startswith(href)
    ]
    return (max(candidatas)[1], False) if candidatas else (None, False)


@lru_cache(maxsize=64)
def _visibles(permisos, prefijo):
    """The groups and entries these permissions see, with their hrefs: the same for every
    request of the same role (a page asked ~45 has_perm and ~15 reverse() before)."""
    visibles = []
    for grupo in MENU:
        entradas = tuple(
            (e, href)
            for e in grupo.entradas
            if e.se_muestra_con(permisos) and (href := _href(e)) is not None
        )
        if entradas:
            visibles.append((grupo, entradas))
    return tuple(visibles)


def menu(request):
    """{"menu": [{texto, href?, entradas?, actual}], ...}: the groups the user may use, each
    with its visible entries; a group of one is a plain link. `actual` marks where the
    page belongs."""
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"menu": [], "roles_usuario": []}
    visibles = _visibles(_permisos_de(usuario), get_script_prefix())
    actual, exacta = _actual(request, [par for _, entradas in visibles for par in entradas])
    marca = "page" if exacta else "true"
    coincidencia = getattr(request, "resolver_match", None)
    en_inicio = coincidencia is not None and coincidencia.view_name in ("inicio", "inicio_rol")
    items = [{"texto": "Inicio", "href": reverse("inicio"), "actual": "page" if en_inicio else ""}]
    for grupo, entradas in visibles:
        enlaces = [
            {"texto": e.texto, "href": href, "actual": marca if e.url == actual else ""}
            for e, href in entradas
        ]
        if len(enlaces) == 1:
            items.append(enlaces[0])
        else:
            items.append(
                {
                    "texto": grupo.texto,
                    "entradas": enlaces,
                    "actual": any(e["actual"] for e in enlaces),
                }
            )
    if usuario.is_staff:
        items.append({"texto": "Administración", "href": reverse("admin:index"), "actual": ""})
    return {"menu": items, "roles_usuario": roles_de(usuario)}
