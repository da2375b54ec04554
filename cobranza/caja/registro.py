"""What other apps tell the caja about a cuenta, without cobranza importing them.

convenios registers here at start-up (convenios/apps.py), as it does with
`libro.services.aplicacion.preferencias_de_pago`:

- `por_pagar`: functions (cuenta) -> dict | None. The parcialidad that is due on the
  cuenta, shown on the payment page and proposed as the amount. Keys: `convenio` (folio),
  `numero`, `fecha_vencimiento`, `monto` (what is left of it), `vencido` (what is overdue,
  this one included), `parcialidades_vencidas` (how many), `propuesto` (the amount offered).
- `lo_pagado`: functions (pago) -> dict | None. What the pago paid besides cargos, for
  the receipt. Keys: `convenio` (folio), `parcialidades` (list of {numero, monto}).
"""

por_pagar = []
lo_pagado = []


def registrar(*, parcialidad_por_pagar=None, pagado_por_el_pago=None):
    """Idempotent: the app registry may run ready() more than once in tests."""
    if parcialidad_por_pagar and parcialidad_por_pagar not in por_pagar:
        por_pagar.append(parcialidad_por_pagar)
    if pagado_por_el_pago and pagado_por_el_pago not in lo_pagado:
        lo_pagado.append(pagado_por_el_pago)


def parcialidad_por_pagar(cuenta):
    """The first answer of the registered functions, or None."""
    return next((d for f in por_pagar if (d := f(cuenta))), None)


def pagado_por_el_pago(pago):
    return next((d for f in lo_pagado if (d := f(pago))), None)
