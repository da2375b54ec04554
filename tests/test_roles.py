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


def test_grupos_y_permisos_en_una_consulta_los_mismos_que_django(
    crear_usuario, django_assert_num_queries
):
    """The backend reads groups and both kinds of permissions at once: the same answer as
    Django's own ModelBackend, in one query for the whole request."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    from padron.roles import roles_de

    usuario = crear_usuario("caja")
    usuario.user_permissions.add(Permission.objects.get(codename="gestionar_pec"))
    fresco = get_user_model().objects.get(pk=usuario.pk)

    with django_assert_num_queries(1):
        assert [r.clave for r in roles_de(fresco)] == ["caja"]
        assert fresco.has_perm("cobranza.registrar_pago")  # the group's
        assert fresco.has_perm("cobranza.gestionar_pec")  # its own
        assert not fresco.has_perm("cobranza.supervisar_caja")
        todos = fresco.get_all_permissions()

    django = ModelBackend().get_all_permissions(get_user_model().objects.get(pk=usuario.pk))
    assert todos == django
    assert "cobranza.gestionar_pec" in todos and "cobranza.registrar_pago" in todos


def test_superusuario_y_usuario_inactivo(crear_usuario):
    from django.contrib.auth import get_user_model

    from padron.roles import roles_de

    jefe = crear_usuario(None, is_superuser=True)
    baja = crear_usuario("supervisor", is_active=False)
    jefe, baja = (get_user_model().objects.get(pk=u.pk) for u in (jefe, baja))
    roles_de(jefe), roles_de(baja)
    assert jefe.has_perm("cobranza.supervisar_caja")
    assert "cobranza.supervisar_caja" in jefe.get_all_permissions()
    assert not baja.has_perm("cobranza.supervisar_caja")
    assert baja.get_all_permissions() == set()


def test_un_grupo_hecho_en_el_admin_da_sus_permisos_de_la_base(
    crear_usuario, django_assert_num_queries
):
    """Outside ROLES a group's permissions live only in the database: read in a second query,
    the same answer as Django's."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.backends import ModelBackend
    from django.contrib.auth.models import Permission

    auditoria = Group.objects.create(name="auditoria-externa")
    auditoria.permissions.add(Permission.objects.get(codename="autorizar_ajuste"))
    usuario = crear_usuario("ventanilla")
    usuario.groups.add(auditoria)
    fresco = get_user_model().objects.get(pk=usuario.pk)

    with django_assert_num_queries(2):
        assert fresco.has_perm("cobranza.autorizar_ajuste")
        assert fresco.has_perm("padron.ver_padron")  # ventanilla's, from ROLES
        assert not fresco.has_perm("cobranza.registrar_pago")
    django = ModelBackend().get_all_permissions(get_user_model().objects.get(pk=usuario.pk))
    assert fresco.get_all_permissions() == django


def test_los_permisos_de_un_rol_en_el_admin_son_de_solo_lectura(client, crear_usuario):
    """What a role may do is its row in ROLES: the admin shows it and does not let it be
    changed there (a change would not count, and the next migrate would undo it)."""
    jefe = crear_usuario(None, is_superuser=True, is_staff=True)
    client.force_login(jefe)
    caja = Group.objects.get(name="caja")
    otro = Group.objects.create(name="auditoria-externa")

    del_rol = client.get(f"/admin/auth/group/{caja.pk}/change/")
    hecho_aqui = client.get(f"/admin/auth/group/{otro.pk}/change/")

    assert del_rol.status_code == hecho_aqui.status_code == 200
    assert 'name="permissions"' not in del_rol.content.decode()
    assert 'name="permissions"' in hecho_aqui.content.decode()
