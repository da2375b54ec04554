"""The gerencia dashboard's aging summed every 4 minutes by Celery beat (its cache lasts 5), so
no visit pays for the aggregate. get_or_create by name, as 0011_horario_reportes: a schedule
edited in the admin is never overwritten."""

from django.db import migrations

NOMBRE = "Antigüedad del tablero de gerencia"
TAREA = "cobranza.tasks.tablero_calentar"


def crear(apps, schema_editor):
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    cada, _ = IntervalSchedule.objects.get_or_create(every=4, period="minutes")
    PeriodicTask.objects.get_or_create(
        name=NOMBRE,
        defaults={
            "task": TAREA,
            "interval": cada,
            "enabled": True,
            "description": "Suma la cartera vencida de hoy por antigüedad para la página de "
            "inicio de gerencia, que la guarda 5 minutos.",
        },
    )


def quitar(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NOMBRE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cobranza", "0028_indices_donde_hay"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
