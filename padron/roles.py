"""The roles (Django groups) and what each may do.

One table, read by the data migration that creates the groups and by the
post_migrate hook that keeps their permissions in step with it. Capabilities
are the `Permisos` models' permissions of each app ("app.codename").
"""

from dataclasses import dataclass

from django.db import connection


@dataclass(frozen=True)
class Rol:
    clave: str
    nombre: str
    descripcion: str
    permisos: tuple[str, ...]


_CONSULTA = ("padron.ver_padron", "padron.ver_todas_las_cuentas")

ROLES = (
    Rol(
        "supervisor",
        "Supervisión de cartera",
        "Autoriza descuentos y convenios, asigna cartera, genera listas de morosos y de corte.",
        _CONSULTA
        + (
            "padron.editar_padron",
            "padron.importar_padron",
            "padron.depurar_padron",
            "padron.editar_carteras",
            "cobranza.registrar_pago",
            "cobranza.revertir_pago",
            "cobranza.supervisar_caja",
            "cobranza.autorizar_ajuste",
            "cobranza.registrar_cargo",
            "cobranza.proponer_cargo",
            "cobranza.autorizar_cargo",
            "cobranza.cargar_facturacion",
            "cobranza.autorizar_facturacion",
            "cobranza.importar_pagos",
            "cobranza.solicitar_descuento_social",
            "cobranza.autorizar_descuento_social",
            "padron.gestionar_beneficiarios",
            "padron.autorizar_tramite",
            "cobranza.registrar_gestion",
            "cobranza.asignar_cartera",
            "cobranza.generar_lista_morosos",
            "cobranza.gestionar_pec",
            "cobranza.generar_lista_corte",
            "cobranza.ver_reportes",
            "cobranza.editar_metas",
            "cobranza.registrar_atencion",
            "cobranza.atender_quejas",
            "cobranza.administrar_encuestas",
            "cobranza.custodiar_documentos",
            "cobranza.administrar_archivo",
            "convenios.negociar",
            "convenios.capturar_convenio",
            "convenios.autorizar_convenio",
            "convenios.cancelar_convenio",
            "convenios.editar_politicas",
        ),
    ),
    Rol(
        "ventanilla",
        "Ventanilla",
        "Atiende al deudor: busca la cuenta, negocia, captura convenios, registra llamadas y recados.",
        _CONSULTA
        + (
            "cobranza.registrar_gestion",
            "cobranza.proponer_cargo",
            "cobranza.solicitar_descuento_social",
            "cobranza.registrar_atencion",
            "cobranza.atender_quejas",
            "cobranza.custodiar_documentos",
            "convenios.negociar",
            "convenios.capturar_convenio",
        ),
    ),
    Rol(
        "caja",
        "Caja",
        "Registra pagos (abonos y liquidaciones) e imprime el recibo.",
        _CONSULTA
        + ("cobranza.registrar_pago", "cobranza.importar_pagos", "cobranza.registrar_atencion"),
    ),
    Rol(
        "gerencia",
        "Gerencia",
        "Consulta el reporte mensual de recuperación, metas y estadísticas.",
        _CONSULTA
        + (
            "cobranza.ver_reportes",
            "cobranza.autorizar_facturacion",
            "cobranza.autorizar_cargo",
            "padron.autorizar_tramite_mayor",
            "convenios.autorizar_convenio_mayor",
        ),
    ),
    Rol(
        "cortador",
        "Cortador",
        "Recibe su lista de corte por ruta y registra el resultado en cada domicilio.",
        ("cobranza.registrar_resultado_corte",),
    ),
    Rol(
        "notificador",
        "Notificador",
        "Entrega notificaciones y requerimientos y registra el acuse.",
        ("cobranza.registrar_diligencia",),
    ),
    Rol(
        "abogado_externo",
        "Abogado externo",
        "Ve solo las cuentas que tiene asignadas; registra gestiones y etapas legales.",
        ("padron.ver_padron", "cobranza.registrar_gestion", "cobranza.registrar_etapa_legal"),
    ),
    Rol(
        "seguimiento",
        "Seguimiento a beneficiarios",
        "Estatus académico, ministraciones y trámites de los beneficiarios del crédito "
        "educativo; egresados y el inicio de su recuperación.",
        (
            "padron.ver_padron",
            "padron.ver_cartera_credito",
            "padron.gestionar_beneficiarios",
            "cobranza.registrar_gestion",
            "cobranza.registrar_atencion",
            "cobranza.atender_quejas",
            "cobranza.custodiar_documentos",
            "cobranza.administrar_archivo",
        ),
    ),
)

POR_CLAVE = {rol.clave: rol for rol in ROLES}


def roles_de(usuario):
    """The user's roles, in the order of ROLES (the first is its home)."""
    if not usuario.is_authenticated:
        return []
    grupos = permisos_cargar(usuario)
    return [rol for rol in ROLES if rol.clave in grupos]


# A role's permissions are its row in ROLES (sincronizar_roles gives its group exactly those
# on every migrate), so a request reads only the user's group names ('g') and its own
# permissions ('u'): a fifth of the planning of also joining the groups' permissions.
_GRUPOS_Y_PERMISOS_PROPIOS = """
    SELECT 'g', g.name FROM auth_group g
    JOIN auth_user_groups ug ON ug.group_id = g.id WHERE ug.user_id = %(u)s
    UNION ALL
    SELECT 'u', ct.app_label || '.' || p.codename FROM auth_permission p
    JOIN django_content_type ct ON ct.id = p.content_type_id
    JOIN auth_user_user_permissions up ON up.permission_id = p.id WHERE up.user_id = %(u)s
"""

# Only for a group made in the admin outside ROLES: its permissions are in the database alone.
_PERMISOS_DE_GRUPOS = """
    SELECT ct.app_label || '.' || p.codename FROM auth_permission p
    JOIN django_content_type ct ON ct.id = p.content_type_id
    JOIN auth_group_permissions gp ON gp.permission_id = p.id
    JOIN auth_group g ON g.id = gp.group_id WHERE g.name IN ({marcas})
"""


def permisos_cargar(usuario) -> frozenset:
    """The user's group names; its permissions left where Django's ModelBackend keeps them
    for the request (`_user_perm_cache`, `_group_perm_cache`, `_perm_cache`). One query per
    request (two for a user in a group outside ROLES), made by whichever asks first: the
    menu, the API's check or has_perm (padron.backends)."""
    grupos = getattr(usuario, "_nombres_de_grupos", None)
    if grupos is not None:
        return grupos
    filas = {"g": set(), "u": set()}
    with connection.cursor() as cursor:
        cursor.execute(_GRUPOS_Y_PERMISOS_PROPIOS, {"u": usuario.pk})
        for tipo, nombre in cursor.fetchall():
            filas[tipo].add(nombre)
    usuario._nombres_de_grupos = grupos = frozenset(filas["g"])
    if not usuario.is_superuser:  # ModelBackend gives a superuser every permission
        de_grupos = set()
        for nombre in grupos & POR_CLAVE.keys():
            de_grupos.update(POR_CLAVE[nombre].permisos)
        if otros := sorted(grupos - POR_CLAVE.keys()):
            de_grupos.update(_de_grupos_fuera_de_roles(otros))
        usuario._user_perm_cache = filas["u"]
        usuario._group_perm_cache = de_grupos
        usuario._perm_cache = filas["u"] | de_grupos
    return grupos


def _de_grupos_fuera_de_roles(nombres) -> set:
    marcas = ", ".join(["%s"] * len(nombres))
    with connection.cursor() as cursor:
        cursor.execute(_PERMISOS_DE_GRUPOS.format(marcas=marcas), nombres)
        return {permiso for (permiso,) in cursor.fetchall()}


def crear_grupos(apps):
    Group = apps.get_model("auth", "Group")
    for rol in ROLES:
        Group.objects.get_or_create(name=rol.clave)


def sincronizar_roles(sender=None, **kwargs):
    """Give each group exactly the permissions of its row in ROLES."""
    from django.contrib.auth.models import Group, Permission

    todos = {
        f"{p.content_type.app_label}.{p.codename}": p
        for p in Permission.objects.select_related("content_type")
    }
    for rol in ROLES:
        grupo, _ = Group.objects.get_or_create(name=rol.clave)
        faltan = [clave for clave in rol.permisos if clave not in todos]
        if faltan:
            # post_migrate runs app by app: the later apps' permissions come
            # on a later call. tests/test_roles.py proves none stays missing.
            continue
        grupo.permissions.set([todos[clave] for clave in rol.permisos])
