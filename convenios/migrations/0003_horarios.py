"""Daily jobs of convenios in Celery beat's schedule table (editable in the admin)."""

from django.db import migrations

TAREAS = [
    ("Convenios: revisión diaria de incumplimientos", "convenios.tasks.revisar_incumplimientos", "15", "2"),
    ("Convenios: recordatorios de parcialidades", "convenios.tasks.enviar_recordatorios", "0", "8"),
]


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for nombre, tarea, minuto, hora in TAREAS:
        horario, _ = CrontabSchedule.objects.get_or_create(
            minute=minuto, hour=hora, day_of_week="*", day_of_month="*", month_of_year="*",
            timezone="America/Hermosillo",
        )
        PeriodicTask.objects.get_or_create(name=nombre, defaults={"task": tarea, "crontab": horario})


def quitar(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=[t[0] for t in TAREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [("convenios", "0002_convenios"), ("django_celery_beat", "0019_alter_periodictasks_options")]
    operations = [migrations.RunPython(crear, quitar)]
