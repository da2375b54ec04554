from django.db import models


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of negotiation and convenios, granted in padron/roles.py."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("negociar", "Simular alternativas y registrar negociaciones"),
            ("capturar_convenio", "Capturar convenios"),
            ("autorizar_convenio", "Autorizar convenios y descuentos (nivel supervisor)"),
            ("autorizar_convenio_mayor", "Autorizar convenios y descuentos (nivel superior)"),
            ("cancelar_convenio", "Cancelar convenios"),
            ("editar_politicas", "Editar políticas y campañas de descuento"),
        ]
