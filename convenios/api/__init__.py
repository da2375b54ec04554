"""/api/v1/ of convenios: the front desk (mostrador), the convenio and its authorisation
(convenio), its documents (documentos), and policies and reports (politicas).

Thin views: find what the user may see (cuentas_visibles; 404 otherwise), translate the
input, call the simulation or one service, answer with what was written. The services
validate; their ValidationError goes out through config.api.manejar_error.
"""
