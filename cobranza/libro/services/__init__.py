"""Writes to the ledger, one module per subdomain. Every service locks the cuenta."""
