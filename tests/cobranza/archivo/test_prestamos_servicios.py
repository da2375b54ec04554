"""Lending an original and receiving it back: one open loan per original, only to someone who
may see the cuenta, and the document's state follows."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cobranza.archivo.services.prestamos import prestamo_devolver, prestamo_registrar
from cobranza.models import Documento, Prestamo
from padron.fechas import hoy
from tests.cobranza.archivo.test_prestamos_ayudas import (
    Estado,
    crear_escenario,
    en_una_semana,
    escaneo,
    original,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def escenario(crear_usuario):
    return crear_escenario(crear_usuario)


def _prestar(e, documento=None, prestatario=None, **cambios):
    datos = {
        "documento": documento or e["pagare_a"],
        "prestatario": prestatario or e["abogado_1"],
        "proposito": "Demanda ejecutiva",
        "vence": en_una_semana(),
        "usuario": e["custodio"],
        **cambios,
    }
    return prestamo_registrar(**datos)


def test_prestar_y_recibir_de_vuelta(escenario):
    prestamo = _prestar(escenario)

    documento = Documento.objects.get(pk=escenario["pagare_a"].pk)
    assert documento.estado == Estado.PRESTADO
    assert prestamo.entregado_por == escenario["custodio"] and prestamo.devuelto is None
    assert documento.history.first().history_change_reason == "Prestado a Luis Quiroga"

    prestamo_devolver(prestamo=prestamo, usuario=escenario["custodio"])

    prestamo.refresh_from_db()
    documento.refresh_from_db()
    assert prestamo.devuelto is not None and prestamo.recibido_por == escenario["custodio"]
    assert documento.estado == Estado.RECIBIDO


def test_al_volver_un_original_escaneado_queda_escaneado(escenario):
    documento = escenario["pagare_a"]
    escaneo(documento, escenario["custodio"])
    Documento.objects.filter(pk=documento.pk).update(estado=Estado.ESCANEADO)
    prestamo = _prestar(escenario)

    prestamo_devolver(prestamo=prestamo, usuario=escenario["custodio"])

    documento.refresh_from_db()
    assert documento.estado == Estado.ESCANEADO


def test_un_original_no_se_presta_dos_veces(escenario):
    _prestar(escenario)

    with pytest.raises(ValidationError) as error:
        _prestar(escenario, prestatario=escenario["custodio"])

    assert (
        "Este original ya está prestado a Luis Quiroga" in error.value.message_dict["documento"][0]
    )
    assert Prestamo.objects.count() == 1


def test_la_restriccion_de_la_base_sostiene_el_prestamo_unico(escenario):
    """Even if the document's state were wrong, prestamo_uno_abierto refuses a second loan."""
    _prestar(escenario)
    Documento.objects.filter(pk=escenario["pagare_a"].pk).update(estado=Estado.RECIBIDO)

    with pytest.raises(ValidationError, match="Este original ya está prestado a Luis Quiroga"):
        _prestar(escenario)
    assert Prestamo.objects.count() == 1


def test_devuelto_se_puede_prestar_otra_vez_pero_no_devolver_dos_veces(escenario):
    prestamo = _prestar(escenario)
    prestamo_devolver(prestamo=prestamo, usuario=escenario["custodio"])

    with pytest.raises(ValidationError, match="ya se devolvió"):
        prestamo_devolver(prestamo=prestamo, usuario=escenario["custodio"])
    segundo = _prestar(escenario)
    assert segundo.pk != prestamo.pk


def test_el_abogado_solo_toma_expedientes_de_sus_cuentas(escenario):
    with pytest.raises(ValidationError) as error:
        _prestar(escenario, documento=escenario["pagare_b"], prestatario=escenario["abogado_1"])

    mensaje = error.value.message_dict["prestatario"][0]
    assert f"no tiene acceso a la cuenta {escenario['b'].numero}" in mensaje
    assert _prestar(escenario, documento=escenario["pagare_b"], prestatario=escenario["abogado_2"])


@pytest.mark.parametrize(
    ("cambios", "campo", "texto"),
    [
        ({"vence": "ayer"}, "vence", "anterior a hoy"),
        ({"vence": None}, "vence", "Indique la fecha"),
        ({"proposito": "  "}, "proposito", "para qué se presta"),
        ({"proposito": "x" * 201}, "proposito", "Máximo 200"),
    ],
)
def test_datos_del_prestamo(escenario, cambios, campo, texto):
    if cambios.get("vence") == "ayer":  # the clock is pinned only once the test runs
        cambios = {"vence": hoy() - timedelta(days=1)}
    with pytest.raises(ValidationError) as error:
        _prestar(escenario, **cambios)
    assert texto in error.value.message_dict[campo][0]


def test_vence_hoy_se_admite(escenario):
    assert _prestar(escenario, vence=hoy()).vence == hoy()


@pytest.mark.parametrize(
    ("estado", "es_original", "texto"),
    [
        (Estado.DEVUELTO, True, "ya se devolvió al deudor"),
        (Estado.BAJA, True, "dado de baja"),
        (Estado.GENERADO, False, "Solo se prestan originales"),
    ],
)
def test_solo_originales_en_el_archivo(escenario, estado, es_original, texto):
    documento = original(escenario["a"], tipo="acta", estado=estado)
    Documento.objects.filter(pk=documento.pk).update(original=es_original)

    with pytest.raises(ValidationError, match=texto):
        _prestar(escenario, documento=documento)


@pytest.mark.postgres
def test_dos_custodios_a_la_vez_prestan_una_sola_vez(transactional_db, crear_usuario):
    from tests.cobranza.archivo.test_prestamos_ayudas import CuentaFactory

    custodios = [crear_usuario("ventanilla"), crear_usuario("supervisor")]
    documento = original(CuentaFactory())
    resultados, errores = [], []

    def prestar(custodio):
        try:
            barrera.wait()
            resultados.append(
                prestamo_registrar(
                    documento=documento,
                    prestatario=custodio,
                    proposito="Cotejo",
                    vence=en_una_semana(),
                    usuario=custodio,
                )
            )
        except ValidationError as exc:
            errores.append(exc)
        finally:
            connection.close()

    hilos = [threading.Thread(target=prestar, args=(c,)) for c in custodios * 2]
    barrera = threading.Barrier(len(hilos))
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()

    assert len(resultados) == 1 and len(errores) == 3
    assert all("ya está prestado" in " ".join(e.messages) for e in errores)
    assert Prestamo.objects.filter(devuelto__isnull=True).count() == 1
