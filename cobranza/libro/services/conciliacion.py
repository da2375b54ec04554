"""Conciliation: the maintained balances (SaldoCuenta) against the ledger.

Two kinds of difference are told apart in the report:
- columns of the ledger (saldo, saldo a favor, último pago): they never depend on
  the day, so a difference there means a write skipped `saldo_recalcular`; it is
  reported as an error and fixed;
- a cuenta without its saldo row (every cuenta gets one when it is created, so a
  missing one is an error too): reported and created;
- the date-dependent columns (saldo vencido, vencimiento más antiguo, meses
  vencidos, antigüedad): they move every night as cargos fall due; the nightly run
  brings them to the new day.

Only the rows that differ are written (and get the day in `calculado_al`); at 200,000
cuentas a quiet night used to rewrite every row.
"""

import logging
from dataclasses import dataclass, field

from cobranza.libro.services.saldos import FALTA_RENGLON, saldos_corregir, saldos_diferencias
from padron.fechas import hoy
from padron.texto import cantidad

log = logging.getLogger(__name__)

COLUMNAS_DEL_LIBRO = (
    FALTA_RENGLON,
    "saldo",
    "saldo_a_favor",
    "ultimo_pago_fecha",
    "ultimo_pago_monto",
)
NOMBRES = {
    FALTA_RENGLON: "renglón de saldo",
    "saldo": "saldo",
    "saldo_vencido": "saldo vencido",
    "saldo_a_favor": "saldo a favor",
    "vencimiento_mas_antiguo": "vencimiento más antiguo",
    "meses_vencidos": "meses vencidos",
    "antiguedad": "antigüedad",
    "ultimo_pago_fecha": "fecha del último pago",
    "ultimo_pago_monto": "monto del último pago",
}
MUESTRA = 10


@dataclass
class Conciliacion:
    dia: object
    diferencias: list = field(default_factory=list)  # [(cuenta_id, columna, guardado, libro)]
    corregidas: int = 0
    verificar: bool = False

    @property
    def cuentas(self):
        return len({d[0] for d in self.diferencias})

    @property
    def sin_renglon(self):
        return [d for d in self.diferencias if d[1] == FALTA_RENGLON]

    @property
    def del_libro(self):
        return [d for d in self.diferencias if d[1] in COLUMNAS_DEL_LIBRO]

    def lineas(self, muestra=MUESTRA) -> list[str]:
        """The report in Spanish: counts, then the first differences."""
        if not self.diferencias:
            return [f"Saldos conciliados al {self.dia:%d/%m/%Y}: sin diferencias."]
        lineas = [
            f"{cantidad(len(self.diferencias), 'diferencia')} en {cantidad(self.cuentas, 'cuenta')} al "
            f"{self.dia:%d/%m/%Y}; {len(self.del_libro)} en columnas del libro "
            "(saldo, saldo a favor, último pago) y el resto por el cambio de día."
        ]
        if faltan := len(self.sin_renglon):
            crear = "" if self.verificar else ("; se crea" if faltan == 1 else "; se crean")
            lineas.append(f"  {cantidad(faltan, 'cuenta')} sin renglón de saldo{crear}.")
        from padron.models import Cuenta

        primeras = self.del_libro[:muestra] or self.diferencias[:muestra]
        numeros = dict(
            Cuenta.objects.filter(pk__in={d[0] for d in primeras}).values_list("pk", "numero")
        )
        for cuenta_id, columna, guardado, libro in primeras:
            if columna == FALTA_RENGLON:
                lineas.append(f"  cuenta {numeros.get(cuenta_id, cuenta_id)}: sin renglón de saldo")
                continue
            lineas.append(
                f"  cuenta {numeros.get(cuenta_id, cuenta_id)}: {NOMBRES.get(columna, columna)} "
                f"guardado {_texto(guardado)}, según el libro {_texto(libro)}"
            )
        if len(self.diferencias) > len(primeras):
            lineas.append(f"  … y {len(self.diferencias) - len(primeras)} más.")
        if self.verificar:
            lineas.append("Solo verificación: no se corrigió nada.")
        else:
            lineas.append(
                f"Saldos recalculados desde el libro: {cantidad(self.corregidas, 'cuenta')}."
            )
        return lineas


def _texto(valor):
    if valor is None or valor == "":
        return "(vacío)"
    return str(valor)


def saldos_conciliar(*, verificar: bool = False, dia=None) -> Conciliacion:
    """Report every difference between SaldoCuenta and the ledger at `dia`, and (unless
    `verificar`) write the ledger's values into the rows that differ, and only those: a
    night with nothing to fix writes no row."""
    dia = dia or hoy()
    resultado = Conciliacion(dia=dia, verificar=verificar)
    if verificar:
        resultado.diferencias = saldos_diferencias(dia=dia)
    else:
        resultado.diferencias, resultado.corregidas = saldos_corregir(dia=dia)
    if resultado.del_libro:
        log.error(
            "Conciliación: diferencias en columnas del libro: %s; primera: %s",
            len(resultado.del_libro),
            resultado.del_libro[0],
        )
    return resultado
