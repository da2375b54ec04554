"""manage.py reporte_recuperacion --cartera agua-caborca --periodo 2026-10 [--meses 12] [--guardar]"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from cobranza.reportes.comun import cartera_leer, mes_de, periodo_de_reporte, periodo_por_omision
from cobranza.reportes.guardados import reporte_generar
from cobranza.reportes.recuperacion import recuperacion_calcular
from cobranza.reportes.recuperacion_reporte import TIPO, cifras_de
from padron.auditoria import actuando_como
from padron.dinero import formato_pesos
from padron.fechas import sumar_meses
from padron.templatetags.formato import fecha_hora


def _renglones(cifras: dict) -> list[tuple[str, str]]:
    porcentaje = cifras["porcentaje"]
    return [
        ("Cartera vencida al inicio del mes", formato_pesos(cifras["vencido_inicio"])),
        ("Cobrado en el mes", formato_pesos(cifras["cobrado"])),
        ("  de cartera vencida", formato_pesos(cifras["cobrado_vencido"])),
        ("  de facturación corriente", formato_pesos(cifras["cobrado_corriente"])),
        (
            "Porcentaje de recuperación",
            "sin cartera vencida" if porcentaje is None else f"{porcentaje} %",
        ),
        ("Rezago del mes", formato_pesos(cifras["rezago"])),
        ("Cuentas regularizadas", f"{cifras['cuentas_regularizadas']:,}"),
    ]


class Command(BaseCommand):
    help = (
        "Imprime la recuperación mensual de una cartera: cartera vencida al inicio, cobrado, "
        "porcentaje de recuperación, rezago y cuentas regularizadas. Con --guardar además la "
        "guarda (cifras, PDF y XLSX), reemplazando la versión anterior."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cartera", help="clave de la cartera (p. ej. agua-caborca)")
        parser.add_argument(
            "--periodo", help="mes del reporte, aaaa-mm (por omisión: el último mes cerrado)"
        )
        parser.add_argument(
            "--meses",
            type=int,
            default=1,
            help="cuántos meses, terminando en --periodo (p. ej. 12 para llenar el tablero)",
        )
        parser.add_argument(
            "--guardar",
            action="store_true",
            help="guardar cada reporte (reemplaza el guardado de ese mes, si lo hay)",
        )

    def handle(self, *args, cartera, periodo, meses, guardar, **opciones):
        if not cartera:
            raise CommandError("Falta --cartera: la clave de la cartera (p. ej. agua-caborca).")
        if not 1 <= meses <= 120:
            raise CommandError("--meses debe estar entre 1 y 120.")
        try:
            una = cartera_leer(cartera)
            ultimo = mes_de(periodo_de_reporte(periodo) if periodo else periodo_por_omision())
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        # Oldest first: each month's comparison reads the one stored before it.
        for atras in range(meses - 1, -1, -1):
            self._un_mes(una, mes_de(sumar_meses(ultimo.inicio, -atras)), guardar)

    def _un_mes(self, una, mes, guardar):
        if guardar:
            with actuando_como() as sistema:
                reporte = reporte_generar(
                    tipo=TIPO, cartera=una, periodo=mes.inicio, usuario=sistema
                )
            cifras = reporte.datos["cifras"]
        else:
            cifras = cifras_de(recuperacion_calcular(cartera_id=una.pk, periodo=mes.inicio))
        self.stdout.write(f"Recuperación mensual · {una.nombre} ({una.clave}) · {mes.nombre}")
        for etiqueta, valor in _renglones(cifras):
            self.stdout.write(f"{etiqueta + ':':<36}{valor:>18}")
        if guardar:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Guardado: versión {reporte.version}, generado el "
                    f"{fecha_hora(reporte.generado)} (PDF y XLSX)."
                )
            )
