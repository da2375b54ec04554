"""One money parser at every entry point: "1,50" is never $150.00, "1e2" never $100.00."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from cobranza.libro.services.importacion import pagos_importar
from cobranza.models import Pago
from cobranza.reportes.metas import meta_fijar
from padron.campos import CampoMonto, MontoField
from padron.dinero import validar_monto
from padron.importacion import celdas
from tests.factories import CuentaFactory

CENTAVOS = st.integers(min_value=1, max_value=99_999_999_999)  # $0.01 … $999,999,999.99


def _con_miles(entero: int) -> str:
    return f"{entero:,}"


@given(CENTAVOS, st.booleans(), st.booleans())
def test_todo_monto_bien_escrito_se_lee_al_centavo(centavos, miles, signo):
    monto = Decimal(centavos) / 100
    pesos, resto = divmod(centavos, 100)
    texto = f"{'$' if signo else ''}{_con_miles(pesos) if miles else pesos}.{resto:02d}"
    assert validar_monto(texto) == monto


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=0, max_value=99))
def test_la_coma_decimal_se_rechaza_nunca_se_multiplica(pesos, centavos):
    # "1,50" and "1234,50" are what a careless client sends meaning $1.50 / $1,234.50.
    for texto in (f"{pesos},{centavos:02d}", f"{pesos}{centavos:02d},{centavos:02d}"):
        with pytest.raises(ValidationError) as error:
            validar_monto(texto, campo="importe")
        assert "la coma solo separa miles" in error.value.message_dict["importe"][0]


@given(
    st.integers(min_value=1, max_value=999_999),
    st.integers(min_value=-3, max_value=6).filter(lambda e: e != 0),
)
def test_los_exponentes_se_rechazan(mantisa, exponente):
    for texto in (f"{mantisa}e{exponente}", f"{mantisa}E{exponente}", f"{mantisa}e+{exponente}"):
        with pytest.raises(ValidationError):
            validar_monto(texto)


@given(st.integers(min_value=1, max_value=10**9), st.integers(min_value=1, max_value=9))
def test_mas_de_dos_decimales_se_rechaza(pesos, milesima):
    with pytest.raises(ValidationError) as error:
        validar_monto(f"{pesos}.00{milesima}")
    assert "dos decimales" in error.value.message_dict["monto"][0]


@pytest.mark.parametrize(
    "texto", ["1,2,3", "$1,2,3", "12,34,567", "1.2.3", "abc", "", "--5", "NaN"]
)
def test_formas_mal_escritas_se_rechazan(texto):
    with pytest.raises(ValidationError):
        validar_monto(texto)


@given(st.text(max_size=20))
def test_cualquier_texto_da_un_monto_o_un_error_en_espanol_nunca_otra_excepcion(texto):
    try:
        monto = validar_monto(texto)
    except ValidationError as error:
        assert error.message_dict["monto"]
    else:
        assert monto > 0 and monto == monto.quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("texto", "esperado"),
    [("1234.50", "1234.50"), ("1,234.50", "1234.50"), ("$1,234.50", "1234.50"), ("7", "7.00")],
)
def test_campo_de_formulario_y_de_api_leen_lo_mismo(texto, esperado):
    assert CampoMonto().clean(texto) == Decimal(esperado)
    assert MontoField().run_validation(texto) == Decimal(esperado)


@pytest.mark.parametrize("texto", ["1,50", "1234,50", "1e2", "12.345"])
def test_campo_de_formulario_rechaza_con_mensaje_en_espanol(texto):
    with pytest.raises(ValidationError) as error:
        CampoMonto().clean(texto)
    assert error.value.messages[0].startswith("El monto")


def test_las_celdas_decimales_de_una_importacion_no_leen_la_coma_como_miles():
    assert celdas.decimal("1,234.5") == Decimal("1234.5")
    assert celdas.decimal(6.5) == Decimal("6.5")
    for valor in ("6,5", "1e2", "1,2,3"):
        with pytest.raises(ValueError, match="no es un número"):
            celdas.decimal(valor)


# --- the real entry points ------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("monto", ["1,50", "$1,2,3", "1e2", "1.505"])
def test_api_de_pagos_rechaza_montos_ambiguos_con_400_que_nombra_monto(
    cliente_api, crear_usuario, monto
):
    cuenta = CuentaFactory()
    respuesta = cliente_api(crear_usuario("caja")).post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/", {"monto": monto}, format="json"
    )
    assert respuesta.status_code == 400
    assert list(respuesta.json()["error"]["campos"]) == ["monto"]
    assert not Pago.objects.filter(cuenta=cuenta).exists()


@pytest.mark.django_db
def test_api_de_pagos_acepta_miles_con_coma(cliente_api, crear_usuario):
    cuenta = CuentaFactory()
    respuesta = cliente_api(crear_usuario("caja")).post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/", {"monto": "$1,234.50"}, format="json"
    )
    assert respuesta.status_code == 201, respuesta.json()
    assert Pago.objects.get(cuenta=cuenta).monto == Decimal("1234.50")


@pytest.mark.django_db
def test_importar_pagos_rechaza_la_coma_decimal_nombrando_la_fila(tmp_path):
    cuenta = CuentaFactory(numero="3001")
    ruta = tmp_path / "banco.csv"
    ruta.write_text(
        'numero_cuenta,fecha,monto,referencia\n3001,15/02/2025,200.00,B1\n3001,15/02/2025,"1234,50",B2\n',
        encoding="utf-8",
    )
    resultado = pagos_importar(archivo=ruta, nombre=ruta.name)

    assert not resultado.importado
    assert resultado.errores() == [
        "Fila 3, columna monto: El monto debe ser un número como 1234.50 o 1,234.50 "
        "(la coma solo separa miles)."
    ]
    assert not Pago.objects.filter(cuenta=cuenta).exists()


@pytest.mark.django_db
def test_una_meta_escrita_con_coma_decimal_no_vale_cien_veces_mas(crear_usuario):
    cuenta = CuentaFactory()
    with pytest.raises(ValidationError) as error:
        meta_fijar(
            cartera=cuenta.cartera,
            periodo=date(2026, 11, 1),
            indicador="monto_recuperado",
            valor="1500,50",
            usuario=crear_usuario("supervisor"),
        )
    assert "valor" in error.value.message_dict
