# Issue 19, part B: complete lists exported in the background (cobranza/exportaciones/).
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cobranza", "0024_resumen_mensual"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Exportacion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "tipo",
                    models.CharField(
                        choices=[("morosos", "Lista de morosos"), ("corte", "Lista de corte")],
                        max_length=10,
                        verbose_name="lista",
                    ),
                ),
                ("folio", models.CharField(max_length=20, verbose_name="folio de la lista")),
                (
                    "formato",
                    models.CharField(
                        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)"), ("pdf", "PDF")],
                        max_length=4,
                        verbose_name="formato",
                    ),
                ),
                (
                    "estado",
                    models.CharField(
                        choices=[
                            ("pendiente", "Pendiente"),
                            ("en_proceso", "En proceso"),
                            ("lista", "Lista"),
                            ("fallida", "Fallida"),
                        ],
                        default="pendiente",
                        max_length=12,
                        verbose_name="estado",
                    ),
                ),
                (
                    "renglones",
                    models.PositiveIntegerField(default=0, verbose_name="renglones escritos"),
                ),
                (
                    "total",
                    models.PositiveIntegerField(default=0, verbose_name="renglones de la lista"),
                ),
                (
                    "archivo",
                    models.FileField(
                        blank=True, upload_to="exportaciones/%Y/%m/", verbose_name="archivo"
                    ),
                ),
                (
                    "tamano",
                    models.PositiveBigIntegerField(default=0, verbose_name="tamaño en bytes"),
                ),
                ("solicitada", models.DateTimeField(verbose_name="solicitada el")),
                (
                    "iniciada",
                    models.DateTimeField(blank=True, null=True, verbose_name="iniciada el"),
                ),
                (
                    "terminada",
                    models.DateTimeField(blank=True, null=True, verbose_name="terminada el"),
                ),
                (
                    "actualizada",
                    models.DateTimeField(blank=True, null=True, verbose_name="último avance"),
                ),
                ("intentos", models.PositiveSmallIntegerField(default=0, verbose_name="intentos")),
                ("error", models.TextField(blank=True, verbose_name="error")),
                (
                    "solicitada_por",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "exportación",
                "verbose_name_plural": "exportaciones",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("tipo", "folio", "formato"), name="exportacion_una_por_lista"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("renglones__lte", models.F("total"))),
                        name="exportacion_renglones_en_total",
                    ),
                ],
            },
        ),
    ]
