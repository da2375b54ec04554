"""Atención: one module per part (registro, quejas, encuestas)."""
