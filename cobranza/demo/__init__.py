"""Demo data at scale for `manage.py seed_demo` and `make bench`.

nombres.py (Sonoran names, colonias, catalogues), generador.py (rows, with the
ledger's rules applied in memory), escritura.py (COPY or bulk_create), carga.py
(the whole load in one transaction).
"""
