"""The PEC: días hábiles and legal hours, stage order and terms, how a diligence is served,
gastos de ejecución with their minimum and maximum, payment in full, lawyers and pages."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from cobranza.demo.pec import pec_demo_crear
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Cargo, Concepto, DiaInhabil, Diligencia, EtapaPEC, Expediente
from cobranza.pec.dias_habiles import error_de_horario, sumar_dias_habiles
from cobranza.pec.services import (
    diligencia_notificar,
    etapa_avanzar,
    expediente_turnar,
    expedientes_abrir,
    gastos_de_ejecucion,
)
from tests.factories import (
    CarteraCreditoFactory,
    CarteraFactory,
    CuentaFactory,
    cuenta_con_adeudo,
)

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal
HMO = ZoneInfo("America/Hermosillo")
LUNES = date(2026, 11, 9)


def _hora(dia, hora, minuto=0):
    return datetime(dia.year, dia.month, dia.day, hora, minuto, tzinfo=HMO)


@pytest.fixture
def cartera():
    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    return cartera


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def notificador(crear_usuario):
    return crear_usuario("notificador")


def _abrir(cuenta, usuario, dia=LUNES):
    (expediente,), _ = expedientes_abrir(cuenta_ids=[cuenta.pk], usuario=usuario, dia=dia)
    return expediente


def test_dias_habiles_saltan_fines_de_semana_y_dias_inhabiles(cartera):
    # 16/11/2026 (Revolución) is on the demo calendar
    assert sumar_dias_habiles(date(2026, 11, 10), 10) == date(2026, 11, 25)
    DiaInhabil.objects.create(fecha=date(2026, 11, 20), descripcion="Suspensión de labores")
    assert sumar_dias_habiles(date(2026, 11, 10), 10) == date(2026, 11, 26)


def test_horario_legal_de_las_diligencias(cartera):
    assert error_de_horario(_hora(LUNES, 10), cartera) is None
    assert "no es día hábil" in error_de_horario(_hora(date(2026, 11, 14), 10), cartera)
    assert "no es día hábil" in error_de_horario(_hora(date(2026, 11, 16), 10), cartera)
    assert "fuera del horario hábil" in error_de_horario(_hora(LUNES, 6, 45), cartera)
    assert "fuera del horario hábil" in error_de_horario(_hora(LUNES, 19), cartera)


def test_abrir_emite_la_invitacion_y_no_abre_dos_veces(cartera, supervisor):
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    al_corriente = CuentaFactory(cartera=cartera)
    expediente = _abrir(cuenta, supervisor)
    assert expediente.adeudo_inicial == D("5000.00") and expediente.etapa == "invitacion"
    assert expediente.diligencias.get().resultado == Diligencia.Resultado.PENDIENTE
    abiertos, omitidas = expedientes_abrir(
        cuenta_ids=[cuenta.pk, al_corriente.pk], usuario=supervisor, dia=LUNES
    )
    assert abiertos == []
    assert omitidas == {
        cuenta.numero: "ya tiene un expediente en trámite",
        al_corriente.numero: "no tiene saldo vencido",
    }


def test_las_etapas_van_en_orden_y_respetan_el_plazo(cartera, supervisor, notificador):
    expediente = _abrir(cuenta_con_adeudo("5000.00", cartera=cartera), supervisor)
    with pytest.raises(ValidationError, match="aún no se notifica"):
        etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 11, 10))
    invitacion = expediente.diligencias.get()
    diligencia_notificar(
        diligencia=invitacion,
        notificador=notificador,
        resultado="personal",
        notificada=_hora(date(2026, 11, 10), 10),
    )
    invitacion.refresh_from_db()
    assert invitacion.vence == date(2026, 11, 25)  # 10 días hábiles, 16/11 inhábil
    with pytest.raises(ValidationError, match="corre hasta el 25/11/2026"):
        etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 11, 25))
    requerimiento = etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 11, 26))
    assert requerimiento.etapa == "requerimiento"
    expediente.refresh_from_db()
    assert expediente.etapa == "requerimiento"
    assert list(expediente.eventos.values_list("tipo", flat=True)) == [
        "abierto",
        "etapa",
        "notificada",
        "etapa",
    ]


def test_entrega_a_tercero_exige_citatorio_previo_y_quien_recibio(cartera, supervisor, notificador):
    expediente = _abrir(cuenta_con_adeudo("5000.00", cartera=cartera), supervisor)
    invitacion = expediente.diligencias.get()
    with pytest.raises(ValidationError) as error:
        diligencia_notificar(
            diligencia=invitacion,
            notificador=notificador,
            resultado="tercero",
            notificada=_hora(date(2026, 11, 11), 9),
        )
    assert set(error.value.message_dict) == {"recibio_nombre", "recibio_relacion", "citatorio"}
    with pytest.raises(ValidationError) as error:
        diligencia_notificar(
            diligencia=invitacion,
            notificador=notificador,
            resultado="tercero",
            notificada=_hora(date(2026, 11, 11), 9),
            citatorio=_hora(date(2026, 11, 11), 12),
            recibio_nombre="Ana Soto",
            recibio_relacion="Hija",
        )
    assert "antes de la diligencia" in error.value.message_dict["citatorio"][0]
    diligencia_notificar(
        diligencia=invitacion,
        notificador=notificador,
        resultado="tercero",
        notificada=_hora(date(2026, 11, 11), 9),
        citatorio=_hora(date(2026, 11, 10), 13),
        recibio_nombre="Ana Soto",
        recibio_relacion="Hija",
    )
    invitacion.refresh_from_db()
    assert invitacion.resultado == "tercero" and invitacion.recibio_relacion == "Hija"


@pytest.mark.parametrize(
    ("momento", "mensaje"),
    [
        (_hora(date(2026, 11, 14), 10), "no es día hábil"),
        (_hora(date(2026, 11, 16), 10), "no es día hábil"),
        (_hora(date(2026, 11, 10), 20), "fuera del horario hábil"),
    ],
)
def test_no_se_notifica_fuera_de_dia_u_hora_habil(
    cartera, supervisor, notificador, momento, mensaje
):
    invitacion = _abrir(cuenta_con_adeudo("5000.00", cartera=cartera), supervisor).diligencias.get()
    with pytest.raises(ValidationError) as error:
        diligencia_notificar(
            diligencia=invitacion, notificador=notificador, resultado="personal", notificada=momento
        )
    assert mensaje in error.value.message_dict["notificada"][0]
    invitacion.refresh_from_db()
    assert invitacion.resultado == "pendiente"


@pytest.mark.parametrize(
    ("adeudo", "gastos"),
    [
        ("5000.00", "226.28"),  # 2 % = 100.00, below the minimum of 2 UMA (2 × 113.14)
        ("50000.00", "1000.00"),  # 2 %
        ("5000000.00", "41296.10"),  # 2 % = 100,000.00, above 365 UMA
    ],
)
def test_gastos_de_ejecucion_con_minimo_y_maximo(cartera, adeudo, gastos):
    requerimiento = EtapaPEC.objects.get(cartera=cartera, etapa="requerimiento")
    assert gastos_de_ejecucion(requerimiento, D(adeudo), date(2026, 11, 26)) == D(gastos)


def test_el_requerimiento_notificado_cobra_sus_gastos(cartera, supervisor, notificador):
    cuenta = cuenta_con_adeudo("50000.00", cartera=cartera)
    expediente = _abrir(cuenta, supervisor, date(2026, 10, 5))
    diligencia_notificar(
        diligencia=expediente.diligencias.get(),
        notificador=notificador,
        resultado="personal",
        notificada=_hora(date(2026, 10, 6), 10),
    )
    assert not Cargo.objects.filter(cuenta=cuenta, concepto=Concepto.GASTO_EJECUCION).exists()
    requerimiento = etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 10, 21))
    diligencia_notificar(
        diligencia=requerimiento,
        notificador=notificador,
        resultado="rechazada",
        notificada=_hora(date(2026, 10, 21), 11),
        notas="Se negó a firmar; se fijó en la puerta.",
    )
    gasto = Cargo.objects.get(cuenta=cuenta, concepto=Concepto.GASTO_EJECUCION)
    assert gasto.monto == D("1000.00") and requerimiento.folio in gasto.descripcion
    requerimiento.refresh_from_db()
    assert requerimiento.gasto == gasto
    assert cuenta.saldo.saldo == D("51000.00")


def test_el_pago_total_cierra_el_expediente(cartera, supervisor, crear_usuario):
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    expediente = _abrir(cuenta, supervisor, date(2026, 10, 5))
    caja = crear_usuario("caja")
    pago_registrar(cuenta=cuenta, monto="1000.00", registrado_por=caja)
    expediente.refresh_from_db()
    assert expediente.estado == Expediente.Estado.ABIERTO
    pago = pago_registrar(cuenta=cuenta, monto="4000.00", registrado_por=caja)
    expediente.refresh_from_db()
    assert expediente.estado == Expediente.Estado.CERRADO
    assert pago.folio in expediente.motivo_cierre


def test_credito_se_turna_al_abogado_que_solo_ve_lo_suyo(client, supervisor, crear_usuario):
    cartera = CarteraCreditoFactory()
    pec_demo_crear(carteras=[cartera])
    cuenta = cuenta_con_adeudo("5000.00", cartera=cartera)
    expediente = _abrir(cuenta, supervisor, date(2026, 10, 5))
    invitacion = expediente.diligencias.get()
    diligencia_notificar(
        diligencia=invitacion,
        notificador=crear_usuario("notificador"),
        resultado="personal",
        notificada=_hora(date(2026, 10, 6), 10),
    )
    requerimiento = etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 10, 21))
    abogado, otro = crear_usuario("abogado_externo"), crear_usuario("abogado_externo")
    with pytest.raises(ValidationError, match="abogado externo"):
        expediente_turnar(expediente=expediente, abogado=crear_usuario("caja"), usuario=supervisor)
    diligencia_notificar(
        diligencia=requerimiento,
        notificador=crear_usuario("notificador"),
        resultado="personal",
        notificada=_hora(date(2026, 10, 21), 12),
    )
    expediente_turnar(expediente=expediente, abogado=abogado, usuario=supervisor)
    expediente.refresh_from_db()
    assert expediente.etapa == "turnado_abogado" and expediente.abogado == abogado
    assert cuenta.asignaciones.get(hasta__isnull=True).asignado_a == abogado

    client.force_login(abogado)
    html = client.get(f"/pec/{expediente.folio}/").content.decode()
    assert "Turnado a abogado externo" in html
    client.post(f"/pec/{expediente.folio}/actuacion/", {"detalle": "Demanda presentada"})
    assert expediente.eventos.filter(tipo="actuacion", detalle="Demanda presentada").exists()
    client.force_login(otro)
    assert client.get(f"/pec/{expediente.folio}/").status_code == 404
    assert client.get(f"/pec/diligencias/{invitacion.folio}/documento.pdf").status_code == 404
