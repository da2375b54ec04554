"""Pages of cobranza, one module per job: cuentas (search, estado de cuenta), caja, ajustes."""
