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
    permiso: str | None = None


MENU = (
    Entrada("Inicio", "inicio"),
    Entrada("Buscar cuenta", "cobranza:buscar", "padron.ver_padron"),
    Entrada("Padrón", "padron:inicio", "padron.editar_padron"),
    Entrada("Depuración", "padron:depuracion", "padron.depurar_padron"),
)


def menu(request):
    usuario = getattr(request, "user", None)
    if usuario is None or not usuario.is_authenticated:
        return {"menu": [], "roles_usuario": []}
    entradas = []
    for entrada in MENU:
        if entrada.permiso and not usuario.has_perm(entrada.permiso):
            continue
        try:
            entradas.append({"texto": entrada.texto, "href": reverse(entrada.url)})
        except NoReverseMatch:
            continue
    if usuario.is_staff:
        entradas.append({"texto": "Administración", "href": reverse("admin:index")})
    return {"menu": entradas, "roles_usuario": roles_de(usuario)}
