from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PadronConfig(AppConfig):
    name = "padron"
    verbose_name = "Padrón"

    def ready(self):
        from padron.roles import sincronizar_roles

        # Permissions exist only after every app has migrated, so the groups
        # get theirs here, on every migrate (idempotent).
        post_migrate.connect(sincronizar_roles, dispatch_uid="padron.sincronizar_roles")
