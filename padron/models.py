from django.db import models


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of the padrón, granted to roles in padron/roles.py.

    A model without a table: it only carries the permissions.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("ver_padron", "Consultar titulares, cuentas y estados de cuenta"),
            ("ver_todas_las_cuentas", "Ver todas las cuentas, no solo las asignadas"),
            ("editar_padron", "Modificar titulares y cuentas"),
            ("importar_padron", "Importar el padrón desde archivo"),
            ("depurar_padron", "Depurar el padrón (duplicados, cuentas sin movimiento)"),
            ("editar_carteras", "Editar carteras y sus reglas"),
        ]
