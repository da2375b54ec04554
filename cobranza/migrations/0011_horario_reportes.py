"""The monthly reports in Celery beat's table: day 1 at 06:00, Sonora time (editable in the
admin). They come after the recargos of 00:30 and the 01:00 conciliation of the same day.

get_or_create by name, as 0004_horarios: a schedule edited in the admin is never overwritten.
"""

from django.db import migrations

ZONA = "America/Hermosillo"
NOMBRE = "Reportes mensuales a gerencia"
TAREA = "cobranza.tasks.reportes_mensuales"


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    horario, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="6",
        day_of_month="1",
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
            "description": "Reportes del mes anterior de cada cartera activa, enviados por "
            "correo al grupo gerencia con el PDF de recuperación.",
        },
    )


def quitar(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NOMBRE).delete()


class Migration(migrations.Migration):
    # After the last cobranza migration when written (0010_horario_cortes): one leaf.
    dependencies = [
        ("cobranza", "0010_horario_cortes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
