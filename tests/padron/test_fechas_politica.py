"""One date policy at every entry point: sane years, no future payments, the cartera's
earliest date for historic data (a payment dated 01/01/1900 never gets a receipt)."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from cobranza.libro.services.importacion import pagos_importar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Pago
from padron.campos import CampoFecha, FechaField
from padron.fechas import ANIO_MAXIMO, ANIO_MINIMO, FECHA_MINIMA_HISTORICA, hoy, validar_fecha
from padron.importacion.services import padron_importar
from tests.factories import CuentaFactory
from tests.padron.importacion.test_importar_padron import escribir_csv, fila_credito

pytestmark = pytest.mark.fecha

SANAS = st.dates(min_value=date(ANIO_MINIMO, 1, 1), max_value=date(ANIO_MAXIMO, 12, 31))
FUERA = st.dates(max_value=date(ANIO_MINIMO - 1, 12, 31)) | st.dates(
    min_value=date(ANIO_MAXIMO + 1, 1, 1)
)


@given(SANAS)
def test_un_anio_sano_pasa(fecha):
    assert validar_fecha(fecha) == fecha


@given(FUERA)
def test_un_anio_fuera_de_limites_se_rechaza_nombrando_el_campo(fecha):
    with pytest.raises(ValidationError) as error:
        validar_fecha(fecha, campo="fecha_otorgamiento")
    assert "el año debe estar entre" in error.value.message_dict["fecha_otorgamiento"][0]


@given(st.integers(min_value=1, max_value=3650))
def test_sin_futuro_donde_el_dominio_lo_prohibe(dias):
    futura = hoy() + timedelta(days=dias)
    with pytest.raises(ValidationError, match="no puede ser futura"):
        validar_fecha(futura, futura=False, nombre="La fecha del pago")
    if futura.year <= ANIO_MAXIMO:
        assert validar_fecha(futura) == futura  # a vencimiento may be in the future


@given(SANAS, SANAS)
def test_la_fecha_minima_de_la_cartera(fecha, minima):
    if fecha < minima:
        with pytest.raises(ValidationError, match="anterior al"):
            validar_fecha(fecha, minima=minima)
    else:
        assert validar_fecha(fecha, minima=minima) == fecha


@pytest.mark.parametrize("texto", ["01/01/0001", "31/12/9999", "01/01/1900"])
def test_campos_de_formulario_y_api_aplican_la_politica(texto):
    with pytest.raises(ValidationError) as error:
        CampoFecha().clean(texto)
    assert "el año debe estar entre" in error.value.messages[0]
    from rest_framework.exceptions import ValidationError as ErrorApi

    iso = "-".join(reversed(texto.split("/")))
    with pytest.raises(ErrorApi):
        FechaField().run_validation(iso)


def test_campo_de_formulario_sin_futuro():
    manana = hoy() + timedelta(days=1)
    with pytest.raises(ValidationError, match="no puede ser futura"):
        CampoFecha(futura=False).clean(f"{manana:%d/%m/%Y}")
    assert CampoFecha().clean(f"{manana:%d/%m/%Y}") == manana


# --- the real entry points ------------------------------------------------------------------


@pytest.mark.django_db
def test_un_pago_de_1900_se_rechaza_y_no_obtiene_recibo(crear_usuario):
    cuenta = CuentaFactory()
    with pytest.raises(ValidationError) as error:
        pago_registrar(
            cuenta=cuenta,
            monto="100.00",
            registrado_por=crear_usuario("caja"),
            fecha=date(1900, 1, 1),
        )
    assert error.value.message_dict["fecha"] == [
        "La fecha del pago 01/01/1900 no es válida: el año debe estar entre 1950 y 2100."
    ]
    assert not Pago.objects.exists()


@pytest.mark.django_db
def test_un_pago_anterior_a_la_fecha_minima_de_la_cartera(crear_usuario):
    cuenta = CuentaFactory()
    assert cuenta.cartera.fecha_minima_historica == FECHA_MINIMA_HISTORICA
    cuenta.cartera.fecha_minima_historica = date(2015, 1, 1)
    cuenta.cartera.save()
    with pytest.raises(ValidationError) as error:
        pago_registrar(
            cuenta=cuenta,
            monto="10.00",
            registrado_por=crear_usuario("caja"),
            fecha=date(2014, 12, 31),
        )
    assert "anterior al 01/01/2015" in error.value.message_dict["fecha"][0]
    pago = pago_registrar(
        cuenta=cuenta, monto="10.00", registrado_por=crear_usuario("caja"), fecha=date(2015, 1, 1)
    )
    assert pago.fecha == date(2015, 1, 1)


@pytest.mark.django_db
def test_api_de_pagos_con_fecha_de_1900_da_400_que_nombra_fecha(cliente_api, crear_usuario):
    cuenta = CuentaFactory()
    respuesta = cliente_api(crear_usuario("supervisor")).post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/",
        {"monto": "100.00", "fecha": "1900-01-01"},
        format="json",
    )
    assert respuesta.status_code == 400
    assert list(respuesta.json()["error"]["campos"]) == ["fecha"]
    assert not Pago.objects.exists()


@pytest.mark.django_db
def test_importar_pagos_rechaza_1900_y_fechas_anteriores_a_la_cartera(tmp_path):
    CuentaFactory(numero="4001")
    ruta = tmp_path / "banco.csv"
    ruta.write_text(
        "numero_cuenta,fecha,monto,referencia\n"
        "4001,01/01/1900,100.00,B1\n"
        "4001,31/12/1999,100.00,B2\n"
        "4001,15/02/2025,100.00,B3\n",
        encoding="utf-8",
    )
    resultado = pagos_importar(archivo=ruta, nombre=ruta.name)
    assert not resultado.importado
    assert resultado.errores() == [
        "Fila 2, columna fecha: La fecha 01/01/1900 no es válida: el año debe estar entre "
        "1950 y 2100.",
        "Fila 3, columna fecha: La fecha 31/12/1999 es anterior a la fecha mínima de datos "
        "históricos de la cartera (01/01/2000).",
    ]
    assert not Pago.objects.exists()


@pytest.mark.django_db
def test_importar_padron_rechaza_0001_y_9999(tmp_path, cartera_agua, cartera_credito):
    ruta = escribir_csv(
        tmp_path / "p.csv",
        [
            fila_credito("1", fecha_otorgamiento="01/01/0001"),
            fila_credito("2", pagare_folio="P-X", inicio_recuperacion="31/12/9999"),
        ],
    )
    resultado = padron_importar(archivo=ruta, nombre="p.csv")
    errores = {(e.fila, e.columna): e.mensaje for e in resultado.errores}
    assert not resultado.importado
    assert errores[(2, "fecha_otorgamiento")] == (
        "La fecha 01/01/0001 no es válida: el año debe estar entre 1950 y 2100."
    )
    assert errores[(3, "inicio_recuperacion")] == (
        "La fecha 31/12/9999 no es válida: el año debe estar entre 1950 y 2100."
    )


@pytest.mark.django_db
def test_la_pagina_de_la_cartera_edita_la_fecha_minima(client, crear_usuario):
    cuenta = CuentaFactory()
    client.force_login(crear_usuario("supervisor"))
    pagina = client.get(reverse("padron:cartera_editar", args=[cuenta.cartera.clave]))
    assert "Fecha mínima de datos históricos" in pagina.content.decode()


@pytest.mark.django_db
def test_supervision_fija_la_fecha_minima_y_un_pago_anterior_se_rechaza(cliente_api, crear_usuario):
    cuenta = CuentaFactory()
    api = cliente_api(crear_usuario("supervisor"))
    url = f"/api/v1/padron/carteras/{cuenta.cartera.clave}/"
    respuesta = api.patch(
        url, {"fecha_minima_historica": "2010-01-01", "motivo": "Acuerdo 9"}, format="json"
    )
    assert respuesta.status_code == 200, respuesta.json()
    assert respuesta.json()["fecha_minima_historica"] == "2010-01-01"
    malo = api.patch(url, {"fecha_minima_historica": "0001-01-01", "motivo": "x"}, format="json")
    assert list(malo.json()["error"]["campos"]) == ["fecha_minima_historica"]

    pago = api.post(
        f"/api/v1/cuentas/{cuenta.numero}/pagos/",
        {"monto": "50.00", "fecha": "2009-12-31"},
        format="json",
    )
    assert pago.status_code == 400
    assert "anterior al 01/01/2010" in pago.json()["error"]["campos"]["fecha"][0]
