"""cobranza's admin pages, gathered from the subdomains that have them."""

from cobranza.atencion import admin as atencion  # noqa: F401 (registers its models)
