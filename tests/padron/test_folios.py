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


def test_folio_asignar_escribe_el_folio_en_el_renglon_y_su_historial():
    """The payment's form: number and write it into the pago and its history row at once;
    past 999,999 the number keeps all its digits, as folio_siguiente's does."""
    from cobranza.models import Pago
    from padron.folios import folio_asignar
    from tests.factories import CuentaFactory

    pago = Pago.objects.create(
        cuenta=CuentaFactory(), fecha="2026-03-10", monto="10.00", remanente="10.00"
    )
    tablas = (Pago._meta.db_table, Pago.history.model._meta.db_table)
    assert folio_asignar("R26", tablas=tablas, pk=pago.pk) == "R26-000001"
    pago.refresh_from_db()
    assert pago.folio == "R26-000001"
    assert list(pago.history.values_list("folio", flat=True)) == ["R26-000001"]
    Folio.objects.filter(serie="R26").update(ultimo=1_234_566)
    assert folio_asignar("R26", tablas=tablas, pk=pago.pk) == "R26-1234567"
    assert folio_siguiente("R26") == "R26-1234568"
