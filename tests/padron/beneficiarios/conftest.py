from tests.cobranza.credito.conftest import (  # noqa: F401 (the credit stories' fixtures)
    cartera_credito,
    estudiante,
    personal,
    programa,
)
