"""manage.py revisar_convenios [--fecha dd/mm/aaaa]"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from convenios.services.incumplimiento import convenios_revisar_incumplimiento
from convenios.services.recordatorios import recordatorios_enviar
from padron.auditoria import actuando_como
from padron.fechas import hoy
from padron.texto import cantidad


class Command(BaseCommand):
    help = (
        "La revisión diaria de convenios (también las tareas de Celery de cada mañana): marca "
        "incumplidos los que tienen las parcialidades vencidas que su política tolera, cobra el "
        "descuento si la política lo dice, y envía los recordatorios de las parcialidades por "
        "vencer. Correrla dos veces el mismo día no repite nada."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="día de la revisión, dd/mm/aaaa (por omisión: hoy)")

    def handle(self, *args, fecha, **opciones):
        try:
            dia = datetime.strptime(fecha, "%d/%m/%Y").date() if fecha else hoy()
        except ValueError:
            raise CommandError("--fecha inválida: use dd/mm/aaaa.") from None
        with actuando_como() as sistema:
            incumplidos = convenios_revisar_incumplimiento(usuario=sistema, dia=dia)
            enviados = recordatorios_enviar(dia=dia)
        for convenio in incumplidos:
            self.stdout.write(f"Incumplido: {convenio.folio} (cuenta {convenio.cuenta.numero})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{dia:%d/%m/%Y}: "
                f"{cantidad(len(incumplidos), 'convenio incumplido', 'convenios incumplidos')}, "
                f"{cantidad(enviados, 'recordatorio enviado', 'recordatorios enviados')}."
            )
        )
