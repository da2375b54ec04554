"""manage.py importar_padron ARCHIVO [--parcial] [--cartera clave] [--usuario nombre]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from padron.auditoria import actuando_como
from padron.comandos import archivo_existente, rechazados_escribir
from padron.comandos import autor as autor_de
from padron.importacion.services import padron_importar
from padron.texto import cantidad


class Command(BaseCommand):
    help = (
        "Importa el padrón desde un archivo CSV o XLSX. Si alguna fila tiene errores no se "
        "importa nada, salvo con --parcial: entonces entran las filas válidas y las rechazadas "
        "se escriben en <archivo>.rechazados.csv con sus motivos."
    )

    def add_arguments(self, parser):
        parser.add_argument("archivo", help="ruta del archivo .csv o .xlsx")
        parser.add_argument(
            "--parcial",
            action="store_true",
            help="importar las filas válidas y escribir las rechazadas en <archivo>.rechazados.csv",
        )
        parser.add_argument(
            "--cartera", help="clave de la cartera para las filas que no la indican"
        )
        parser.add_argument(
            "--usuario", help="usuario que queda como autor en el historial (por omisión: sistema)"
        )

    def handle(self, *args, archivo, parcial, cartera, usuario, **opciones):
        ruta = archivo_existente(archivo)
        autor = autor_de(usuario)
        try:
            with actuando_como(autor):
                resultado = padron_importar(
                    archivo=ruta, nombre=ruta.name, parcial=parcial, cartera=cartera, usuario=autor
                )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

        for error in resultado.errores:
            self.stderr.write(f"Fila {error.fila}, {error.columna or 'fila'}: {error.mensaje}")
        if not resultado.importado:
            raise CommandError(
                f"No se importó nada: {cantidad(len(resultado.filas_rechazadas), 'fila')} con errores "
                f"en {ruta.name}. Corrija el archivo o use --parcial."
            )
        self.stdout.write(self.style.SUCCESS(resultado.resumen()))
        rechazados_escribir(self, ruta, resultado)
