"""Custodia de documentos (docs/archivo.md)."""
