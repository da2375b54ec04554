"""Migration operations for tables the size of a state's ledger."""

from django.db import migrations
from django.db.models import Index

# What an AlterField may change for the quick path: dropping an index, a unique index or the
# database constraint of a foreign key. Anything else takes Django's own path.
QUITABLES = {"db_index", "db_constraint", "unique", "related_name"}


def _sin_quitables(campo):
    _, _, _, kwargs = campo.deconstruct()
    return {k: v for k, v in kwargs.items() if k not in QUITABLES}


class QuitarDeLlave(migrations.AlterField):
    """AlterField of a foreign key that only loses its index, its uniqueness or its database
    constraint. Django's schema editor drops the foreign key constraint and adds it again,
    which on PostgreSQL checks every row of the table once more with the table locked
    (minutes on 64 million cargos); here only what goes away is dropped. Other databases,
    and the way back, take Django's path."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        antes_modelo = from_state.apps.get_model(app_label, self.model_name)
        antes = antes_modelo._meta.get_field(self.name)
        despues = to_state.apps.get_model(app_label, self.model_name)._meta.get_field(self.name)
        rapido = (
            schema_editor.connection.vendor == "postgresql"
            and antes.column == despues.column
            and _sin_quitables(antes) == _sin_quitables(despues)
        )
        if not rapido:
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        columnas = [antes.column]
        nombres = schema_editor._constraint_names
        quitar = []
        if antes.db_constraint and not despues.db_constraint:
            quitar += [
                schema_editor._delete_fk_sql(antes_modelo, n)
                for n in nombres(antes_modelo, columnas, foreign_key=True)
            ]
        if antes.unique and not despues.unique:
            quitar += [
                schema_editor._delete_unique_sql(antes_modelo, n)
                for n in nombres(antes_modelo, columnas, unique=True, primary_key=False)
                if n not in {c.name for c in antes_modelo._meta.constraints}
            ]
        if antes.db_index and not antes.unique and not despues.db_index:
            propios = {i.name for i in antes_modelo._meta.indexes}
            quitar += [
                schema_editor._delete_index_sql(antes_modelo, n)
                for n in nombres(antes_modelo, columnas, index=True, type_=Index.suffix)
                if n not in propios
            ]
        for sentencia in quitar:
            schema_editor.execute(sentencia)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # AlterField goes back through database_forwards with the states swapped.
        super().database_forwards(app_label, schema_editor, from_state, to_state)
