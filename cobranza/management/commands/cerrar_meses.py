"""manage.py cerrar_meses --desde 2025-01 [--hasta 2026-10] [--cartera agua-caborca] [--rehacer]"""

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cobranza.reportes.cierres import cerrar_mes
from cobranza.reportes.comun import cartera_leer, periodo_leer
from cobranza.reportes.recuperacion import ultimo_mes_cerrable
from padron.fechas import sumar_meses
from padron.models import Cartera


def _mensaje(error: ValidationError) -> str:
    return "; ".join(m for mensajes in error.message_dict.values() for m in mensajes)


class Command(BaseCommand):
    help = (
        "Cierra meses terminados: escribe una vez el resumen mensual de cada cartera, del que "
        "leen los reportes de meses cerrados. Los meses ya cerrados se omiten (con --rehacer "
        "se reescriben). Para la puesta en marcha y para rellenar meses anteriores."
    )

    def add_arguments(self, parser):
        parser.add_argument("--desde", required=True, help="primer mes a cerrar, aaaa-mm")
        parser.add_argument(
            "--hasta", help="último mes a cerrar, aaaa-mm (por omisión: el mes anterior)"
        )
        parser.add_argument(
            "--cartera", help="clave de una cartera (por omisión: todas las activas)"
        )
        parser.add_argument(
            "--rehacer",
            action="store_true",
            help="reescribir los meses ya cerrados (cada uno en una sola transacción)",
        )

    def handle(self, *args, desde, hasta, cartera, rehacer, **opciones):
        try:
            primero = periodo_leer(desde, campo="desde")
            ultimo = periodo_leer(hasta, campo="hasta") if hasta else ultimo_mes_cerrable()
            if max(primero, ultimo) > ultimo_mes_cerrable():
                raise ValidationError(
                    {
                        "hasta": "Solo se cierran meses terminados; el mes en curso se calcula en vivo."
                    }
                )
            if primero > ultimo:
                raise ValidationError({"desde": "--desde es posterior a --hasta."})
            carteras = (
                [cartera_leer(cartera)]
                if cartera
                else list(Cartera.objects.filter(activa=True).order_by("clave"))
            )
        except ValidationError as error:
            raise CommandError(_mensaje(error)) from error
        escritos = omitidos = 0
        for una in carteras:
            mes = primero
            while mes <= ultimo:
                inicio = time.perf_counter()
                hecho = cerrar_mes(cartera=una, periodo=mes, rehacer=rehacer)
                segundos = time.perf_counter() - inicio
                if hecho.escrito:
                    escritos += 1
                    self.stdout.write(
                        f"{una.clave} {mes:%Y-%m}: {hecho.cierre.filas:,} filas en "
                        f"{segundos:,.1f} s"
                    )
                else:
                    omitidos += 1
                mes = sumar_meses(mes, 1)
        self.stdout.write(
            self.style.SUCCESS(f"Meses cerrados: {escritos:,}; ya estaban cerrados: {omitidos:,}.")
        )
