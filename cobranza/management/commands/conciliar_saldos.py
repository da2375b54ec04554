"""manage.py conciliar_saldos [--verificar]"""

from django.core.management.base import BaseCommand

from cobranza.libro.services.conciliacion import saldos_conciliar
from padron.auditoria import actuando_como


class Command(BaseCommand):
    help = (
        "Compara el saldo mantenido de cada cuenta con el libro (cargos, pagos, ajustes), informa "
        "las diferencias y corrige, al día de hoy, solo los saldos que difieren. Con "
        "--verificar solo informa, y termina con código 1 si hay diferencias."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--verificar", action="store_true", help="solo informar; no corregir nada"
        )
        parser.add_argument(
            "--muestra", type=int, default=10, help="cuántas diferencias listar (por omisión 10)"
        )

    def handle(self, *args, verificar, muestra, **opciones):
        with actuando_como():
            resultado = saldos_conciliar(verificar=verificar)
        for linea in resultado.lineas(muestra=muestra):
            self.stdout.write(linea)
        if verificar and resultado.diferencias:
            # SystemExit, not CommandError: the report above is the message.
            raise SystemExit(1)
