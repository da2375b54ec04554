"""manage.py barrer_ordenes_corte [--fecha dd/mm/aaaa]"""

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from cobranza.cortes.services.campo import ordenes_corte_barrer
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
        "Cancela las órdenes de corte pendientes que ya no proceden (el usuario pagó su saldo "
        "vencido o tiene convenio al corriente) y genera las reconexiones que falten. Correrlo "
        "dos veces no cambia nada más."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fecha", help="día del barrido, dd/mm/aaaa (por omisión: hoy)")

    def handle(self, *args, fecha, **opciones):
        dia = _fecha(fecha) if fecha else hoy()
        if dia > hoy():
            raise CommandError("La fecha del barrido no puede ser futura.")
        with actuando_como() as sistema:
            barrido = ordenes_corte_barrer(dia=dia, usuario=sistema)
        self.stdout.write(
            self.style.SUCCESS(
                f"Barrido de órdenes de corte al {dia:%d/%m/%Y}: "
                f"{cantidad(barrido.canceladas, 'cancelada')}, "
                f"{cantidad(barrido.reconexiones, 'reconexión generada', 'reconexiones generadas')}."
            )
        )
