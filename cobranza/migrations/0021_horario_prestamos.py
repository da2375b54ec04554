"""The daily reminder of overdue loans of originals, in Celery beat's table.

get_or_create by name, as 0004_horarios: a schedule edited in the admin is never overwritten.
"""

from django.db import migrations

ZONA = "America/Hermosillo"
NOMBRE = "Recordatorio de préstamos de originales vencidos"
TAREA = "cobranza.tasks.recordar_prestamos_vencidos"


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    horario, _ = CrontabSchedule.objects.get_or_create(
        minute="0",
        hour="8",
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
        ("cobranza", "0020_tipos_documento"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
