"""Roles: groups from the data migration, each with exactly its permissions."""

import pytest
from django.contrib.auth.models import Group

from padron.roles import ROLES

pytestmark = pytest.mark.django_db


def test_cada_rol_es_un_grupo_con_exactamente_sus_permisos():
    for rol in ROLES:
        grupo = Group.objects.get(name=rol.clave)
        tiene = {f"{p.content_type.app_label}.{p.codename}" for p in grupo.permissions.all()}
        assert tiene == set(rol.permisos), rol.clave


def test_los_ocho_roles_del_dominio_existen():
    assert {g.name for g in Group.objects.all()} >= {
        "ventanilla",
        "caja",
        "supervisor",
        "gerencia",
        "cortador",
        "notificador",
        "abogado_externo",
        "seguimiento",
    }


def test_solo_quien_debe_ve_todas_las_cuentas(crear_usuario):
    assert crear_usuario("ventanilla").has_perm("padron.ver_todas_las_cuentas")
    assert not crear_usuario("abogado_externo").has_perm("padron.ver_todas_las_cuentas")
    assert not crear_usuario("cortador").has_perm("padron.ver_padron")
    assert crear_usuario("caja").has_perm("cobranza.registrar_pago")
    assert not crear_usuario("ventanilla").has_perm("cobranza.registrar_pago")
