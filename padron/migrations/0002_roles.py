"""Create the role groups; their permissions are synced on post_migrate (padron/roles.py)."""

from django.db import migrations


def crear_grupos(apps, schema_editor):
    from padron.roles import crear_grupos as crear

    crear(apps)


class Migration(migrations.Migration):
    dependencies = [("padron", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(crear_grupos, migrations.RunPython.noop)]
