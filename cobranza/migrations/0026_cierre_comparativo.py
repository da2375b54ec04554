from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cobranza", "0025_exportaciones")]

    operations = [
        migrations.AddField(
            model_name="cierremes",
            name="facturacion",
            field=models.JSONField(default=dict, verbose_name="facturación del periodo"),
        ),
        migrations.AddField(
            model_name="cierremes",
            name="facturacion_al",
            field=models.DateTimeField(blank=True, null=True, verbose_name="facturación leída el"),
        ),
    ]
