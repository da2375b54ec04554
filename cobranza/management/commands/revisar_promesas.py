"""manage.py revisar_promesas [--fecha dd/mm/aaaa]"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from cobranza.gestiones.services import promesas_revisar
from padron.auditoria import actuando_como
from padron.fechas import hoy
from padron.texto import cantidad


def _fecha(texto):
    try:
        return datetime.strptime(texto, "%d/%m/%Y").date()
    except ValueError as exc:
        raise CommandError(f"Fecha no válida «{texto}»: use dd/mm/aaaa.") from exc


class Command(BaseCommand):
    help = (
        "Revisa las promesas de pago vigentes contra los pagos: cumplida si ya se pagó lo "
        "prometido dentro del plazo, incumplida si la fecha pasó sin completarlo. Correrlo dos "
        "veces el mismo día no cambia nada más."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="día de la revisión, dd/mm/aaaa (por omisión: hoy)")

    def handle(self, *args, fecha, **opciones):
        dia = _fecha(fecha) if fecha else hoy()
        if dia > hoy():
            raise CommandError("La fecha de la revisión no puede ser futura.")
        with actuando_como():
            revision = promesas_revisar(dia=dia)
        self.stdout.write(
            self.style.SUCCESS(
                f"Promesas revisadas al {dia:%d/%m/%Y}: {cantidad(revision.cumplidas, 'cumplida')}, "
                f"{cantidad(revision.incumplidas, 'incumplida')}, "
                f"{revision.vigentes} sigue{'n' if revision.vigentes != 1 else ''} vigente{'s' if revision.vigentes != 1 else ''}."
            )
        )
