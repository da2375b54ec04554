"""Management reports: monthly recovery, debtor statistics, billing comparison, goals.

Every figure is an SQL aggregate over the ledger (cargos, aplicaciones, ajustes) and the
maintained balances; docs/reportes.md defines each one so an auditor can recompute it.
"""
