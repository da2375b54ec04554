"""Goals: supervision sets them per cartera, month and indicator; every report shows what was
achieved against them and the índice de cumplimiento (logrado ÷ meta × 100, two places)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cobranza.models import Meta
from cobranza.reportes import comparativo, recuperacion_reporte
from cobranza.reportes.metas import indice_cumplimiento, meta_cambiar, meta_fijar
from tests.cobranza.reportes.test_reporte_recuperacion import cartera as golden  # noqa: F401 (fixture)
from tests.factories import CarteraFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
OCTUBRE = date(2026, 10, 1)


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.mark.parametrize(
    ("logrado", "meta", "indice"),
    [
        ("1290.00", "2000.00", D("64.50")),
        ("68.25", "70.00", D("97.50")),
        (1, 3, D("33.33")),  # 33.333…
        (2, 3, D("66.67")),  # 66.666… rounds half-up
        ("150.00", "100.00", D("150.00")),  # beyond the goal
        ("0.00", "5", D("0.00")),
        (None, "5", None),  # nothing known of what was achieved
    ],
)
def test_indice_de_cumplimiento_a_dos_decimales(logrado, meta, indice):
    assert indice_cumplimiento(logrado, D(str(meta))) == indice


def test_supervision_fija_una_meta(supervisor):
    cartera = CarteraFactory()
    meta = meta_fijar(
        cartera=cartera,
        periodo=date(2026, 10, 17),
        indicador="monto_recuperado",
        valor="150,000.50",
        usuario=supervisor,
    )
    assert (meta.periodo, meta.valor, meta.fijada_por) == (OCTUBRE, D("150000.50"), supervisor)


@pytest.mark.parametrize(
    ("indicador", "valor", "mensaje"),
    [
        ("monto_recuperado", "0", "mayor que cero"),
        ("monto_recuperado", "-5", "mayor que cero"),
        ("monto_recuperado", "mucho", "un número"),
        ("porcentaje_recuperacion", "120", "no puede pasar de 100"),
        ("cuentas_regularizadas", "2.5", "entero"),
    ],
)
def test_una_meta_invalida_se_rechaza_nombrando_el_campo(supervisor, indicador, valor, mensaje):
    with pytest.raises(ValidationError) as error:
        meta_fijar(
            cartera=CarteraFactory(),
            periodo=OCTUBRE,
            indicador=indicador,
            valor=valor,
            usuario=supervisor,
        )
    assert mensaje in error.value.message_dict["valor"][0]
    assert not Meta.objects.exists()


def test_una_meta_por_indicador_y_mes(supervisor):
    cartera = CarteraFactory()
    datos = {"cartera": cartera, "periodo": OCTUBRE, "indicador": "cobertura"}
    meta_fijar(**datos, valor="80", usuario=supervisor)
    with pytest.raises(ValidationError) as error:
        meta_fijar(**datos, valor="90", usuario=supervisor)
    assert "edítela" in error.value.message_dict["indicador"][0]


@pytest.mark.parametrize("rol", ["gerencia", "ventanilla", "caja"])
def test_solo_supervision_fija_metas(crear_usuario, supervisor, rol):
    cartera = CarteraFactory()
    with pytest.raises(PermissionDenied):
        meta_fijar(
            cartera=cartera,
            periodo=OCTUBRE,
            indicador="cobertura",
            valor="80",
            usuario=crear_usuario(rol),
        )
    meta = meta_fijar(
        cartera=cartera, periodo=OCTUBRE, indicador="cobertura", valor="80", usuario=supervisor
    )
    with pytest.raises(PermissionDenied):
        meta_cambiar(meta=meta, valor="90", usuario=crear_usuario(rol))


def test_cambiar_una_meta_guarda_su_historial(supervisor, crear_usuario):
    otro = crear_usuario("supervisor")
    meta = meta_fijar(
        cartera=CarteraFactory(),
        periodo=OCTUBRE,
        indicador="cobertura",
        valor="80",
        usuario=supervisor,
    )
    meta_cambiar(meta=meta, valor="85.5", usuario=otro)
    valores = [(h.valor, h.fijada_por_id) for h in meta.history.order_by("history_date")]
    assert valores == [(D("80.00"), supervisor.pk), (D("85.50"), otro.pk)]
    with pytest.raises(ValidationError):
        meta_cambiar(meta=meta, valor="0", usuario=otro)


def test_el_reporte_muestra_logrado_contra_meta(request, supervisor):
    """The golden October 2026: cobrado vencido 1,290.00, 68.25%, 1 cuenta regularizada,
    no convenio, coverage 0 of 2 assigned cuentas (no gestión at all).
      monto recuperado   meta 2,000.00 → 1,290.00 ÷ 2,000.00 = 64.50
      % de recuperación  meta 70       → 68.25 ÷ 70 = 97.50
      regularizadas      meta 3        → 1 ÷ 3 = 33.33
      cobertura          meta 80       → 0.00 ÷ 80 = 0.00"""
    cartera, _ = request.getfixturevalue("golden")
    for indicador, valor in (
        ("monto_recuperado", "2000"),
        ("porcentaje_recuperacion", "70"),
        ("cuentas_regularizadas", "3"),
        ("cobertura", "80"),
    ):
        meta_fijar(
            cartera=cartera, periodo=OCTUBRE, indicador=indicador, valor=valor, usuario=supervisor
        )
    metas = recuperacion_reporte.calcular(cartera, OCTUBRE)["metas"]
    assert [(m["indicador"], m["meta"], m["logrado"], m["indice"]) for m in metas] == [
        ("monto_recuperado", "2000.00", "1290.00", "64.50"),
        ("porcentaje_recuperacion", "70.00", "68.25", "97.50"),
        ("cuentas_regularizadas", 3, 1, "33.33"),
        ("cobertura", "80.00", "0.00", "0.00"),
    ]
    # The other reports show the same goals, achieved as the recovery report says.
    assert comparativo.calcular(cartera, OCTUBRE)["metas"] == metas
