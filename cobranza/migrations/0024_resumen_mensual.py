"""The monthly snapshot (issue 19, part A): CierreMes (a cartera's closed month and its
totals) and ResumenMensual (per cuenta, servicio and concepto), and the schedule that closes
the previous month on the first days of each month, before the monthly reports of 06:00.

Written by hand (the chain 0023 → 0027 is shared); the schedule is get_or_create by name, as
0011_horario_reportes: a schedule edited in the admin is never overwritten.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ZONA = "America/Hermosillo"
NOMBRE = "Cierre de mes de los reportes"
TAREA = "cobranza.tasks.cerrar_meses"


def _dinero(nombre):
    return models.DecimalField(decimal_places=2, default=0, max_digits=14, verbose_name=nombre)


def crear_horario(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    horario, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="2",
        day_of_month="1,2,3",
        month_of_year="*",
        day_of_week="*",
        timezone=ZONA,
    )
    PeriodicTask.objects.get_or_create(
        name=NOMBRE,
        defaults={
            "task": TAREA,
            "crontab": horario,
            "enabled": True,
            "description": "Cierra el mes anterior de cada cartera activa: escribe una vez su "
            "resumen mensual, del que leen los reportes de meses cerrados. Los días 2 y 3 "
            "solo reintentan lo que haya faltado.",
        },
    )


def quitar_horario(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NOMBRE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cobranza", "0023_clave_por_usuario_y_plazo_de_tareas"),
        ("padron", "0013_cartera_fecha_minima_historica"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CierreMes",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "periodo",
                    models.DateField(help_text="Primer día del mes.", verbose_name="periodo"),
                ),
                ("cerrado", models.DateTimeField(verbose_name="cerrado el")),
                ("filas", models.PositiveIntegerField(default=0, verbose_name="filas del resumen")),
                (
                    "segundos",
                    models.DecimalField(
                        decimal_places=2, default=0, max_digits=9, verbose_name="duración (s)"
                    ),
                ),
                ("vencido_inicio", _dinero("cartera vencida al inicio")),
                ("cobrado_vencido", _dinero("cobrado de cartera vencida")),
                ("cobrado_corriente", _dinero("cobrado de facturación corriente")),
                ("rezago", _dinero("rezago")),
                (
                    "cuentas_regularizadas",
                    models.PositiveIntegerField(default=0, verbose_name="cuentas regularizadas"),
                ),
                ("cifras", models.JSONField(default=dict, verbose_name="cifras del mes")),
                (
                    "cartera",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="cierres",
                        to="padron.cartera",
                    ),
                ),
            ],
            options={
                "verbose_name": "cierre de mes",
                "verbose_name_plural": "cierres de mes",
                "ordering": ["-periodo", "cartera"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("cartera", "periodo"), name="cierre_uno_por_mes"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="ResumenMensual",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("periodo", models.DateField(verbose_name="periodo")),
                ("servicio", models.CharField(max_length=12, verbose_name="servicio")),
                ("concepto", models.CharField(max_length=20, verbose_name="concepto")),
                (
                    "clasificacion",
                    models.CharField(blank=True, max_length=20, verbose_name="clasificación"),
                ),
                ("sector", models.CharField(blank=True, max_length=20, verbose_name="sector")),
                ("vencido_inicio", _dinero("vencido al inicio")),
                ("cobrado_vencido", _dinero("cobrado de cartera vencida")),
                ("cobrado_corriente", _dinero("cobrado de facturación corriente")),
                ("rezago", _dinero("rezago")),
                ("cierre_1_30", _dinero("vencido al cierre, 1-30 días")),
                ("cierre_31_60", _dinero("vencido al cierre, 31-60 días")),
                ("cierre_61_90", _dinero("vencido al cierre, 61-90 días")),
                ("cierre_91_180", _dinero("vencido al cierre, 91-180 días")),
                ("cierre_181_365", _dinero("vencido al cierre, 181-365 días")),
                ("cierre_mas_365", _dinero("vencido al cierre, más de 365 días")),
                (
                    "cartera",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="padron.cartera",
                    ),
                ),
                (
                    "cuenta",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="padron.cuenta",
                    ),
                ),
                (
                    "gestor",
                    models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "resumen mensual",
                "verbose_name_plural": "resúmenes mensuales",
                "indexes": [
                    models.Index(fields=["cartera", "periodo"], name="resumen_cartera_periodo")
                ],
            },
        ),
        migrations.RunPython(crear_horario, quitar_horario),
    ]
