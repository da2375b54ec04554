"""The exclusions a supervisor may apply to a lista de morosos, by name.

cobranza does not import the apps built on it (convenios); they register their exclusions
here at start-up, the way pretix's plugins register through signals. Each exclusion is a
function `dia -> Q over Cuenta` or `dia -> queryset of a model with a `cuenta` foreign key`
(e.g. `Convenio.objects.filter(...)`); the list turns it into `NOT EXISTS (...)` inside its
one SQL statement, so no account id ever passes through Python.

The criteria field of an exclusion is `excluir_<clave>`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from cobranza.models import Expediente, PromesaPago
from padron.models import CondicionEspecial


@dataclass(frozen=True)
class ExclusionMorosos:
    clave: str
    etiqueta: str
    cuentas: Callable  # dia -> Q over Cuenta, or a queryset with a cuenta_id column
    orden: int = 50  # where it shows in the form

    @property
    def campo(self) -> str:
        return f"excluir_{self.clave}"

    def condicion(self, dia) -> Q:
        """A Q over Cuenta that holds for the accounts this exclusion leaves out."""
        resultado = self.cuentas(dia)
        if isinstance(resultado, Q):
            return resultado
        return Q(Exists(resultado.filter(cuenta_id=OuterRef("pk"))))


EXCLUSIONES_DE_MOROSOS: dict[str, ExclusionMorosos] = {}


def exclusion_de_morosos(clave: str, etiqueta: str, funcion: Callable, *, orden: int = 50):
    # AppConfig.ready() may run more than once (tests): the first registration stays.
    EXCLUSIONES_DE_MOROSOS.setdefault(clave, ExclusionMorosos(clave, etiqueta, funcion, orden))


def exclusiones_de_morosos() -> list[ExclusionMorosos]:
    return sorted(EXCLUSIONES_DE_MOROSOS.values(), key=lambda e: (e.orden, e.clave))


# --- cobranza's own --------------------------------------------------------------------------


def con_promesa_vigente(dia):
    """A promesa de pago not yet due: the debtor gets until its date."""
    return PromesaPago.objects.filter(estado=PromesaPago.Estado.VIGENTE, fecha_compromiso__gte=dia)


def en_pec(dia):
    """An expediente in process (open, or suspended by a convenio) already pursues the debt."""
    return Expediente.objects.filter(
        estado__in=[Expediente.Estado.ABIERTO, Expediente.Estado.SUSPENDIDO]
    )


def con_condicion_especial(dia):
    """The titular has a condición especial (adulto mayor, discapacidad...) valid on `dia`."""
    vigentes = CondicionEspecial.objects.filter(
        titular_id=OuterRef("titular_id"), vigente_desde__lte=dia
    ).filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=dia))
    return Q(Exists(vigentes))


exclusion_de_morosos("promesa_vigente", "Promesa de pago vigente", con_promesa_vigente, orden=20)
exclusion_de_morosos("en_pec", "Ya en un expediente del PEC en trámite", en_pec, orden=30)
exclusion_de_morosos(
    "condicion_especial", "Titular con condición especial vigente", con_condicion_especial, orden=40
)
