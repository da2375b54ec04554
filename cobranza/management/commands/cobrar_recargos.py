"""manage.py cobrar_recargos --periodo 2026-10 [--cartera clave]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cobranza.libro.services.recargos import periodo_leer, recargos_generar
from padron.auditoria import actuando_como
from padron.dinero import formato_pesos
from padron.fechas import hoy
from padron.models import Cartera
from padron.texto import cantidad


class Command(BaseCommand):
    help = (
        "Cobra los recargos del mes sobre el adeudo principal vencido de cada cuenta, con la "
        "tasa y el tope de su cartera. Correrlo dos veces para el mismo mes cobra una sola vez."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--periodo", help="mes de los recargos, aaaa-mm (por omisión: el actual)"
        )
        parser.add_argument(
            "--cartera", help="clave de la cartera (por omisión: todas las activas)"
        )

    def handle(self, *args, periodo, cartera, **opciones):
        try:
            mes = periodo_leer(periodo) if periodo else hoy().replace(day=1)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        carteras = Cartera.objects.filter(activa=True).order_by("clave")
        if cartera:
            carteras = Cartera.objects.filter(clave=cartera)
            if not carteras:
                raise CommandError(f"No existe la cartera «{cartera}».")
        with actuando_como() as sistema:
            for una in carteras:
                try:
                    corrida = recargos_generar(cartera=una, periodo=mes, usuario=sistema)
                except ValidationError as exc:
                    raise CommandError(" ".join(exc.messages)) from exc
                if corrida.repetida:
                    self.stdout.write(
                        f"{una.clave}: los recargos de {mes:%m/%Y} ya se habían cobrado "
                        f"({corrida.cuentas} cuentas, {formato_pesos(corrida.total)}); no se cobró nada."
                    )
                else:
                    self.stdout.write(
                        self.style.SUCCESS(
                            f"{una.clave}: recargos de {mes:%m/%Y} cobrados a "
                            f"{cantidad(corrida.cuentas, 'cuenta')} por "
                            f"{formato_pesos(corrida.total)}."
                        )
                    )
