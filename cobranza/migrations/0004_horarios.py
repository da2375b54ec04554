"""The ledger's scheduled jobs in Celery beat's table (editable in the admin).

get_or_create by name: a schedule edited in the admin is never overwritten.
"""

from django.db import migrations

ZONA = "America/Hermosillo"
TAREAS = [
    # (name, task, crontab: minute, hour, day of month)
    ("Recargos mensuales", "cobranza.tasks.generar_recargos_mensuales", "30", "0", "1"),
    ("Conciliación nocturna de saldos", "cobranza.tasks.conciliar_saldos", "0", "1", "*"),
]


def crear(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for nombre, tarea, minuto, hora, dia in TAREAS:
        horario, _ = CrontabSchedule.objects.get_or_create(
            minute=minuto,
            hour=hora,
            day_of_month=dia,
            month_of_year="*",
            day_of_week="*",
            timezone=ZONA,
        )
        PeriodicTask.objects.get_or_create(
            name=nombre, defaults={"task": tarea, "crontab": horario, "enabled": True}
        )


def quitar(apps, schema_editor):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name__in=[t[0] for t in TAREAS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cobranza", "0003_indices_ajustes"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(crear, quitar)]
