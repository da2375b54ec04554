"""The procedures of the Coordinador de Seguimiento (CE-122 duty 5): each one's effect on the
ministraciones and on the schedule, authorised at its tier by someone else."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cobranza.credito.models import TablaAmortizacion
from cobranza.credito.services import mensualidades_publicar, recuperaciones_iniciar
from cobranza.models import Cargo, Concepto
from padron.beneficiarios.models import CreditoEducativo, Ministracion, Tramite
from padron.beneficiarios.services import (
    egreso_registrar,
    ministracion_liberar,
    tramite_autorizar,
    tramite_rechazar,
    tramite_solicitar,
)
from padron.fechas import hoy, sumar_meses

D = Decimal
Etapa = CreditoEducativo.Etapa
pytestmark = pytest.mark.fecha


def solicitar(credito, tipo, personal, **campos):
    return tramite_solicitar(
        credito=credito,
        tipo=tipo,
        motivo=campos.pop("motivo", "Motivo documentado"),
        fecha_efectiva=campos.pop("fecha_efectiva", hoy()),
        usuario=personal["seguimiento"],
        **campos,
    )


def estados(credito):
    return list(credito.ministraciones.order_by("periodo").values_list("estado", flat=True))


def con_pendiente(estudiante, numero="CE-1"):
    """$10,000 released, one more periodo of $5,000 planned from the current one."""
    return estudiante(numero, liberadas=(D("10000.00"),), pendientes=(D("5000.00"),))


def test_retencion_retiene_lo_programado_y_ya_no_se_libera(estudiante, personal):
    credito = con_pendiente(estudiante)
    pendiente = credito.ministraciones.get(estado="programada")
    tramite = solicitar(credito, "retencion", personal, fecha_efectiva=pendiente.fecha_programada)
    tramite_autorizar(tramite=tramite, usuario=personal["supervisor"])

    assert estados(credito) == ["liberada", "retenida"]
    credito.refresh_from_db()
    assert credito.etapa == Etapa.ESTUDIANTE
    with pytest.raises(ValidationError) as error:
        ministracion_liberar(ministracion=pendiente, usuario=personal["seguimiento"])
    assert "retenida" in str(error.value)
    assert Tramite.history.filter(folio=tramite.folio).count() == 2  # solicited, authorised


def test_suspension_suspende_el_credito_y_retiene(estudiante, personal):
    credito = con_pendiente(estudiante)
    fecha = credito.ministraciones.get(estado="programada").fecha_programada
    tramite = solicitar(credito, "suspension", personal, fecha_efectiva=fecha)
    tramite_autorizar(tramite=tramite, usuario=personal["supervisor"])
    credito.refresh_from_db()
    assert credito.etapa == Etapa.SUSPENDIDO
    assert estados(credito) == ["liberada", "retenida"]


@pytest.mark.parametrize(
    ("tipo", "etapa", "quien", "meses_de_gracia"),
    [
        ("cancelacion", Etapa.CANCELADO, "gerencia", 0),
        ("conclusion", Etapa.CONCLUIDO, "supervisor", 6),
        ("baja", Etapa.BAJA, "supervisor", 6),
    ],
)
def test_terminar_el_credito_cancela_lo_no_ministrado_y_fija_la_recuperacion(
    estudiante, personal, tipo, etapa, quien, meses_de_gracia
):
    credito = con_pendiente(estudiante)
    tramite = solicitar(credito, tipo, personal)
    tramite_autorizar(tramite=tramite, usuario=personal[quien])

    credito.refresh_from_db()
    assert credito.etapa == etapa
    assert estados(credito) == ["liberada", "cancelada"]
    inicio = sumar_meses(hoy().replace(day=1), meses_de_gracia + 1)
    assert credito.cuenta.inicio_recuperacion == inicio
    # On that day the schedule is of what was disbursed: $10,000, not the $15,000 authorised.
    assert recuperaciones_iniciar(dia=inicio) == 1
    assert TablaAmortizacion.objects.get(cuenta=credito.cuenta).capital == D("10000.00")


def test_reasignacion_a_otro_programa(estudiante, personal, programa):
    from padron.beneficiarios.models import Programa

    otro = Programa.objects.create(
        institucion=programa.institucion, clave="medicina", nombre="Medicina", nivel="licenciatura"
    )
    credito = con_pendiente(estudiante)
    tramite = solicitar(credito, "reasignacion", personal, datos={"programa": otro.pk})
    tramite_autorizar(tramite=tramite, usuario=personal["gerencia"])
    credito.refresh_from_db()
    assert credito.programa == otro
    assert estados(credito) == ["liberada", "programada"]


def test_reasignacion_a_otro_beneficiario_le_pasa_lo_no_ministrado(estudiante, personal):
    credito = con_pendiente(estudiante)
    otro = estudiante("CE-2", liberadas=(D("3000.00"),), atras=1)
    tramite = solicitar(credito, "reasignacion", personal, datos={"cuenta": "CE-2"})
    tramite_autorizar(tramite=tramite, usuario=personal["gerencia"])

    assert estados(credito) == ["liberada", "cancelada"]
    recibida = otro.ministraciones.get(estado="programada")
    assert recibida.monto == D("5000.00")
    otro.refresh_from_db()
    assert otro.monto_autorizado == D("8000.00")  # its own $3,000 and what it received


def test_reasignar_a_quien_ya_tiene_ese_periodo_se_rechaza_sin_tocar_nada(estudiante, personal):
    credito = con_pendiente(estudiante)
    estudiante("CE-2", liberadas=(D("3000.00"),))  # its ministración is the current periodo's
    tramite = solicitar(credito, "reasignacion", personal, datos={"cuenta": "CE-2"})
    with pytest.raises(ValidationError) as error:
        tramite_autorizar(tramite=tramite, usuario=personal["gerencia"])
    assert "periodo" in str(error.value)
    assert estados(credito) == ["liberada", "programada"]
    assert Tramite.objects.get(pk=tramite.pk).estado == "solicitado"


def test_reprogramacion_reescribe_lo_que_falta_de_la_tabla(estudiante, personal, reloj):
    credito = estudiante(liberadas=(D("12000.00"),), plazo=12)
    egreso_registrar(
        credito=credito,
        fecha_egreso=sumar_meses(hoy().replace(day=1), -9),
        usuario=personal["seguimiento"],
    )
    inicio = sumar_meses(hoy().replace(day=1), -2)  # recovery began two months ago
    recuperaciones_iniciar(dia=inicio)
    mensualidades_publicar(dia=hoy())  # three months charged
    original = TablaAmortizacion.objects.get(cuenta=credito.cuenta)
    cobrado = sum(
        Cargo.objects.filter(cuenta=credito.cuenta, concepto=Concepto.CAPITAL).values_list(
            "monto", flat=True
        )
    )
    assert Cargo.objects.filter(cuenta=credito.cuenta, concepto=Concepto.CAPITAL).count() == 3

    tramite = solicitar(
        credito,
        "reprogramacion",
        personal,
        datos={"plazo_meses": "24", "tasa_interes_anual": "6"},
        fecha_efectiva=hoy(),
    )
    with pytest.raises(PermissionDenied):  # a reprogramación is gerencia's
        tramite_autorizar(tramite=tramite, usuario=personal["supervisor"])
    tramite_autorizar(tramite=tramite, usuario=personal["gerencia"])

    original.refresh_from_db()
    nueva = TablaAmortizacion.objects.get(cuenta=credito.cuenta, vigente=True)
    assert not original.vigente and nueva.version == 2
    assert (nueva.plazo_meses, nueva.tasa_anual) == (24, D("6"))
    assert cobrado + nueva.capital == D("12000.00")
    assert nueva.parcialidades.first().vencimiento == sumar_meses(hoy().replace(day=1), 1).replace(
        day=10
    )
    # Next month charges the new calendar's first month, and only it.
    reloj.move_to(sumar_meses(hoy().replace(day=1), 1).isoformat() + "T09:00-07:00")
    assert mensualidades_publicar(dia=hoy()) == 2
    nuevo_capital = Cargo.objects.filter(cuenta=credito.cuenta, concepto=Concepto.CAPITAL).latest(
        "id"
    )
    assert nuevo_capital.parcialidad_credito.tabla == nueva


def test_quien_solicita_no_autoriza_y_el_rechazo_pide_motivo(estudiante, personal):
    credito = con_pendiente(estudiante)
    tramite = solicitar(credito, "retencion", personal)
    with pytest.raises(PermissionDenied):  # the coordinator has no authorising tier
        tramite_autorizar(tramite=tramite, usuario=personal["seguimiento"])
    with pytest.raises(ValidationError) as error:
        tramite_rechazar(tramite=tramite, usuario=personal["supervisor"], motivo=" ")
    assert "motivo" in error.value.message_dict
    tramite_rechazar(
        tramite=tramite, usuario=personal["supervisor"], motivo="Su constancia está vigente"
    )
    assert estados(credito) == ["liberada", "programada"]


def test_una_ministracion_se_libera_solo_con_la_evidencia_del_periodo(estudiante, personal):
    credito = con_pendiente(estudiante)
    pendiente = credito.ministraciones.get(estado="programada")
    with pytest.raises(ValidationError) as error:
        ministracion_liberar(ministracion=pendiente, usuario=personal["seguimiento"])
    assert "evidencia" in error.value.message_dict
    assert Ministracion.objects.get(pk=pendiente.pk).estado == "programada"
