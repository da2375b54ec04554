"""manage.py importar_pagos ARCHIVO [--canal banco] [--parcial] [--usuario nombre]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cobranza.libro.services.importacion import CANALES, pagos_importar
from cobranza.models import Pago
from padron.auditoria import actuando_como
from padron.comandos import archivo_existente, rechazados_escribir
from padron.comandos import autor as autor_de
from padron.texto import cantidad


class Command(BaseCommand):
    help = (
        "Importa pagos de un archivo del banco o de un punto de cobro (CSV o XLSX con columnas "
        "numero_cuenta, fecha, monto, referencia). Si alguna fila tiene errores no se importa "
        "nada, salvo con --parcial: entonces entran las filas válidas y las rechazadas se "
        "escriben en <archivo>.rechazados.csv con sus motivos. Una referencia ya registrada "
        "no se paga dos veces."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="ruta del archivo .csv o .xlsx")
        parser.add_argument(
            "--canal", default=Pago.Canal.BANCO, choices=CANALES, help="canal de cobro"
        )
        parser.add_argument(
            "--parcial",
            action="store_true",
            help="importar las filas válidas y escribir las rechazadas en <archivo>.rechazados.csv",
        )
        parser.add_argument(
            "--usuario", help="usuario que registra los pagos (por omisión: sistema)"
        )

    def handle(self, *args, archivo, canal, parcial, usuario, **opciones):
        ruta = archivo_existente(archivo)
        autor = autor_de(usuario)
        try:
            with actuando_como(autor):
                resultado = pagos_importar(
                    archivo=ruta, nombre=ruta.name, canal=canal, parcial=parcial, usuario=autor
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

        for linea in resultado.errores():
            self.stderr.write(linea)
        if not resultado.importado:
            raise CommandError(
                f"No se importó nada: {cantidad(len(resultado.rechazadas), 'fila')} con errores en "
                f"{ruta.name}. Corrija el archivo o use --parcial."
            )
        self.stdout.write(self.style.SUCCESS(resultado.resumen()))
        rechazados_escribir(self, ruta, resultado)
