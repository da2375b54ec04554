"""Helpers of the cortes tests: debtor accounts, convenios, promesas, conditions."""

from datetime import date
from decimal import Decimal

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Gestion, PromesaPago
from padron.models import CondicionEspecial
from tests.factories import CarteraFactory, CuentaFactory

D = Decimal
DIA = date(2026, 3, 10)  # the day the lists are generated for (rules, conditions, promises)


def cartera_de_agua():
    return CarteraFactory(umbral_corte_meses=2, domesticos_solo_reduccion=True)


def reglas_de_convenios():
    """What ConveniosConfig.ready() does once wired; registering twice changes nothing."""
    from convenios.cortes import registrar_reglas_de_corte

    registrar_reglas_de_corte()


def deudora(cartera, meses=3, monto="250.00", **campos):
    """A water account owing `meses` monthly bills of `monto` (Jan 2025 on), all past due."""
    cuenta = CuentaFactory(cartera=cartera, **campos)
    for i in range(meses):
        periodo = date(2025, 1 + i, 1)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=periodo,
            fecha_emision=periodo,
            fecha_vencimiento=periodo.replace(day=20),
        )
    return cuenta


def condicion(cuenta, tipo=CondicionEspecial.Tipo.ADULTO_MAYOR, desde=date(2025, 1, 1), hasta=None):
    return CondicionEspecial.objects.create(
        titular=cuenta.titular, tipo=tipo, vigente_desde=desde, vigente_hasta=hasta
    )


def promesa(cuenta, usuario, fecha=date(2026, 3, 20), estado=PromesaPago.Estado.VIGENTE):
    gestion = Gestion.objects.create(
        cuenta=cuenta,
        tipo=Gestion.Tipo.LLAMADA_REALIZADA,
        resultado=Gestion.Resultado.PROMESA,
        usuario=usuario,
    )
    return PromesaPago.objects.create(
        gestion=gestion,
        cuenta=cuenta,
        monto=D("500.00"),
        fecha_compromiso=fecha,
        prometida_el=date(2026, 3, 1),
        estado=estado,
    )


_folios = {"n": 0}


def convenio(cuenta, estado, usuario, parcialidades=(), reemplaza=None):
    """A convenio in `estado`; parcialidades as (vencimiento, monto, pagado)."""
    from convenios.models import Alternativa, Convenio, Parcialidad

    alternativa, _ = Alternativa.objects.get_or_create(
        cartera=cuenta.cartera,
        tipo=Alternativa.Tipo.PARCIALIDADES,
        defaults={"nombre": "Convenio a parcialidades", "max_parcialidades": 12},
    )
    _folios["n"] += 1
    nuevo = Convenio.objects.create(
        folio=f"CV-PRUEBA-{_folios['n']}",
        cuenta=cuenta,
        alternativa=alternativa,
        estado=estado,
        adeudo=D("750.00"),
        total=D("750.00"),
        numero_parcialidades=max(1, len(parcialidades)),
        primer_vencimiento=date(2026, 2, 1),
        capturado_por=usuario,
        reemplaza=reemplaza,
    )
    for numero, (vence, monto, pagado) in enumerate(parcialidades, start=1):
        Parcialidad.objects.create(
            convenio=nuevo, numero=numero, fecha_vencimiento=vence, monto=D(monto), pagado=D(pagado)
        )
    return nuevo
