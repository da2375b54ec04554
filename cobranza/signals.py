"""Ledger events other apps listen to (convenios, cortes) without cobranza importing them."""

from django.dispatch import Signal

# sent inside the payment's transaction: kwargs pago
pago_registrado = Signal()
# kwargs pago, reversion
pago_revertido = Signal()
# sent by seed_demo after the demo padrón and ledger exist: kwargs carteras
demo_sembrada = Signal()
