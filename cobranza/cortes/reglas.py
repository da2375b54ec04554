"""Criteria and exclusions of the lista de corte that other apps contribute.

cobranza does not import the apps built on it (convenios); they register their rules here
at start-up, the way pretix's plugins register through signals. Each rule is a function
`dia -> queryset of cuenta ids` (e.g. `Convenio.objects.filter(...).values("cuenta_id")`)
that the list generation uses as a subquery, so it stays one SQL statement. The ids must
not be NULL (the subquery is also used under NOT IN).

- CRITERIOS_EXTRA: an account found there is eligible whatever its months overdue
  (e.g. convenio incumplido).
- EXCLUSIONES_EXTRA: an account found there is left out, and the list records why
  (e.g. convenio al corriente).
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ReglaExtra:
    clave: str  # stored as the motivo of the order or of the exclusion (max. 40)
    etiqueta: str
    cuentas: Callable  # dia -> queryset of cuenta ids


CRITERIOS_EXTRA: list[ReglaExtra] = []
EXCLUSIONES_EXTRA: list[ReglaExtra] = []


def _registrar(lista, clave, etiqueta, funcion):
    # AppConfig.ready() may run more than once (tests): the first registration stays.
    if any(regla.clave == clave for regla in lista):
        return
    lista.append(ReglaExtra(clave=clave, etiqueta=etiqueta, cuentas=funcion))


def criterio_de_corte(clave: str, etiqueta: str, funcion: Callable) -> None:
    _registrar(CRITERIOS_EXTRA, clave, etiqueta, funcion)


def exclusion_de_corte(clave: str, etiqueta: str, funcion: Callable) -> None:
    _registrar(EXCLUSIONES_EXTRA, clave, etiqueta, funcion)
