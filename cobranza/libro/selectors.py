"""Reads of the ledger: which cuentas a user sees, search, estado de cuenta (front desk);
ajustes and reversals, the cuentas one may touch (the supervisor's ledger work)."""

import re
from datetime import timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import (
    CharField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from cobranza.libro.services.saldos import CUBETAS
from cobranza.models import Ajuste, Aplicacion, Asignacion, Cargo, Pago, ReversionPago
from padron.fechas import hoy
from padron.models import Cartera, Cuenta
from padron.permisos import puede_ver_todas_las_cuentas
from padron.texto import normalizar

CERO = Decimal("0.00")
# "17-03-0123-05", or its beginning: the shape of a clave catastral.
FORMA_DE_CLAVE = re.compile(r"^\d+(?:-\d*)+$")
DINERO = DecimalField(max_digits=14, decimal_places=2)


def cuentas_visibles(usuario):
    """Every cuenta for staff with ver_todas_las_cuentas; for the others (the abogado externo)
    only the cuentas whose open Asignacion is theirs.

    An EXISTS in the same query, not a list of ids: every page, endpoint, export and search
    built on this queryset isolates the lawyer whatever the size of its cartera.
    """
    cuentas = Cuenta.objects.select_related("titular", "cartera", "saldo")
    if puede_ver_todas_las_cuentas(usuario):
        return cuentas
    if not getattr(usuario, "is_authenticated", False):
        return cuentas.none()
    if usuario.has_perm("padron.ver_cartera_credito"):  # seguimiento a beneficiarios
        return cuentas.filter(cartera__tipo=Cartera.Tipo.CREDITO)
    suya = Asignacion.objects.filter(
        cuenta=OuterRef("pk"), asignado_a=usuario.pk, hasta__isnull=True
    )
    return cuentas.filter(Exists(suya))


def cuenta_visible_id(usuario, numero) -> int | None:
    """The id of cuenta `numero` if `usuario` may see it (cuentas_visibles), else None.

    Staff who see every cuenta by hand, one index lookup: every payment at the counter asks."""
    if not puede_ver_todas_las_cuentas(usuario):
        visibles = cuentas_visibles(usuario).select_related(None).filter(numero=numero)
        return visibles.values_list("pk", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Cuenta._meta.db_table} WHERE numero = %s", [numero])
        fila = cursor.fetchone()
    return fila[0] if fila else None


def cuentas_buscar(*, usuario, texto, limite=50):
    """By número, name fragment, CURP/RFC, clave catastral or domicilio, accent-insensitive.

    Every word must appear in the normalised `busqueda` column (trigram index on PostgreSQL);
    a text with the shape of a clave catastral finds the claves that begin with it.
    """
    palabras = normalizar(texto).split()
    if not palabras:
        return cuentas_visibles(usuario).none()
    exacta = texto.strip()
    if FORMA_DE_CLAVE.match(exacta):
        # Its pieces are too short for the trigram index (pg_trgm drops the dashes, and
        # "17", "03" are in every clave): by prefix on the clave's own index, under 1 ms
        # instead of rechecking thousands of rows.
        filtro = Q(clave_catastral__startswith=exacta)
    else:
        filtro = Q()
        for palabra in palabras:
            filtro &= Q(busqueda__contains=palabra)
    # No ORDER BY in SQL (not even Cuenta's default one, hence order_by()): with LIMIT it
    # would make PostgreSQL walk the número index instead of the trigram index (5 ms became
    # 150 ms); the few rows found are sorted here.
    cuentas = list(cuentas_visibles(usuario).filter(filtro | Q(numero=exacta)).order_by()[:limite])
    return sorted(cuentas, key=lambda c: (c.numero != exacta, c.numero))


def _suma_al(modelo, al):
    """Σ monto of `modelo` (Aplicacion or Ajuste) on the outer cargo, dated up to `al`: a
    correlated subquery on the cargo_id index, so the statement stays one query."""
    suma = (
        modelo.objects.filter(cargo=OuterRef("pk"), fecha__lte=al)
        .order_by()
        .values("cargo")
        .annotate(total=Sum("monto"))
        .values("total")
    )
    return Coalesce(Subquery(suma, output_field=DINERO), Value(CERO), output_field=DINERO)


def cubeta(dias):
    for clave, desde, hasta in CUBETAS:
        if desde <= dias <= hasta:
            return clave
    return ">365" if dias > 365 else ""


def estado_de_cuenta(*, cuenta, al, con_aplicaciones=True):
    """The cuenta's ledger as of `al`.

    One query for the cargos (what each was paid and adjusted up to `al` as subqueries),
    one for the pagos (plus one for their aplicaciones when `con_aplicaciones`, the API's),
    one for the descuentos sociales when something was adjusted: the count does not grow
    with the history. Today's (or a later day's) saldo of each cargo is the maintained
    `Cargo.saldo`; a past day's is rebuilt: monto − paid − adjusted up to that day.
    """
    cargos = list(
        Cargo.objects.filter(cuenta=cuenta, fecha_emision__lte=al)
        .annotate(pagado_al=_suma_al(Aplicacion, al), ajustado_al=_suma_al(Ajuste, al))
        .order_by("fecha_vencimiento", "id")
    )
    pagos = Pago.objects.filter(cuenta=cuenta, fecha__lte=al).order_by("fecha", "id")
    if con_aplicaciones:
        pagos = pagos.prefetch_related(
            Prefetch("aplicaciones", queryset=Aplicacion.objects.filter(fecha__lte=al))
        )
    al_dia = al >= hoy()
    saldo = vencido = pagados_total = CERO
    abiertos, pagados = [], []
    por_concepto, por_antiguedad = {}, {}
    for cargo in cargos:
        cargo.saldo_al = (
            cargo.saldo if al_dia else cargo.monto - cargo.pagado_al - cargo.ajustado_al
        )
        saldo += cargo.saldo_al
        if cargo.saldo_al > 0:
            abiertos.append(cargo)
        else:
            pagados.append(cargo)
            pagados_total += cargo.monto
        if cargo.saldo_al > 0 and cargo.fecha_vencimiento < al:
            vencido += cargo.saldo_al
            concepto = cargo.get_concepto_display()
            por_concepto[concepto] = por_concepto.get(concepto, CERO) + cargo.saldo_al
            clave = cubeta((al - cargo.fecha_vencimiento).days)
            por_antiguedad[clave] = por_antiguedad.get(clave, CERO) + cargo.saldo_al
    # Ajustes are positive: a statement with nothing adjusted has no descuento social to list.
    descuentos_sociales = []
    if any(cargo.ajustado_al for cargo in cargos):
        descuentos_sociales = list(
            Ajuste.objects.filter(
                cargo__cuenta=cuenta, descuento_social__isnull=False, fecha__lte=al
            )
            .select_related("cargo")
            .order_by("-fecha", "-id")[:24]
        )
    return {
        "cuenta": cuenta,
        "al": al,
        "cargos": cargos,
        "cargos_abiertos": abiertos,
        "cargos_pagados": pagados,
        "cargos_pagados_total": pagados_total,
        "pagos": list(pagos),
        "descuentos_sociales": descuentos_sociales,
        "saldo": saldo,
        "saldo_vencido": vencido,
        "por_concepto": por_concepto,
        "por_antiguedad": [(c, por_antiguedad.get(c, CERO)) for c, _, _ in CUBETAS]
        + [(">365", por_antiguedad.get(">365", CERO))],
    }


# --- the supervisor's ledger work: ajustes and reversals, the cuentas one may touch ---
ETIQUETAS = {**dict(Ajuste.Tipo.choices), "reversion": "Reversión de pago"}


def cuentas_permitidas(usuario):
    """The cuentas `usuario` may see: cobranza.libro.selectors.cuentas_visibles, the one rule."""
    try:
        from cobranza.libro.selectors import cuentas_visibles
    except ImportError:  # the front desk's selector; same rule until it lands
        if puede_ver_todas_las_cuentas(usuario):
            return Cuenta.objects.all()
        return Cuenta.objects.none()
    return cuentas_visibles(usuario)


def pago_para_revertir(*, usuario, folio):
    return (
        Pago.objects.select_related("cuenta", "cuenta__titular", "registrado_por")
        .prefetch_related("aplicaciones__cargo")
        .filter(cuenta__in=cuentas_permitidas(usuario))
        .get(folio=folio)
    )


def cargo_para_ajustar(*, usuario, pk):
    return (
        Cargo.objects.select_related("cuenta", "cuenta__titular")
        .prefetch_related("ajustes__autorizado_por")
        .filter(cuenta__in=cuentas_permitidas(usuario))
        .get(pk=pk)
    )


def rango_de_fechas(desde=None, hasta=None):
    """The list's dates; by default the last 30 days up to today."""
    hasta = hasta or hoy()
    return desde or hasta - timedelta(days=30), hasta


def movimientos_autorizados(*, usuario, desde, hasta):
    """Ajustes and payment reversals dated in [desde, hasta], newest first, as dicts:
    fecha, clase ('ajuste'/'reversion'), tipo, monto, motivo, cuenta, concepto, cargo_id,
    folio, usuario, nombre, apellido, registrado. One query per page (a UNION)."""
    cuentas = cuentas_permitidas(usuario)
    texto = CharField()
    columnas = (
        "fecha",
        "clase",
        "tipo_movimiento",
        "importe",
        "motivo",
        "cuenta_numero",
        "concepto",
        "cargo_num",
        "folio",
        "usuario",
        "nombre",
        "apellido",
        "registrado",
    )
    ajustes = (
        Ajuste.objects.filter(fecha__range=(desde, hasta), cargo__cuenta__in=cuentas)
        .annotate(
            clase=Value("ajuste", output_field=texto),
            tipo_movimiento=F("tipo"),
            importe=F("monto"),
            cuenta_numero=F("cargo__cuenta__numero"),
            concepto=F("cargo__concepto"),
            cargo_num=F("cargo_id"),
            folio=Value("", output_field=texto),
            usuario=F("autorizado_por__username"),
            nombre=F("autorizado_por__first_name"),
            apellido=F("autorizado_por__last_name"),
        )
        .values_list(*columnas, named=True)
        .order_by()
    )
    reversiones = (
        ReversionPago.objects.filter(fecha__range=(desde, hasta), pago__cuenta__in=cuentas)
        .annotate(
            clase=Value("reversion", output_field=texto),
            tipo_movimiento=Value("reversion", output_field=texto),
            importe=Coalesce(F("pago__monto"), Value(0), output_field=DecimalField()),
            cuenta_numero=F("pago__cuenta__numero"),
            concepto=Value("", output_field=texto),
            cargo_num=Value(None, output_field=IntegerField()),
            folio=F("pago__folio"),
            usuario=F("autorizado_por__username"),
            nombre=F("autorizado_por__first_name"),
            apellido=F("autorizado_por__last_name"),
        )
        .values_list(*columnas, named=True)
        .order_by()
    )
    return ajustes.union(reversiones, all=True).order_by("-fecha", "-registrado")
