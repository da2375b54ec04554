"""Archivo: one module per part (expedientes, ubicacion, prestamos)."""
