"""Django's ModelBackend, with the user's permissions read in the query that also reads its
groups (padron.roles.permisos_cargar): one query per request instead of three."""

from django.contrib.auth.backends import ModelBackend

from padron.roles import permisos_cargar


class Backend(ModelBackend):
    def _cargado(self, usuario):
        # The menu asks dozens of times per page: after the first, only the getattr.
        if getattr(usuario, "_nombres_de_grupos", None) is not None:
            return
        if usuario.is_active and not usuario.is_anonymous and usuario.pk is not None:
            permisos_cargar(usuario)

    def get_user_permissions(self, user_obj, obj=None):
        self._cargado(user_obj)
        return super().get_user_permissions(user_obj, obj)

    def get_group_permissions(self, user_obj, obj=None):
        self._cargado(user_obj)
        return super().get_group_permissions(user_obj, obj)

    def get_all_permissions(self, user_obj, obj=None):
        self._cargado(user_obj)
        return super().get_all_permissions(user_obj, obj)
