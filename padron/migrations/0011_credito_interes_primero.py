"""Credit carteras apply payments to interest before capital of the same due date (Código
Civil Federal art. 2094, supletorio del Código de Comercio por su art. 2); water carteras keep
their order."""

from django.db import migrations


def interes_primero(apps, schema_editor):
    Cartera = apps.get_model("padron", "Cartera")
    Cartera.objects.filter(tipo="credito").update(interes_antes_que_capital=True)


class Migration(migrations.Migration):
    dependencies = [("padron", "0010_credito_educativo")]

    operations = [migrations.RunPython(interes_primero, migrations.RunPython.noop)]
