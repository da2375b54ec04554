"""Demo users, one per role, for `manage.py seed_demo` (never for production)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from padron.roles import ROLES

NOMBRES = {
    "supervisor": ("María Guadalupe", "Valenzuela"),
    "ventanilla": ("Ana Lucía", "Moreno"),
    "caja": ("Jesús Alberto", "Soto"),
    "gerencia": ("Francisco", "Encinas"),
    "cortador": ("Ramón", "Lugo"),
    "notificador": ("Héctor", "Quijada"),
    "abogado_externo": ("Lic. Patricia", "Durazo"),
    "seguimiento": ("Claudia", "Ibarra"),
}


def contrasena_demo(clave):
    return f"demo-{clave}"


def crear_usuarios_demo():
    """Create (or reset) one user per role; returns [(usuario, contraseña, rol)]."""
    Usuario = get_user_model()
    creados = []
    for rol in ROLES:
        nombre, apellido = NOMBRES[rol.clave]
        usuario, _ = Usuario.objects.get_or_create(username=rol.clave)
        usuario.first_name, usuario.last_name = nombre, apellido
        usuario.email = f"{rol.clave}@demo.local"
        usuario.set_password(contrasena_demo(rol.clave))
        usuario.save()
        usuario.groups.set([Group.objects.get(name=rol.clave)])
        creados.append((usuario.username, contrasena_demo(rol.clave), rol.nombre))
    admin, _ = Usuario.objects.get_or_create(username="admin")
    admin.is_staff = admin.is_superuser = True
    admin.set_password(contrasena_demo("admin"))
    admin.save()
    creados.append(("admin", contrasena_demo("admin"), "Administrador del sistema"))
    return creados
