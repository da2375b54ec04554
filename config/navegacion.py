"""The navigation bar: each entry shows only to users holding its permission.

Apps add their pages here as they gain them; the server still checks every
view on its own (padron.permisos), this only decides what is offered.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from padron.roles import roles_de


@dataclass(frozen=True)
class Entrada:
    texto: str
    url: str
    permiso: str | tuple[str, ...] | None = None  # a tuple: any one of them

    def se_muestra_a(self, usuario):
        if not self.permiso:
            return True
        permisos = (self.permiso,) if isinstance(self.permiso, str) else self.permiso
        return any(usuario.has_perm(p) for p in permisos)


AUTORIZAN = ("convenios.autorizar_convenio", "convenios.autorizar_convenio_mayor")
GESTIONAN = ("cobranza.registrar_gestion", "cobranza.registrar_etapa_legal")
ARCHIVO = ("cobranza.custodiar_documentos", "cobranza.administrar_archivo")
TRAMITES = (
    "padron.gestionar_beneficiarios",
    "padron.autorizar_tramite",
    "padron.autorizar_tramite_mayor",
)


MENU = (
    Entrada("Inicio", "inicio"),
    Entrada("Buscar cuenta", "cobranza:buscar", "padron.ver_padron"),
    Entrada("Atención", "cobranza:atencion", "cobranza.registrar_atencion"),
    Entrada("Quejas", "cobranza:quejas", "cobranza.atender_quejas"),
    Entrada("Préstamos de originales", "cobranza:prestamos", "cobranza.custodiar_documentos"),
    Entrada("Pagarés por devolver", "cobranza:finiquitos", "cobranza.custodiar_documentos"),
    Entrada("Mis préstamos", "cobranza:mis_prestamos"),
    Entrada("Inventario", "cobranza:archivo_inventario", ARCHIVO),
    Entrada("Ubicaciones", "cobranza:archivo_ubicaciones", "cobranza.administrar_archivo"),
    Entrada("Etiquetas", "cobranza:archivo_etiquetas", ARCHIVO),
    Entrada("Auditoría física", "cobranza:archivo_auditorias", "cobranza.administrar_archivo"),
    Entrada("Reporte de quejas", "cobranza:queja_reporte", "cobranza.ver_reportes"),
    Entrada(
        "Encuestas",
        "cobranza:encuestas",
        ("cobranza.administrar_encuestas", "cobranza.ver_reportes"),
    ),
    Entrada("Padrón", "padron:inicio", "padron.editar_padron"),
    Entrada("Depuración", "padron:depuracion", "padron.depurar_padron"),
    Entrada("Mi cartera", "cobranza:mi_cartera", GESTIONAN),
    Entrada("Recados", "cobranza:recados"),
    Entrada("Promesas", "cobranza:promesas", "cobranza.registrar_gestion"),
    Entrada("Reportes", "cobranza:reportes", "cobranza.ver_reportes"),
    Entrada("Metas", "cobranza:metas", "cobranza.ver_reportes"),
    Entrada("Tareas", "cobranza:tareas", "cobranza.ver_reportes"),
    Entrada("Por autorizar", "convenios:pendientes", AUTORIZAN),
    Entrada("Asignación", "cobranza:asignacion", "cobranza.asignar_cartera"),
    Entrada(
        "Cobertura",
        "cobranza:asignacion_cobertura",
        ("cobranza.asignar_cartera", "cobranza.ver_reportes"),
    ),
    Entrada("Morosos", "cobranza:morosos", "cobranza.generar_lista_morosos"),
    Entrada("Cortes", "cobranza:cortes", "cobranza.generar_lista_corte"),
    Entrada("PEC", "cobranza:pec", ("cobranza.gestionar_pec", "cobranza.registrar_etapa_legal")),
    Entrada("Diligencias", "cobranza:notificador", "cobranza.registrar_diligencia"),
    Entrada("Mi ruta de corte", "cobranza:cortador_ruta", "cobranza.registrar_resultado_corte"),
    Entrada("Facturación", "cobranza:corridas", "cobranza.cargar_facturacion"),
    Entrada(
        "Cargos extraordinarios",
        "cobranza:cargos_propuestos",
        ("cobranza.proponer_cargo", "cobranza.autorizar_cargo"),
    ),
    Entrada(
        "Descuentos sociales", "cobranza:descuentos_sociales", "cobranza.solicitar_descuento_social"
    ),
    Entrada("Importar pagos", "cobranza:importar_pagos", "cobranza.importar_pagos"),
    Entrada("Políticas", "convenios:politicas", "convenios.editar_politicas"),
    Entrada("Campañas", "convenios:campanas", "convenios.editar_politicas"),
    Entrada("Plantillas", "convenios:plantillas", "convenios.editar_politicas"),
    Entrada("Descuentos", "convenios:descuentos", ("cobranza.ver_reportes", *AUTORIZAN)),
    Entrada("Beneficiarios", "padron:beneficiarios", "padron.gestionar_beneficiarios"),
    Entrada("Trámites", "padron:tramites", TRAMITES),
    Entrada("Crédito educativo", "cobranza:credito_reportes", "padron.gestionar_beneficiarios"),
)


def menu(request):
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"menu": [], "roles_usuario": []}
    entradas = []
    for entrada in MENU:
        if not entrada.se_muestra_a(usuario):
            continue
        try:
            entradas.append({"texto": entrada.texto, "href": reverse(entrada.url)})
        except NoReverseMatch:
            continue
    if usuario.is_staff:
        entradas.append({"texto": "Administración", "href": reverse("admin:index")})
    return {"menu": entradas, "roles_usuario": roles_de(usuario)}
