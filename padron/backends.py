"""Django's ModelBackend, with the user's permissions read in the query that also reads its
groups (padron.roles.permisos_cargar): one query per request instead of three. And the API's
token, read in one hand-written query."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from padron.roles import permisos_cargar
from padron.sql import fila


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


class TokenEnUnaConsulta(TokenAuthentication):
    """DRF's token authentication, the user read by hand: every API call makes this read."""

    def authenticate_credentials(self, key):
        Usuario = get_user_model()
        usuario = fila(
            Usuario,
            f"FROM {Usuario._meta.db_table} u "
            f"JOIN {Token._meta.db_table} t ON t.user_id = u.id WHERE t.key = %s",
            [key],
            alias="u",
        )
        if usuario is None:
            raise exceptions.AuthenticationFailed("Token inválido.")
        if not usuario.is_active:
            raise exceptions.AuthenticationFailed("Usuario inactivo o dado de baja.")
        return usuario, Token(key=key, user=usuario)
