from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .roles import roles_de


class UsuarioActualApi(APIView):
    """Who the caller is: its roles and permissions (for clients deciding what to show)."""

    class OutputSerializer(serializers.Serializer):
        usuario = serializers.CharField()
        nombre = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        permisos = serializers.ListField(child=serializers.CharField())

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        usuario = request.user
        datos = {
            "usuario": usuario.username,
            "nombre": usuario.get_full_name() or usuario.username,
            "roles": [rol.clave for rol in roles_de(usuario)],
            "permisos": sorted(usuario.get_all_permissions()),
        }
        return Response(self.OutputSerializer(datos).data)
