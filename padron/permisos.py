"""Server-side permission checks for pages and API endpoints.

Every view states what it needs: `@requiere("app.capacidad")` on a page,
`permiso = "app.capacidad"` on an API view (checked by TieneRol).
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission

from padron.roles import roles_de


def requiere(*permisos):
    """Page decorator: logged in and holding every permission named."""

    def decorador(vista):
        @wraps(vista)
        @login_required
        def envuelta(request, *args, **kwargs):
            if not request.user.has_perms(permisos):
                raise PermissionDenied("No tiene permiso para ver esta página.")
            return vista(request, *args, **kwargs)

        return envuelta

    return decorador


def requiere_alguno(*permisos):
    """Page decorator: logged in and holding at least one of the permissions named."""

    def decorador(vista):
        @wraps(vista)
        @login_required
        def envuelta(request, *args, **kwargs):
            if not any(request.user.has_perm(p) for p in permisos):
                raise PermissionDenied("No tiene permiso para ver esta página.")
            return vista(request, *args, **kwargs)

        return envuelta

    return decorador


def puede_ver_todas_las_cuentas(usuario):
    return usuario.has_perm("padron.ver_todas_las_cuentas")


class TieneRol(BasePermission):
    """API default: an authenticated user with a role, plus the view's `permiso`."""

    message = "No tiene permiso para realizar esta acción."

    def has_permission(self, request, view):
        usuario = request.user
        if not (usuario and usuario.is_authenticated):
            return False
        if not (usuario.is_superuser or roles_de(usuario)):
            return False
        permiso = getattr(view, "permiso", None)
        if isinstance(permiso, dict):
            permiso = permiso.get(request.method, permiso.get("*"))
        return permiso is None or usuario.has_perm(permiso)
