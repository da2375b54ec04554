from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PadronConfig(AppConfig):
    name = "padron"
    verbose_name = "Padrón"

    def ready(self):
        from padron.beneficiarios.importacion import procesar_estatus
        from padron.importacion.services import procesar_padron
        from padron.importacion.trabajos import registrar_procesador
        from padron.roles import sincronizar_roles

        registrar_procesador("padron", procesar_padron, permiso="padron.importar_padron")
        registrar_procesador(
            "estatus_academico", procesar_estatus, permiso="padron.gestionar_beneficiarios"
        )

        # Permissions exist only after every app has migrated, so the groups
        # get theirs here, on every migrate (idempotent).
        post_migrate.connect(sincronizar_roles, dispatch_uid="padron.sincronizar_roles")
