"""Reads of the padrón: carteras, titulares, history and the depuración reports.

The depuración works in SQL: duplicates are GROUP BY ... HAVING COUNT(*) > 1 and
inactive accounts are one query with NOT EXISTS, whatever the padrón's size.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from padron.fechas import hoy, sumar_meses
from padron.models import Cartera, Cuenta, GrupoPrelacion, Titular


def carteras_lista():
    return Cartera.objects.annotate(num_cuentas=Count("cuentas"))


def titular_detalle(*, pk: int) -> Titular:
    """A titular with its cuentas (and their carteras) and its condiciones especiales."""
    return (
        Titular.objects.prefetch_related(
            Prefetch("cuentas", queryset=Cuenta.objects.select_related("cartera")),
            "condiciones",
        )
    ).get(pk=pk)


def cuenta_padron(*, numero: str) -> Cuenta:
    return Cuenta.objects.select_related("titular", "cartera").get(numero=numero)


# --- history ------------------------------------------------------------------------------


@dataclass
class Cambio:
    campo: str
    antes: str
    despues: str


@dataclass
class EntradaHistorial:
    fecha: object
    usuario: str
    tipo: str
    motivo: str
    cambios: list = field(default_factory=list)


_TIPOS = {"+": "Alta", "~": "Cambio", "-": "Baja"}


def _mostrar(modelo, campo, valor, nombres):
    if valor in (None, ""):
        return "—"
    campo_modelo = modelo._meta.get_field(campo)
    if campo_modelo.is_relation:
        return nombres.get((campo, valor), f"#{valor}")
    if campo_modelo.choices:
        return dict(campo_modelo.flatchoices).get(valor, str(valor))
    if isinstance(valor, bool):
        return "Sí" if valor else "No"
    if isinstance(valor, list):  # the prelación
        etiquetas = dict(GrupoPrelacion.choices)
        return ", ".join(str(etiquetas.get(v, v)) for v in valor)
    return str(valor)


def historial(registros, modelo, *, cuantos=None) -> list[EntradaHistorial]:
    """Who, when, why and which fields changed (old → new), newest first.

    `registros` are history records newest first; pass one more than `cuantos`
    (the state before the oldest shown) so a page is read in a single query.
    """
    registros = list(registros)
    mostrar = registros if cuantos is None else registros[:cuantos]
    visibles = [f.name for f in modelo._meta.concrete_fields if f.editable]
    # Names for the foreign keys that appear, one query per related model.
    nombres = {}
    for campo in ("titular", "cartera"):
        if campo not in visibles:
            continue
        relacionado = modelo._meta.get_field(campo).related_model
        ids = {getattr(r, f"{campo}_id") for r in registros} - {None}
        for obj in relacionado.objects.filter(pk__in=ids):
            nombres[(campo, obj.pk)] = str(obj)
    entradas = []
    for i, registro in enumerate(mostrar):
        anterior = registros[i + 1] if i + 1 < len(registros) else None
        cambios = []
        if registro.history_type == "~" and anterior is not None:
            diferencia = registro.diff_against(anterior, included_fields=visibles)
            for c in diferencia.changes:
                cambios.append(
                    Cambio(
                        campo=str(modelo._meta.get_field(c.field).verbose_name),
                        antes=_mostrar(modelo, c.field, c.old, nombres),
                        despues=_mostrar(modelo, c.field, c.new, nombres),
                    )
                )
        usuario = registro.history_user
        entradas.append(
            EntradaHistorial(
                fecha=registro.history_date,
                usuario=(usuario.get_full_name() or usuario.username) if usuario else "—",
                tipo=_TIPOS.get(registro.history_type, registro.history_type),
                motivo=registro.history_change_reason or "",
                cambios=cambios,
            )
        )
    return entradas


def historial_registros(instancia):
    """The instance's history records, newest first, with their authors."""
    return instancia.history.select_related("history_user").order_by("-history_date", "-history_id")


# --- depuración: likely duplicates --------------------------------------------------------


@dataclass
class GrupoDuplicado:
    criterio: str  # curp, rfc, clave_catastral, nombre_domicilio
    valor: tuple
    total: int
    titulares: list = field(default_factory=list)
    cuentas: list = field(default_factory=list)

    @property
    def etiqueta(self):
        return CRITERIOS[self.criterio]

    @property
    def descripcion(self):
        return " · ".join(v for v in self.valor if v)


CRITERIOS = {
    "curp": "Misma CURP",
    "rfc": "Mismo RFC",
    "clave_catastral": "Misma clave catastral",
    "nombre_domicilio": "Mismo nombre y domicilio",
}
_CAMPOS_TITULAR = {
    "curp": ("curp",),
    "rfc": ("rfc",),
    "nombre_domicilio": ("nombre_normalizado", "domicilio_normalizado"),
}


def _titulares_de(cartera):
    titulares = Titular.objects.all()
    if cartera is not None:
        titulares = titulares.filter(
            Exists(Cuenta.objects.filter(titular=OuterRef("pk"), cartera=cartera))
        )
    return titulares


def _cuentas_de(cartera):
    cuentas = Cuenta.objects.all()
    if cartera is not None:
        cuentas = cuentas.filter(cartera=cartera)
    return cuentas


def depuracion_duplicados(*, cartera=None) -> list[GrupoDuplicado]:
    """Groups of likely duplicates, four SQL GROUP BY ... HAVING COUNT(*) > 1 queries:
    titulares with the same CURP, the same RFC, the same normalised name and
    domicilio; cuentas with the same clave catastral. Members are not loaded:
    pass a page of groups to `duplicados_con_miembros`."""
    grupos = []
    for criterio, campos in _CAMPOS_TITULAR.items():
        filas = (
            _titulares_de(cartera)
            .exclude(**{f"{campos[-1]}": ""})
            .exclude(**{f"{campos[0]}": ""})
            .values(*campos)
            .annotate(total=Count("id"))
            .filter(total__gt=1)
            .order_by(*campos)
        )
        grupos += [GrupoDuplicado(criterio, tuple(f[c] for c in campos), f["total"]) for f in filas]
    filas = (
        _cuentas_de(cartera)
        .exclude(clave_catastral="")
        .values("clave_catastral")
        .annotate(total=Count("id"))
        .filter(total__gt=1)
        .order_by("clave_catastral")
    )
    grupos += [
        GrupoDuplicado("clave_catastral", (f["clave_catastral"],), f["total"]) for f in filas
    ]
    return grupos


def duplicados_con_miembros(grupos, *, cartera=None) -> list[GrupoDuplicado]:
    """Load the titulares or cuentas of these groups: one query per criterion present."""
    grupos = list(grupos)
    cuentas_qs = Cuenta.objects.select_related("cartera").order_by("numero")
    for criterio, campos in _CAMPOS_TITULAR.items():
        del_criterio = [g for g in grupos if g.criterio == criterio]
        if not del_criterio:
            continue
        filtro = Q()
        for g in del_criterio:
            filtro |= Q(**dict(zip(campos, g.valor, strict=True)))
        titulares = (
            _titulares_de(cartera)
            .filter(filtro)
            .prefetch_related(Prefetch("cuentas", queryset=cuentas_qs))
            .order_by("pk")
        )
        por_valor = {}
        for t in titulares:
            por_valor.setdefault(tuple(getattr(t, c) for c in campos), []).append(t)
        for g in del_criterio:
            g.titulares = por_valor.get(g.valor, [])
    del_criterio = [g for g in grupos if g.criterio == "clave_catastral"]
    if del_criterio:
        cuentas = (
            _cuentas_de(cartera)
            .filter(clave_catastral__in=[g.valor[0] for g in del_criterio])
            .select_related("titular", "cartera")
            .order_by("numero")
        )
        por_clave = {}
        for c in cuentas:
            por_clave.setdefault(c.clave_catastral, []).append(c)
        for g in del_criterio:
            g.cuentas = por_clave.get(g.valor[0], [])
    return grupos


# --- depuración: accounts without movement ------------------------------------------------


def _movimientos():
    # The ledger lives in cobranza, which builds on padrón: reach its models
    # through the reverse relations instead of importing them.
    Cargo = Cuenta._meta.get_field("cargos").related_model
    Pago = Cuenta._meta.get_field("pagos").related_model
    Ajuste = Cargo._meta.get_field("ajustes").related_model
    return Cargo, Pago, Ajuste


def depuracion_sin_movimiento(*, meses: int, cartera=None, dia=None):
    """Cuentas (not de baja) with no cargo issued, pago received or ajuste made in the
    last `meses` months, and registered before that; with the date of each last
    movement. One query: NOT EXISTS for the filter, MAX subqueries for the dates."""
    Cargo, Pago, Ajuste = _movimientos()
    desde = sumar_meses(dia or hoy(), -int(meses))
    cargos = Cargo.objects.filter(cuenta=OuterRef("pk"))
    pagos = Pago.objects.filter(cuenta=OuterRef("pk"))
    ajustes = Ajuste.objects.filter(cargo__cuenta=OuterRef("pk"))

    def ultima(qs, campo):
        return Subquery(qs.order_by(f"-{campo}").values(campo)[:1])

    return (
        _cuentas_de(cartera)
        .exclude(estado=Cuenta.Estado.BAJA)
        .filter(Q(fecha_alta__isnull=True) | Q(fecha_alta__lt=desde))
        .filter(
            ~Exists(cargos.filter(fecha_emision__gte=desde)),
            ~Exists(pagos.filter(fecha__gte=desde)),
            ~Exists(ajustes.filter(fecha__gte=desde)),
        )
        .annotate(
            ultimo_cargo=ultima(cargos, "fecha_emision"),
            ultimo_pago=ultima(pagos, "fecha"),
            ultimo_ajuste=ultima(ajustes, "fecha"),
        )
        .select_related("titular", "cartera")
        .order_by("cartera__nombre", "numero")
    )
