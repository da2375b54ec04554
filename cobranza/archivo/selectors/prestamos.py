"""Reads of loans (the custodian's list, the borrower's own, the overdue ones for the home
pages) and of the originals to hand back to the debtor once the debt is paid off.

Which expedientes are paid off is not all cobranza's to say: a convenio's belongs to
convenios, which cobranza does not import. FINIQUITADOS is a registry of functions, each
returning a queryset of the Legajo rows paid off by its rule; convenios registers its own at
start-up (convenios/archivo.py), the educational credit's rule lives here. Everything stays
one SQL query.
"""

from collections.abc import Callable

from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Cargo, Documento, Legajo, Prestamo
from padron.fechas import hoy
from padron.models import Cartera

LIMITE_TABLERO = 20
PERMISO_CUSTODIA = "cobranza.custodiar_documentos"
TIPOS_POR_DEVOLVER = ("pagare", "contrato_credito")
FUERA_DE_CUSTODIA = (Documento.Estado.DEVUELTO, Documento.Estado.BAJA)

FINIQUITADOS: list[Callable[[], QuerySet]] = []


def finiquitado(regla):
    """Register a rule `() -> QuerySet[Legajo]` of paid-off expedientes (once)."""
    if regla not in FINIQUITADOS:
        FINIQUITADOS.append(regla)
    return regla


def legajos_de_creditos_liquidados():
    """The cuenta's own expediente (clave "") of an educational credit fully paid: it was
    charged something and its balance is now zero."""
    cargos = Cargo.objects.filter(cuenta=OuterRef("cuenta"))
    return Legajo.objects.filter(
        clave="", cuenta__cartera__tipo=Cartera.Tipo.CREDITO, cuenta__saldo__saldo=0
    ).filter(Exists(cargos))


def documentos_finiquitados():
    """Every document whose expediente some rule says is paid off."""
    condicion = Q(legajo__in=legajos_de_creditos_liquidados().values("pk"))
    for regla in FINIQUITADOS:
        condicion |= Q(legajo__in=regla().values("pk"))
    return Documento.objects.filter(condicion)


def pagares_por_devolver(cuenta=None, *, usuario=None):
    """Pagarés and contratos de crédito, originals still held, whose debt is paid off: the
    papers to hand back to the debtor. Of one cuenta, or all (those the user may see)."""
    documentos = documentos_finiquitados().filter(tipo__clave__in=TIPOS_POR_DEVOLVER, original=True)
    documentos = documentos.exclude(estado__in=FUERA_DE_CUSTODIA)
    if cuenta is not None:
        documentos = documentos.filter(legajo__cuenta=cuenta)
    if usuario is not None:
        documentos = documentos.filter(legajo__cuenta__in=cuentas_visibles(usuario))
    return documentos.select_related("tipo", "legajo__cuenta__titular", "carpeta__caja").order_by(
        "legajo__cuenta__numero", "legajo__clave", "pk"
    )


# --- préstamos -------------------------------------------------------------------------------


def _con_vencido(prestamos):
    return prestamos.annotate(
        vencido=Case(
            When(devuelto__isnull=True, vence__lt=hoy(), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    ).select_related(
        "documento__tipo",
        "documento__legajo__cuenta",
        "prestatario",
        "entregado_por",
        "recibido_por",
    )


def prestamos_de(usuario, filtros=None):
    """The loans of the cuentas the custodian may see. filtros: estado ("abiertos" by default,
    "vencidos", "devueltos", "todos"), prestatario (a user), cuenta (its número)."""
    filtros = filtros or {}
    prestamos = Prestamo.objects.filter(documento__legajo__cuenta__in=cuentas_visibles(usuario))
    estado = filtros.get("estado") or "abiertos"
    if estado == "abiertos":
        prestamos = prestamos.filter(devuelto__isnull=True)
    elif estado == "vencidos":
        prestamos = prestamos.filter(devuelto__isnull=True, vence__lt=hoy())
    elif estado == "devueltos":
        prestamos = prestamos.filter(devuelto__isnull=False)
    if prestatario := filtros.get("prestatario"):
        prestamos = prestamos.filter(prestatario=prestatario)
    if numero := (filtros.get("cuenta") or "").strip():
        prestamos = prestamos.filter(documento__legajo__cuenta__numero=numero)
    orden = ("-devuelto", "-pk") if estado == "devueltos" else ("vence", "pk")
    return _con_vencido(prestamos).order_by(*orden)


def mis_prestamos(usuario):
    """The user's own loans, open first (by due date), then the returned ones. Not filtered by
    cuentas_visibles: whoever holds a paper must see it to give it back, even if the cuenta
    was reassigned meanwhile."""
    return _con_vencido(Prestamo.objects.filter(prestatario=usuario)).order_by(
        "-devuelto", "vence", "pk"
    )


def prestamo_visible(usuario, pk):
    """The loan, if the user is its custodian (may see its cuenta) or its borrower; else None."""
    prestamos = _con_vencido(Prestamo.objects.filter(pk=pk))
    if usuario.has_perm(PERMISO_CUSTODIA):
        mio = Q(prestatario=usuario) | Q(documento__legajo__cuenta__in=cuentas_visibles(usuario))
    else:
        mio = Q(prestatario=usuario)
    return prestamos.filter(mio).first()


def prestamos_vencidos_de(usuario):
    """The user's own loans past their due date, not yet returned."""
    return _con_vencido(
        Prestamo.objects.filter(prestatario=usuario, devuelto__isnull=True, vence__lt=hoy())
    ).order_by("vence", "pk")


def prestamos_vencidos(usuario):
    """For the custodian: every overdue loan of the cuentas they may see."""
    return prestamos_de(usuario, {"estado": "vencidos"})


def tablero_prestamos(usuario) -> dict:
    """For the home pages: {"prestamos_vencidos": [...] (the user's own, as borrower),
    "prestamos_vencidos_custodia": [...] (custodians only: all overdue), "cuantos_prestamos":
    {"vencidos", "vencidos_custodia"}}. Lists hold at most LIMITE_TABLERO rows; the counts are
    the totals."""
    propios = prestamos_vencidos_de(usuario)
    custodia = prestamos_vencidos(usuario) if usuario.has_perm(PERMISO_CUSTODIA) else None
    return {
        "prestamos_vencidos": list(propios[:LIMITE_TABLERO]),
        "prestamos_vencidos_custodia": [] if custodia is None else list(custodia[:LIMITE_TABLERO]),
        "cuantos_prestamos": {
            "vencidos": propios.count(),
            "vencidos_custodia": custodia.count() if custodia is not None else 0,
        },
    }
