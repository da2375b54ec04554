"""A credit cartera (interest before capital, 6 months of grace, due on the 10th), a catalog
program, the coordinator, supervisor and gerencia, and `estudiante(...)`: a beneficiario with
its ministraciones released, ready to graduate."""

from datetime import timedelta
from decimal import Decimal

import pytest

from padron.beneficiarios.models import EstatusAcademico, InstitucionEducativa, Programa
from padron.beneficiarios.services import (
    credito_registrar,
    estatus_registrar,
    ministracion_liberar,
    ministraciones_programar,
    periodo_de,
)
from padron.fechas import hoy, sumar_meses
from tests.factories import CarteraCreditoFactory, CuentaFactory

D = Decimal
DIEZ_MIL, DOCE_POR_CIENTO = D("10000.00"), D("12")


@pytest.fixture
def cartera_credito(db):
    return CarteraCreditoFactory(
        interes_antes_que_capital=True, meses_gracia_egreso=6, dia_vencimiento_credito=10
    )


@pytest.fixture
def programa(db):
    institucion = InstitucionEducativa.objects.create(
        clave="unison", nombre="Universidad de Sonora"
    )
    return Programa.objects.create(
        institucion=institucion,
        clave="derecho",
        nombre="Licenciatura en Derecho",
        nivel="licenciatura",
    )


@pytest.fixture
def personal(crear_usuario):
    return {
        "seguimiento": crear_usuario("seguimiento"),
        "supervisor": crear_usuario("supervisor"),
        "gerencia": crear_usuario("gerencia"),
        "caja": crear_usuario("caja"),
    }


def semestres_atras(n, atras=0):
    """The start dates of n periodos escolares ending `atras` periodos before the current one,
    the oldest first."""
    dia = hoy()
    inicio = dia.replace(day=1, month=1 if dia.month <= 6 else 7)
    return [sumar_meses(inicio, -6 * k) for k in range(n - 1 + atras, atras - 1, -1)]


@pytest.fixture
def estudiante(cartera_credito, programa, personal):
    """estudiante(numero, liberadas=[montos], pendientes=[montos], atras=0) -> CreditoEducativo:
    one ministración per periodo up to the current one (or `atras` periodos before it); the
    first ones released with their evidence, the last ones planned."""

    def crear(
        numero="CE-1", liberadas=(DIEZ_MIL,), pendientes=(), tasa=DOCE_POR_CIENTO, plazo=12, atras=0
    ):
        coordinador = personal["seguimiento"]
        total = len(liberadas) + len(pendientes)
        cuenta = CuentaFactory(
            numero=numero,
            cartera=cartera_credito,
            clasificacion="",
            sector="",
            ruta="",
            pagare_folio=f"PAG-{numero}",
            monto_otorgado=sum(liberadas, D("0")) + sum(pendientes, D("0")),
            tasa_interes_anual=tasa,
            plazo_meses=plazo,
        )
        credito = credito_registrar(
            cuenta=cuenta,
            programa=programa,
            monto_autorizado=cuenta.monto_otorgado,
            usuario=coordinador,
        )
        fechas = semestres_atras(total, atras)
        montos = [*liberadas, *pendientes]
        plan = [(periodo_de(f), m, f) for f, m in zip(fechas, montos, strict=True)]
        ministraciones = ministraciones_programar(credito=credito, plan=plan, usuario=coordinador)
        for ministracion in ministraciones[: len(liberadas)]:
            estatus_registrar(
                credito=credito,
                periodo=ministracion.periodo,
                estatus=EstatusAcademico.Estatus.REGULAR,
                tipo_evidencia=EstatusAcademico.Evidencia.CONSTANCIA,
                origen=EstatusAcademico.Origen.ARCHIVO,
                usuario=coordinador,
                fecha=ministracion.fecha_programada,
            )
            ministracion_liberar(
                ministracion=ministracion,
                usuario=coordinador,
                dia=min(ministracion.fecha_programada + timedelta(days=1), hoy()),
            )
        credito.refresh_from_db()
        return credito

    return crear
