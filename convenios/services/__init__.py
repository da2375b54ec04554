"""Writes of convenios, one module per step: negociación, captura, autorización, abonos, incumplimiento."""
