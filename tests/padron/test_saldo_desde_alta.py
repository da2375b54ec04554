"""Every cuenta has its maintained saldo row from creation, whatever creates it (issue 18),
and a missing row is a difference that the conciliation reports and creates."""

import csv
import io

import pytest
from django.core.management import call_command

from cobranza.models import SaldoCuenta
from padron.importacion.services import padron_importar
from padron.models import Cuenta
from padron.services import cuenta_crear
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.importacion.test_importar_padron import ENCABEZADOS, fila_agua

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


def _con_saldo_en_cero(*numeros):
    for numero in numeros:
        saldo = SaldoCuenta.objects.get(cuenta__numero=numero)
        assert (saldo.saldo, saldo.saldo_vencido, saldo.saldo_a_favor) == (0, 0, 0)


def test_la_fabrica_y_el_servicio_dejan_su_saldo(cartera_agua):
    cuenta = CuentaFactory()
    datos = {"numero": "A-900", "titular": TitularFactory(), "cartera": cartera_agua}
    cuenta_crear(datos={**datos, "clasificacion": "domestica", "sector": "1", "ruta": "101"})
    _con_saldo_en_cero(cuenta.numero, "A-900")


def test_la_importacion_del_padron_deja_el_saldo_de_cada_cuenta_nueva(cartera_agua):
    texto = io.StringIO()
    escritor = csv.DictWriter(texto, fieldnames=ENCABEZADOS)
    escritor.writeheader()
    escritor.writerows([fila_agua("100001"), fila_agua("100002", clave_catastral="17-9")])
    resultado = padron_importar(archivo=io.BytesIO(texto.getvalue().encode()), nombre="padron.csv")
    assert resultado.cuentas_creadas == 2, resultado.errores

    _con_saldo_en_cero("100001", "100002")


def test_la_api_muestra_el_saldo_de_una_cuenta_recien_dada_de_alta(
    cliente_api, supervisor, cartera_credito
):
    api = cliente_api(supervisor)
    alta = api.post(
        "/api/v1/padron/cuentas/",
        {
            "numero": "C-100",
            "titular": TitularFactory().pk,
            "cartera": cartera_credito.clave,
            "pagare_folio": "P-100",
            "monto_otorgado": "38000.00",
            "fecha_otorgamiento": "2019-08-01",
            "plazo_meses": 60,
        },
        format="json",
    )
    assert alta.status_code == 201, alta.json()

    cuenta = api.get("/api/v1/cuentas/C-100/").json()

    assert cuenta["saldo"] == "0.00"
    assert cuenta["saldo_vencido"] == "0.00"


def test_conciliar_informa_y_crea_el_renglon_que_falta(capsys):
    cuenta = CuentaFactory()
    SaldoCuenta.objects.filter(cuenta=cuenta).delete()

    with pytest.raises(SystemExit) as salida:
        call_command("conciliar_saldos", "--verificar")
    assert salida.value.code == 1
    texto = capsys.readouterr().out
    assert "1 cuenta sin renglón de saldo." in texto
    assert f"cuenta {cuenta.numero}: sin renglón de saldo" in texto
    assert not SaldoCuenta.objects.filter(cuenta=cuenta).exists()

    call_command("conciliar_saldos")
    assert "1 cuenta sin renglón de saldo; se crea." in capsys.readouterr().out
    assert SaldoCuenta.objects.filter(cuenta=cuenta).exists()
    call_command("conciliar_saldos", "--verificar")
    assert "sin diferencias" in capsys.readouterr().out
    assert Cuenta.objects.count() == 1
