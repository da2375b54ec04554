"""Schemathesis against the live server: no 5xx, and every answer as /api/schema/ says.

A few generated requests per operation (max_examples=3, derandomized: the same requests on
every run, so a red run repeats), once with a supervisor's token and once with a cashier's.
Mutating operations run too: the database is the test's. See docs/ARCHITECTURE.md,
"Entradas hostiles y esquema".
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import CuentaFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
POR_OPERACION = settings(
    max_examples=3,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def _fallas(esquema, base, encabezados):
    fallas = []
    for resultado in esquema.get_all_operations():
        operacion = resultado.ok()

        @POR_OPERACION
        @given(caso=operacion.as_strategy())
        def probar(caso):
            caso.call_and_validate(base_url=base, headers=encabezados, checks=CHECKS)

        try:
            probar()
        except (Exception, BaseExceptionGroup) as falla:  # every operation reports, one assert
            fallas.append(f"{operacion.method.upper()} {operacion.path}: {falla}"[:2000])
    return fallas


@pytest.mark.django_db(transaction=True)
def test_la_api_cumple_su_esquema(live_server, crear_usuario):
    CuentaFactory()
    esquema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    fallas = []
    for rol in ("supervisor", "caja"):
        token, _ = Token.objects.get_or_create(user=crear_usuario(rol))
        encabezados = {"Authorization": f"Token {token.key}"}
        fallas += [f"[{rol}] {f}" for f in _fallas(esquema, f"{live_server.url}", encabezados)]
    assert not fallas, "\n\n".join(fallas)
