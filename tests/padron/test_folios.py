"""Receipt folios: consecutive per series, never repeated, and a rolled-back payment leaves
no hole (padron.folios)."""

import pytest
from django.db import transaction

from padron.folios import folio_siguiente
from padron.models import Folio

pytestmark = pytest.mark.django_db


def test_una_serie_nueva_empieza_en_uno_y_sigue_sin_huecos():
    assert [folio_siguiente("R26") for _ in range(3)] == ["R26-000001", "R26-000002", "R26-000003"]
    assert folio_siguiente("R27", digitos=4) == "R27-0001"
    assert Folio.objects.get(serie="R26").ultimo == 3


def test_un_folio_tomado_en_una_transaccion_deshecha_se_vuelve_a_usar():
    assert folio_siguiente("R26") == "R26-000001"
    with pytest.raises(RuntimeError), transaction.atomic():
        assert folio_siguiente("R26") == "R26-000002"
        raise RuntimeError("el pago falló después de tomar su folio")
    assert folio_siguiente("R26") == "R26-000002"
