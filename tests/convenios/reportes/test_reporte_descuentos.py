"""The discounts report: every discount booked by signing a convenio in the period, by whom
and under which authority, with its totals to the centavo; on screen and as XLSX."""

import io
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from convenios.models import Alternativa, Convenio
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import (
    convenio_autorizar,
    convenio_capturar,
    convenio_firmar,
    convenio_rechazar,
)
from padron.fechas import hoy
from tests.convenios.conftest import HOY
from tests.factories import CarteraCreditoFactory, CuentaFactory

pytestmark = pytest.mark.fecha

D = Decimal
HERMOSILLO = ZoneInfo("America/Hermosillo")
FEBRERO = {"desde": "01/02/2026", "hasta": "28/02/2026"}


def _el(dia, hora=12, minuto=0):
    return datetime(dia.year, dia.month, dia.day, hora, minuto, tzinfo=HERMOSILLO)


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla", first_name="Luis", last_name="Mostrador")


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Ana", last_name="Supervisora")


def _deudor(cartera, recargo):
    """A cuenta owing two bills of $1,000.00 and the recargo given."""
    cuenta = CuentaFactory(cartera=cartera)
    for mes in (11, 12):
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1000.00",
            periodo=date(2025, mes, 1),
            fecha_emision=date(2025, mes, 1),
            fecha_vencimiento=date(2025, mes, 20),
        )
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.RECARGO,
        monto=recargo,
        periodo=date(2026, 2, 1),
        fecha_emision=date(2026, 2, 1),
        fecha_vencimiento=date(2026, 2, 1),
    )
    return cuenta


def _capturado(cuenta, alternativa, usuario, pct="50", **terminos):
    return convenio_capturar(
        cuenta=cuenta,
        alternativa=alternativa,
        capturado_por=usuario,
        dia=HOY,
        terminos=Terminos(descuento_recargos_pct=D(pct), **terminos),
    )


def _firmado(convenio, usuario, firmado=None, autoriza=None):
    if autoriza is not None:
        convenio = convenio_autorizar(convenio=convenio, usuario=autoriza)
    convenio = convenio_firmar(convenio=convenio, usuario=usuario, dia=HOY)
    if firmado is not None:
        Convenio.objects.filter(pk=convenio.pk).update(firmado=firmado)
    return convenio


@pytest.fixture
def febrero(politica, ventanilla, supervisor):
    """Three discounts signed in February 2026, and four convenios the report must leave out."""
    cartera, contado = politica["cartera"], politica["contado"]
    dentro = [
        # ventanilla alone: 50 % of $300.00 of recargos, in the first minutes of February
        _firmado(
            _capturado(_deudor(cartera, "300.00"), contado, ventanilla),
            ventanilla,
            _el(date(2026, 2, 1), 0, 5),
        ),
        # beyond ventanilla: the supervisor authorised 50 % of $123.45 (61.725 → 61.73)
        _firmado(
            _capturado(
                _deudor(cartera, "123.45"),
                politica["parcialidades"],
                ventanilla,
                numero_parcialidades=6,
            ),
            ventanilla,
            _el(date(2026, 2, 3)),
            autoriza=supervisor,
        ),
        # the last night of February in Hermosillo (already March in UTC): 100.005 → 100.01
        _firmado(
            _capturado(_deudor(cartera, "200.01"), contado, ventanilla),
            ventanilla,
            _el(date(2026, 2, 28), 23, 30),
        ),
    ]
    fuera = {
        "enero": _firmado(
            _capturado(_deudor(cartera, "300.00"), contado, ventanilla),
            ventanilla,
            _el(date(2026, 1, 31), 23, 59),
        ),
        "sin_firmar": _capturado(_deudor(cartera, "300.00"), contado, ventanilla),
        "sin_descuento": _firmado(
            _capturado(_deudor(cartera, "300.00"), contado, ventanilla, pct="0"),
            ventanilla,
            _el(date(2026, 2, 10)),
        ),
    }
    rechazado = _capturado(
        _deudor(cartera, "300.00"), politica["parcialidades"], ventanilla, numero_parcialidades=6
    )
    fuera["rechazado"] = convenio_rechazar(
        convenio=rechazado, usuario=supervisor, motivo="No acredita ingresos"
    )
    return {"dentro": dentro, "fuera": fuera}


def _folios(respuesta):
    return [f["c"].folio for f in respuesta.context["filas"]]


def test_lista_los_descuentos_del_periodo_con_su_total(client, supervisor, febrero):
    client.force_login(supervisor)
    respuesta = client.get("/reportes/descuentos/", FEBRERO)
    assert respuesta.status_code == 200
    assert _folios(respuesta) == [c.folio for c in febrero["dentro"]]
    totales = respuesta.context["totales"]
    assert totales == {
        "convenios": 3,
        "adeudo": D("6623.46"),
        "descuento": D("311.74"),
        "total": D("6311.72"),
    }
    html = respuesta.content.decode()
    assert "$311.74" in html and "$6,311.72" in html and "$61.73" in html
    for convenio in febrero["fuera"].values():
        assert convenio.folio not in html


def test_dice_quien_capturo_quien_autorizo_y_con_que_autoridad(client, supervisor, febrero):
    client.force_login(supervisor)
    filas = client.get("/reportes/descuentos/", FEBRERO).context["filas"]
    assert [(f["capturo"], f["autorizo"], f["autoridad"]) for f in filas] == [
        ("Luis Mostrador", "", "Límites de ventanilla"),
        ("Luis Mostrador", "Ana Supervisora", "Autorizado por Supervisión"),
        ("Luis Mostrador", "", "Límites de ventanilla"),
    ]


def test_sin_fechas_muestra_el_mes_en_curso(client, supervisor, politica, ventanilla):
    de_hoy = _firmado(
        _capturado(_deudor(politica["cartera"], "300.00"), politica["contado"], ventanilla),
        ventanilla,
    )
    client.force_login(supervisor)
    respuesta = client.get("/reportes/descuentos/")
    assert _folios(respuesta) == [de_hoy.folio]
    inicio = hoy().replace(day=1)
    assert respuesta.context["desde"] == inicio
    assert f'value="{inicio:%d/%m/%Y}"' in respuesta.content.decode()


def test_filtra_por_cartera(client, supervisor, ventanilla, febrero):
    credito = CarteraCreditoFactory()
    liquidacion = Alternativa.objects.create(
        cartera=credito,
        tipo=Alternativa.Tipo.CONTADO,
        nombre="Liquidación",
        descuento_recargos_pct=D("50"),
        ventanilla_descuento_pct=D("50"),
    )
    otro = _firmado(
        _capturado(_deudor(credito, "80.00"), liquidacion, ventanilla),
        ventanilla,
        _el(date(2026, 2, 14)),
    )
    client.force_login(supervisor)
    assert otro.folio in _folios(client.get("/reportes/descuentos/", FEBRERO))
    solo = client.get("/reportes/descuentos/", {**FEBRERO, "cartera": credito.clave})
    assert _folios(solo) == [otro.folio]
    assert solo.context["totales"]["descuento"] == D("40.00")


def test_descarga_xlsx_con_las_mismas_filas_y_total(client, supervisor, febrero):
    client.force_login(supervisor)
    respuesta = client.get("/reportes/descuentos/", {**FEBRERO, "formato": "xlsx"})
    assert respuesta.status_code == 200
    assert respuesta["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "descuentos-2026-02-01-al-2026-02-28.xlsx" in respuesta["Content-Disposition"]
    hoja = load_workbook(io.BytesIO(respuesta.content)).active
    filas = [fila for fila in hoja.iter_rows(min_row=4) if fila[0].value is not None]
    encabezados = [c.value for c in filas[0]]
    datos, total = filas[1:-1], filas[-1]
    columna = {nombre: encabezados.index(nombre) for nombre in encabezados}
    assert [f[columna["Folio"]].value for f in datos] == [c.folio for c in febrero["dentro"]]
    descuentos = [D(str(f[columna["Descuento"]].value)) for f in datos]
    assert descuentos == [D("150"), D("61.73"), D("100.01")]
    assert D(str(total[columna["Descuento"]].value)) == D("311.74")
    assert D(str(total[columna["Total"]].value)) == D("6311.72")
    celda = datos[2][columna["Descuento"]]
    assert celda.number_format == "#,##0.00"
    firmado = datos[2][columna["Firmado"]].value
    assert isinstance(firmado, datetime) and firmado.date() == date(2026, 2, 28)
    assert datos[1][columna["Autoridad"]].value == "Autorizado por Supervisión"


@pytest.mark.parametrize("rol", ["supervisor", "gerencia"])
def test_lo_ven_supervision_y_gerencia(client, crear_usuario, rol):
    client.force_login(crear_usuario(rol))
    assert client.get("/reportes/descuentos/").status_code == 200


@pytest.mark.parametrize("rol", ["ventanilla", "caja"])
def test_ventanilla_y_caja_no_lo_ven(client, crear_usuario, rol):
    client.force_login(crear_usuario(rol))
    assert client.get("/reportes/descuentos/").status_code == 403
    assert client.get("/reportes/descuentos/", {"formato": "xlsx"}).status_code == 403


def test_fechas_invalidas_son_error_del_campo(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.get("/reportes/descuentos/", {"desde": "31/02/2026", "hasta": "mañana"})
    assert respuesta.status_code == 400
    errores = respuesta.context["form"].errors
    assert errores["desde"] == ["Fecha no válida; use dd/mm/aaaa."]
    assert errores["hasta"] == ["Fecha no válida; use dd/mm/aaaa."]
    assert "Fecha no válida; use dd/mm/aaaa." in respuesta.content.decode()


def test_fin_antes_del_inicio_es_error_de_hasta(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.get(
        "/reportes/descuentos/", {"desde": "28/02/2026", "hasta": "01/02/2026", "formato": "xlsx"}
    )
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["hasta"] == [
        "La fecha final no puede ser anterior a la inicial."
    ]


def test_una_cartera_que_no_existe_es_error_del_campo(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.get("/reportes/descuentos/", {"cartera": "no-existe"})
    assert respuesta.status_code == 400
    assert respuesta.context["form"].errors["cartera"] == ["No existe esa cartera."]


def _consultas(client, usuario):
    client.force_login(usuario)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get("/reportes/descuentos/", FEBRERO)
    assert respuesta.status_code == 200
    return len(consultas), len(respuesta.context["filas"])


def test_las_consultas_no_crecen_con_las_filas(client, supervisor, politica, ventanilla):
    def firmar(cuantos):
        for i in range(cuantos):
            cuenta = _deudor(politica["cartera"], "300.00")
            _firmado(
                _capturado(cuenta, politica["contado"], ventanilla),
                ventanilla,
                _el(date(2026, 2, 1 + i)),
            )

    firmar(5)
    con_cinco, filas = _consultas(client, supervisor)
    assert filas == 5
    firmar(10)
    con_quince, filas = _consultas(client, supervisor)
    assert filas == 15
    assert con_quince == con_cinco
