"""The sweep of corte orders in Celery beat's table, every 30 minutes (editable in the admin).

get_or_create by name, as 0004_horarios: a schedule edited in the admin is never overwritten.
"""

from django.db import migrations

ZONA = "America/Hermosillo"
NOMBRE = "Barrido de órdenes de corte"
TAREA = "cobranza.tasks.barrer_ordenes_corte"


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    horario, _ = CrontabSchedule.objects.get_or_create(
        minute="*/30",
        hour="*",
        day_of_month="*",
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
            "description": "Cancela las órdenes de corte pendientes que ya no proceden (pago, "
            "convenio al corriente) y genera las reconexiones que falten.",
        },
    )


def quitar(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=NOMBRE).delete()


class Migration(migrations.Migration):
    # After the last cobranza migration when written (0009_reportes), so the graph keeps one leaf.
    dependencies = [
        ("cobranza", "0009_reportes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
