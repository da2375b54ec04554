"""How a user is shown to people: by name ("Ana López"), never by login ("ventanilla")."""

from django import forms


def nombre_persona(usuario) -> str:
    if usuario is None:
        return ""
    return usuario.get_full_name().strip() or usuario.get_username()


class UsuarioChoiceField(forms.ModelChoiceField):
    """A dropdown of users that lists their names."""

    def label_from_instance(self, obj):
        return nombre_persona(obj)
