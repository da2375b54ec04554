"""`make bench`: measurements at scale against PostgreSQL, written to docs/benchmarks.md.

Seeds 200,000 accounts × 24 months if the database has none, then measures over
real HTTP (gunicorn on loopback, 16 concurrent clients). Each measurement is a
function in `bench.mediciones.MEDICIONES`; a later issue adds its own module and
appends its functions there (each result names the docs section it belongs to).
"""
