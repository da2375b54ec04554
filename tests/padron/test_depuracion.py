"""Depuración: likely duplicates (CURP, RFC, clave catastral, name + domicilio) and
accounts without movement for N months."""

from datetime import date

import pytest

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Ajuste, Concepto
from padron.selectors import (
    depuracion_duplicados,
    depuracion_sin_movimiento,
    duplicados_con_miembros,
)
from tests.factories import CuentaFactory, TitularFactory
from tests.padron.conftest import curp_valida

pytestmark = pytest.mark.django_db

CURP = curp_valida("PEVJ850315HSRRLN0")


def _grupos(**kwargs):
    return {(g.criterio, g.valor): g for g in depuracion_duplicados(**kwargs)}


def test_encuentra_cada_tipo_de_duplicado(cartera_agua, cartera_credito):
    # Same CURP, different spelling of the name.
    juan = TitularFactory(nombre="Juan", apellido_paterno="Pérez", curp=CURP)
    juan2 = TitularFactory(nombre="Juan Antonio", apellido_paterno="Perez", curp=CURP)
    # Same RFC (a company registered twice).
    hielera = TitularFactory(
        tipo_persona="moral",
        nombre="Hielera SA",
        apellido_paterno="",
        apellido_materno="",
        rfc="HIE800101AB1",
    )
    TitularFactory(
        tipo_persona="moral",
        nombre="Hielera, S.A.",
        apellido_paterno="",
        apellido_materno="",
        rfc="HIE800101AB1",
    )
    # Same name and domicilio once accents, case and punctuation are gone.
    ana = TitularFactory(
        nombre="Ana", apellido_paterno="Muñoz", apellido_materno="", domicilio="Av. Obregón #12"
    )
    TitularFactory(
        nombre="ANA", apellido_paterno="MUNOZ", apellido_materno="", domicilio="av obregon 12"
    )
    # Same name, other domicilio: not a duplicate.
    TitularFactory(
        nombre="Ana", apellido_paterno="Muñoz", apellido_materno="", domicilio="Calle 5 #1"
    )
    # Same clave catastral on two cuentas.
    CuentaFactory(numero="1", titular=juan, clave_catastral="17-001-0001")
    CuentaFactory(numero="2", titular=ana, clave_catastral="17-001-0001")
    CuentaFactory(numero="3", titular=juan2, clave_catastral="17-001-0003")
    CuentaFactory(numero="4", titular=hielera, clave_catastral="17-001-0004")

    grupos = _grupos()

    assert set(grupos) == {
        ("curp", (CURP,)),
        ("rfc", ("HIE800101AB1",)),
        ("nombre_domicilio", ("ANA MUNOZ", "AV OBREGON 12")),
        ("clave_catastral", ("17-001-0001",)),
    }
    assert all(g.total == 2 for g in grupos.values())
    duplicados_con_miembros(list(grupos.values()))
    assert {t.nombre for t in grupos[("curp", (CURP,))].titulares} == {"Juan", "Juan Antonio"}
    assert [c.numero for c in grupos[("clave_catastral", ("17-001-0001",))].cuentas] == ["1", "2"]
    assert grupos[("nombre_domicilio", ("ANA MUNOZ", "AV OBREGON 12"))].etiqueta == (
        "Mismo nombre y domicilio"
    )


def test_filtro_por_cartera(cartera_agua, cartera_credito):
    a = TitularFactory(curp=CURP)
    b = TitularFactory(curp=CURP)
    CuentaFactory(titular=a, cartera=cartera_credito, clave_catastral="X")
    CuentaFactory(titular=b, cartera=cartera_credito, clave_catastral="X")
    CuentaFactory(cartera=cartera_agua)

    assert set(_grupos(cartera=cartera_credito)) == {
        ("curp", (CURP,)),
        ("clave_catastral", ("X",)),
    }
    assert _grupos(cartera=cartera_agua) == {}


def test_duplicados_en_pocas_consultas(cartera_agua, django_assert_max_num_queries):
    for i in range(20):
        curp = curp_valida(f"PEVJ85{i % 12 + 1:02d}{i + 1:02d}HSRRLN0")
        for j in range(2):
            titular = TitularFactory(curp=curp, domicilio=f"Calle {i} #{j}")
            CuentaFactory(titular=titular, clave_catastral=f"C-{i}")
    with django_assert_max_num_queries(4):
        grupos = depuracion_duplicados()
    assert len(grupos) == 40
    with django_assert_max_num_queries(4):
        duplicados_con_miembros(grupos)


@pytest.fixture
def cuentas_por_movimiento(cartera_agua, crear_usuario):
    cajero = crear_usuario("caja")
    supervisor = crear_usuario("supervisor")
    viejo, reciente = date(2025, 1, 10), date(2025, 9, 10)

    def cuenta(numero, **campos):
        return CuentaFactory(numero=numero, fecha_alta=date(2020, 1, 1), **campos)

    def cargo(c, emision):
        return cargo_registrar(
            cuenta=c,
            concepto=Concepto.CONSUMO_AGUA,
            monto="200.00",
            fecha_emision=emision,
            fecha_vencimiento=emision,
            periodo=emision,
        )

    cargo(cuenta("cargo-reciente"), reciente)
    c = cuenta("pago-reciente")
    cargo(c, viejo)
    pago_registrar(cuenta=c, monto="50.00", registrado_por=cajero, fecha=reciente)
    c = cuenta("ajuste-reciente")
    Ajuste.objects.create(
        cargo=cargo(c, viejo),
        tipo="bonificacion",
        monto="20.00",
        fecha=reciente,
        motivo="Fuga reportada",
        autorizado_por=supervisor,
    )
    c = cuenta("todo-viejo")
    cargo(c, viejo)
    pago_registrar(cuenta=c, monto="10.00", registrado_por=cajero, fecha=date(2025, 2, 1))
    cuenta("nunca-se-movio")
    CuentaFactory(numero="alta-reciente", fecha_alta=date(2025, 10, 1))
    cuenta("de-baja", estado="baja")


def test_cuentas_sin_movimiento(cuentas_por_movimiento, django_assert_num_queries):
    with django_assert_num_queries(1):
        cuentas = list(depuracion_sin_movimiento(meses=6, dia=date(2025, 12, 31)))
    assert [c.numero for c in cuentas] == ["nunca-se-movio", "todo-viejo"]
    viejo = cuentas[1]
    assert (viejo.ultimo_cargo, viejo.ultimo_pago, viejo.ultimo_ajuste) == (
        date(2025, 1, 10),
        date(2025, 2, 1),
        None,
    )
    assert viejo.titular.nombre  # titular and cartera come with the same query


def test_sin_movimiento_depende_de_los_meses_y_la_cartera(cuentas_por_movimiento, cartera_credito):
    numeros = {c.numero for c in depuracion_sin_movimiento(meses=1, dia=date(2025, 12, 31))}
    assert "cargo-reciente" in numeros and "de-baja" not in numeros
    assert not depuracion_sin_movimiento(meses=6, cartera=cartera_credito, dia=date(2025, 12, 31))
