"""cobranza's admin pages, gathered from the subdomains that have them."""

from cobranza.archivo import admin as archivo  # noqa: F401 (registers its models)
from cobranza.atencion import admin as atencion  # noqa: F401 (registers its models)
