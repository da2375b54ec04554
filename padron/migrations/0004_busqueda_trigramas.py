"""Trigram index for the front-desk search (PostgreSQL only; SQLite scans)."""

from django.db import migrations


def crear(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS cuenta_busqueda_trgm ON padron_cuenta USING gin (busqueda gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS titular_nombre_trgm ON padron_titular "
        "USING gin (nombre_normalizado gin_trgm_ops)"
    )


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS cuenta_busqueda_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS titular_nombre_trgm")


class Migration(migrations.Migration):
    dependencies = [("padron", "0003_padron")]
    operations = [migrations.RunPython(crear, quitar)]
