"""The educational credit's daily job (start recoveries, charge the months due), in beat's table.

get_or_create by name, as 0004_horarios: a schedule edited in the admin is never overwritten.
"""

from django.db import migrations

ZONA = "America/Hermosillo"
NOMBRE = "Crédito educativo: inicio de recuperación y mensualidades"
TAREA = "cobranza.tasks.mensualidades_credito"


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    horario, _ = CrontabSchedule.objects.get_or_create(
        minute="45",
        hour="0",
        day_of_month="*",
        month_of_year="*",
        day_of_week="*",
        timezone=ZONA,
    )
    PeriodicTask.objects.get_or_create(
        name=NOMBRE, defaults={"task": TAREA, "crontab": horario, "enabled": True}
    )


def quitar(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NOMBRE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cobranza", "0015_credito_educativo"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
