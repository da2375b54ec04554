"""What each authorised alternative would cost the debtor, without saving anything.

`simular` turns a cuenta's debt (the chosen cargos) and one alternative into
the figures the clerk shows side by side: discount, total, enganche,
parcialidades and their dates, and who must authorise it. `validar` checks
the terms against the policy and names the field that breaks it.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q

from cobranza.models import Cargo
from convenios.calendario import Plazo, calendario
from convenios.models import Alternativa, Campana, Convenio, NivelAutorizacion
from padron.dinero import CERO, formato_pesos, redondear
from padron.fechas import hoy, sumar_meses
from padron.models import GrupoPrelacion

CIEN = Decimal("100")
GRUPO_DE_PORCENTAJE = {
    GrupoPrelacion.RECARGOS: "descuento_recargos_pct",
    GrupoPrelacion.GASTOS: "descuento_gastos_pct",
    GrupoPrelacion.PRINCIPAL: "descuento_principal_pct",
}


@dataclass
class Terminos:
    """What the clerk proposes within an alternative (None: the alternative's default)."""

    numero_parcialidades: int | None = None
    enganche: Decimal | None = None
    descuento_recargos_pct: Decimal | None = None
    descuento_gastos_pct: Decimal | None = None
    descuento_principal_pct: Decimal | None = None
    primer_vencimiento: date | None = None


@dataclass
class Simulacion:
    alternativa: Alternativa
    campana: Campana | None
    adeudo: Decimal
    por_grupo: dict
    porcentajes: dict
    descuento_por_cargo: dict
    descuento: Decimal
    total: Decimal
    enganche: Decimal
    plazos: list[Plazo]
    nivel: NivelAutorizacion | None
    requiere_autorizacion: bool
    errores: dict = field(default_factory=dict)

    @property
    def numero_parcialidades(self):
        return len(self.plazos)

    @property
    def parcialidad(self):
        return self.plazos[0].monto if self.plazos else CERO

    @property
    def descuento_pct_maximo(self):
        return max(self.porcentajes.values(), default=CERO)

    @property
    def titulo(self):
        return (
            f"{self.alternativa.nombre} · {self.campana.nombre}"
            if self.campana
            else self.alternativa.nombre
        )


def campanas_vigentes(cuenta, dia):
    """Campaigns in force today for this cuenta's cartera and predio classification."""
    campanas = Campana.objects.filter(
        activa=True, inicio__lte=dia, fin__gte=dia, carteras=cuenta.cartera_id
    )
    return [
        c
        for c in campanas
        if (not c.clasificaciones or cuenta.clasificacion in c.clasificaciones)
        and (c.disponible is None or c.disponible > 0)
    ]


def _porcentajes(alternativa, campana, terminos):
    porcentajes = {}
    for grupo, campo in GRUPO_DE_PORCENTAJE.items():
        propuesto = getattr(terminos, campo)
        tope = getattr(alternativa, campo)
        if campana is not None and hasattr(campana, campo):
            tope = max(tope, getattr(campana, campo))
        porcentajes[grupo] = tope if propuesto is None else Decimal(propuesto)
    return porcentajes


def _descuento_por_cargo(cargos, porcentajes):
    descuento = {}
    for cargo in cargos:
        pct = porcentajes.get(cargo.grupo, CERO)
        if pct > 0:
            descuento[cargo.pk] = min(cargo.saldo, redondear(cargo.saldo * pct / CIEN))
    return descuento


def _pct(valor) -> str:
    return f"{Decimal(valor).normalize():f}%"


def motivos_de_autorizacion(*, alternativa, adeudo, descuento, pct_fuera_de_campana, numero):
    """Why ventanilla may not grant these terms alone, in words; empty when it may.

    A plan that forgives nothing ($0.00 of discount) gives nothing away: neither the
    percentage nor the size of the debt sends it to authorisation. A term longer than
    ventanilla's still does, discount or not.
    """
    motivos = []
    if descuento > 0:
        if pct_fuera_de_campana > alternativa.ventanilla_descuento_pct:
            motivos.append(
                f"descuento de {_pct(pct_fuera_de_campana)} mayor al "
                f"{_pct(alternativa.ventanilla_descuento_pct)} que otorga ventanilla"
            )
        tope = alternativa.ventanilla_monto_maximo
        if tope is not None and adeudo > tope:
            motivos.append(
                f"adeudo de {formato_pesos(adeudo)} mayor a los {formato_pesos(tope)} "
                f"que ventanilla puede convenir con descuento"
            )
    if numero > alternativa.ventanilla_max_parcialidades:
        maximo = alternativa.ventanilla_max_parcialidades
        motivos.append(
            f"{numero} parcialidades exceden {'la' if maximo == 1 else 'las'} {maximo} "
            f"que otorga ventanilla"
        )
    return motivos


def nivel_requerido(cuenta, alternativa, adeudo, pct_fuera_de_campana, numero, descuento):
    """None when ventanilla may grant it alone; else the lowest tier that may authorise it."""
    motivos = motivos_de_autorizacion(
        alternativa=alternativa,
        adeudo=adeudo,
        descuento=descuento,
        pct_fuera_de_campana=pct_fuera_de_campana,
        numero=numero,
    )
    if not motivos:
        return None, False
    nivel = (
        NivelAutorizacion.objects.filter(
            cartera_id=cuenta.cartera_id, descuento_maximo_pct__gte=pct_fuera_de_campana
        )
        .filter(Q(monto_maximo__isnull=True) | Q(monto_maximo__gte=adeudo))
        .order_by("orden")
        .first()
    )
    return nivel, True


def _pct_fuera_de_campana(porcentajes, campana, grupos_con_descuento):
    """The highest percentage granted beyond the campaign's (pre-authorised by the institution),
    over the groups that actually get a discount: 50% of recargos on a debt with no recargos
    forgives nothing."""
    pct_campana = {
        g: getattr(campana, c, CERO) if campana else CERO for g, c in GRUPO_DE_PORCENTAJE.items()
    }
    return max(
        (
            p
            for g, p in porcentajes.items()
            if g in grupos_con_descuento and p > pct_campana.get(g, CERO)
        ),
        default=CERO,
    )


def motivos_del_convenio(convenio):
    """Why a captured convenio waits for authorisation (the queue shows it next to each one).

    Reads `convenio.cargos_cubiertos` (prefetch it with `cargo` for a list)."""
    porcentajes = {g: getattr(convenio, campo) for g, campo in GRUPO_DE_PORCENTAJE.items()}
    grupos = {cc.cargo.grupo for cc in convenio.cargos_cubiertos.all() if cc.descuento > 0}
    return motivos_de_autorizacion(
        alternativa=convenio.alternativa,
        adeudo=convenio.adeudo,
        descuento=convenio.descuento,
        pct_fuera_de_campana=_pct_fuera_de_campana(porcentajes, convenio.campana, grupos),
        numero=convenio.numero_parcialidades,
    )


def simular(*, cuenta, cargos, alternativa, terminos=None, campana=None, dia=None) -> Simulacion:
    """The figures of one alternative for the chosen cargos (nothing is saved)."""
    terminos = terminos or Terminos()
    dia = dia or hoy()
    cargos = [c for c in cargos if c.saldo > 0]
    adeudo = sum((c.saldo for c in cargos), CERO)
    por_grupo = {}
    for cargo in cargos:
        por_grupo[cargo.grupo] = por_grupo.get(cargo.grupo, CERO) + cargo.saldo
    porcentajes = _porcentajes(alternativa, campana, terminos)
    descuento_por_cargo = _descuento_por_cargo(cargos, porcentajes)
    descuento = sum(descuento_por_cargo.values(), CERO)
    total = adeudo - descuento

    contado = alternativa.tipo == Alternativa.Tipo.CONTADO
    numero = (
        1
        if contado
        else (
            terminos.numero_parcialidades
            or alternativa.ventanilla_max_parcialidades
            or alternativa.max_parcialidades
        )
    )
    if contado:
        enganche = CERO
    elif terminos.enganche is not None:
        enganche = Decimal(terminos.enganche)
    else:
        enganche = redondear(total * alternativa.enganche_minimo_pct / CIEN)
    primera = terminos.primer_vencimiento or (
        dia + timedelta(days=3) if contado else sumar_meses(dia, 1)
    )
    resto = total - enganche
    plazos = (
        calendario(
            total=resto, numero=numero, primera=primera, periodicidad=alternativa.periodicidad
        )
        if resto > 0
        else []
    )

    # Campaign discounts are pre-authorised by the institution; only what goes beyond them counts.
    grupos = {c.grupo for c in cargos if descuento_por_cargo.get(c.pk, CERO) > 0}
    fuera = _pct_fuera_de_campana(porcentajes, campana, grupos)
    nivel, requiere = nivel_requerido(cuenta, alternativa, adeudo, fuera, numero, descuento)
    simulacion = Simulacion(
        alternativa=alternativa,
        campana=campana,
        adeudo=adeudo,
        por_grupo=por_grupo,
        porcentajes=porcentajes,
        descuento_por_cargo=descuento_por_cargo,
        descuento=descuento,
        total=total,
        enganche=enganche,
        plazos=plazos,
        nivel=nivel,
        requiere_autorizacion=requiere,
    )
    simulacion.errores = errores_de_terminos(simulacion, cuenta=cuenta, campana=campana, dia=dia)
    return simulacion


def errores_de_terminos(s: Simulacion, *, cuenta, campana, dia) -> dict:
    """The policy's limits, each broken one under the field the clerk must change."""
    alt, errores = s.alternativa, {}
    if s.adeudo <= 0:
        errores["cargos"] = "La cuenta no tiene adeudo que convenir en los cargos elegidos."
    for grupo, campo in GRUPO_DE_PORCENTAJE.items():
        tope = getattr(alt, campo)
        if campana is not None:
            tope = max(tope, getattr(campana, campo, CERO))
        if s.porcentajes[grupo] > tope:
            errores[campo] = (
                f"El descuento excede el {tope}% que permite la política «{alt.nombre}»."
            )
        if s.porcentajes[grupo] < 0:
            errores[campo] = "El descuento no puede ser negativo."
    if s.numero_parcialidades > alt.max_parcialidades:
        errores["numero_parcialidades"] = (
            f"La política «{alt.nombre}» permite como máximo {alt.max_parcialidades} parcialidades."
        )
    minimo = redondear(s.total * alt.enganche_minimo_pct / CIEN)
    if s.enganche < minimo:
        errores["enganche"] = (
            f"El enganche mínimo es {alt.enganche_minimo_pct}% del total: ${minimo:,.2f}."
        )
    if s.enganche > s.total:
        errores["enganche"] = "El enganche no puede ser mayor que el total convenido."
    if s.plazos and alt.parcialidad_minima and s.plazos[0].monto < alt.parcialidad_minima:
        errores["numero_parcialidades"] = (
            f"Cada parcialidad debe ser de al menos ${alt.parcialidad_minima:,.2f}; reduzca el número."
        )
    if s.requiere_autorizacion and s.nivel is None:
        errores["descuento"] = (
            "Los términos exceden todos los niveles de autorización de la cartera."
        )
    if campana is not None and campana.disponible is not None and s.descuento > campana.disponible:
        errores["campana"] = (
            f"La campaña «{campana.nombre}» ya no tiene presupuesto para este descuento."
        )
    if alt.tipo == Alternativa.Tipo.CONDICION_ESPECIAL and not condicion_vigente(cuenta, alt, dia):
        errores["alternativa"] = (
            "El titular no tiene una condición especial vigente que habilite esta alternativa."
        )
    return errores


def condicion_vigente(cuenta, alternativa, dia):
    condiciones = cuenta.titular.condiciones.filter(
        Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=dia), vigente_desde__lte=dia
    )
    if alternativa.condiciones:
        condiciones = condiciones.filter(tipo__in=alternativa.condiciones)
    return condiciones.first()


def cargos_por_omision(cuenta, dia=None):
    """The debt a negotiation starts from: every past-due cargo still owed."""
    return list(
        Cargo.objects.filter(
            cuenta=cuenta,
            saldo__gt=0,
            estado=Cargo.Estado.VIGENTE,
            fecha_vencimiento__lt=dia or hoy(),
        ).order_by("fecha_vencimiento", "id")
    )


def alternativas_para(cuenta, dia=None):
    """Every alternative the cuenta may be offered today, campaigns included, for side-by-side display."""
    dia = dia or hoy()
    tiene_incumplido = Convenio.objects.filter(
        cuenta=cuenta, estado=Convenio.Estado.INCUMPLIDO
    ).exists()
    alternativas = []
    for alt in Alternativa.objects.filter(cartera_id=cuenta.cartera_id, activa=True):
        if alt.tipo == Alternativa.Tipo.REESTRUCTURA and not tiene_incumplido:
            continue
        if alt.tipo == Alternativa.Tipo.CONDICION_ESPECIAL and not condicion_vigente(
            cuenta, alt, dia
        ):
            continue
        alternativas.append((alt, None))
    for campana in campanas_vigentes(cuenta, dia):
        for alt in Alternativa.objects.filter(
            cartera_id=cuenta.cartera_id,
            activa=True,
            tipo__in=[Alternativa.Tipo.CONTADO, Alternativa.Tipo.PARCIALIDADES],
        ):
            if campana.solo_contado and alt.tipo != Alternativa.Tipo.CONTADO:
                continue
            alternativas.append((alt, campana))
    return alternativas


def simular_todas(*, cuenta, cargos=None, dia=None):
    dia = dia or hoy()
    cargos = cargos if cargos is not None else cargos_por_omision(cuenta, dia)
    return [
        simular(cuenta=cuenta, cargos=cargos, alternativa=alt, campana=campana, dia=dia)
        for alt, campana in alternativas_para(cuenta, dia)
    ]


def validar(simulacion: Simulacion):
    if simulacion.errores:
        raise ValidationError(simulacion.errores)
