"""Listas de corte: which water accounts are cut (or have their supply reduced), who is left
out and by which rule, and the orders by route for the cortadores.

An account enters the list when its service is active (not baja) with agua, it owes
something past due, and it meets a criterion: months overdue ≥ the threshold (the
cartera's `umbral_corte_meses` unless the supervisor sets another), or a criterion that
another app registers (cobranza.cortes.reglas: convenio incumplido). The exclusions are
checked in a fixed order and the first that applies is recorded as the reason (motivo):
a pending order, already cut, a protection rule in force (ReglaProteccion), condición
especial, institución pública, the registered ones (convenio al corriente), promesa vigente.

The generation is set-based so that 200,000 accounts fit in a few seconds with flat memory:
the candidates are one annotated query, computed once (a materialized CTE) for one statement
that writes the exclusions and the orders (numbered with row_number() in walking order); the
history rows are one INSERT ... SELECT from the orders. That statement is a data-modifying CTE,
which only PostgreSQL has; elsewhere (the SQLite demo) exclusions and orders are two
INSERT ... SELECT, the candidates computed twice.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    AutoField,
    BigIntegerField,
    Case,
    CharField,
    Count,
    DateTimeField,
    F,
    IntegerField,
    Q,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, Concat, LPad, RowNumber

import padron.sql
from cobranza.cortes.reglas import CRITERIOS_EXTRA, EXCLUSIONES_EXTRA
from cobranza.models import ExclusionCorte, ListaCorte, OrdenCorte, PromesaPago, ReglaProteccion
from padron import historial
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente
from padron.models import Cartera, CondicionEspecial, Cuenta, Folio
from padron.personas import nombre_persona
from padron.sql import memoria_para_ordenar

CERO = Decimal("0.00")
PERMISO_CORTADOR = "cobranza.registrar_resultado_corte"

# Why an account is in the list (OrdenCorte.motivo_elegible); registered criteria add theirs.
CRITERIO_MESES = "meses_vencidos"
# Why an account is left out (ExclusionCorte.motivo), in the order they are checked.
MOTIVOS_EXCLUSION = {
    "orden_pendiente": "Ya tiene una orden de corte pendiente",
    "ya_cortada": "Servicio ya cortado o restringido",
    "regla_proteccion": "Regla de protección",
    "condicion_especial": "Titular con condición especial vigente",
    "institucion_publica": "Institución pública",
    "promesa_vigente": "Promesa de pago vigente",
}
# Those the supervisor may switch off (the others always apply).
CONFIGURABLES = ("ya_cortada", "condicion_especial", "institucion_publica", "promesa_vigente")


def exclusiones_disponibles() -> list[tuple[str, str]]:
    """The exclusions a supervisor may choose, in the order they are checked."""
    propias = [(c, MOTIVOS_EXCLUSION[c]) for c in CONFIGURABLES]
    extras = [(r.clave, r.etiqueta) for r in EXCLUSIONES_EXTRA]
    return propias[:-1] + extras + propias[-1:]  # promesa vigente last


def criterios_disponibles() -> list[tuple[str, str]]:
    """The criteria besides months overdue (registered by other apps)."""
    return [(r.clave, r.etiqueta) for r in CRITERIOS_EXTRA]


def etiqueta_motivo(clave: str) -> str:
    etiquetas = {
        CRITERIO_MESES: "Meses vencidos",
        **MOTIVOS_EXCLUSION,
        **{r.clave: r.etiqueta for r in (*CRITERIOS_EXTRA, *EXCLUSIONES_EXTRA)},
    }
    return etiquetas.get(clave, clave)


# --- the criteria ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Criterios:
    cartera: Cartera
    meses_minimos: int
    sector: str = ""
    ruta: str = ""
    excluir: tuple[str, ...] = ()
    incluir: tuple[str, ...] = ()

    def parametros(self) -> dict:
        return {
            "cartera": self.cartera.clave,
            "meses_minimos": self.meses_minimos,
            "sector": self.sector,
            "ruta": self.ruta,
            "excluir": list(self.excluir),
            "incluir": list(self.incluir),
        }


def _cartera(valor, errores):
    if isinstance(valor, Cartera):
        cartera = valor
    elif valor in (None, ""):
        errores["cartera"] = "Elija la cartera."
        return None
    else:
        texto = str(valor).strip()
        filtro = Q(clave=texto) | (Q(pk=int(texto)) if texto.isdigit() else Q())
        cartera = Cartera.objects.filter(filtro).first()
        if cartera is None:
            errores["cartera"] = "No existe esa cartera."
            return None
    if cartera.tipo != Cartera.Tipo.AGUA:
        errores["cartera"] = "Las listas de corte son solo para carteras de servicio de agua."
        return None
    return cartera


def _meses(valor, cartera, errores):
    if valor in (None, ""):
        return cartera.umbral_corte_meses if cartera else None
    try:
        meses = int(str(valor).strip())
    except ValueError:
        meses = 0
    if not 1 <= meses <= 600:
        errores["meses_minimos"] = (
            "Indique los meses vencidos mínimos: un número entero de 1 o más."
        )
        return None
    return meses


def _texto(datos, campo, errores):
    texto = str(datos.get(campo) or "").strip()
    if len(texto) > 20:
        errores[campo] = f"El {campo} tiene a lo más 20 caracteres."
    return texto


def _claves(valor, disponibles, campo, errores, omision):
    if valor is None:
        return list(omision)
    if isinstance(valor, str):
        valor = valor.split(",")
    claves = [str(v).strip() for v in valor if str(v).strip()]
    desconocidas = sorted(set(claves) - set(disponibles))
    if desconocidas:
        errores[campo] = f"Opción desconocida: {', '.join(desconocidas)}."
    return [c for c in disponibles if c in claves]  # in the order they are checked


def corte_criterios(datos: dict) -> Criterios:
    """Validate the supervisor's criteria. Empty months mean the cartera's threshold; no
    `excluir` means every exclusion but condición especial, which applies anyway when the
    cartera protects those titulares; no `incluir` means every registered criterion."""
    if isinstance(datos, Criterios):
        return datos
    errores = {}
    cartera = _cartera(datos.get("cartera"), errores)
    meses = _meses(datos.get("meses_minimos"), cartera, errores)
    sector, ruta = _texto(datos, "sector", errores), _texto(datos, "ruta", errores)
    exclusiones = [c for c, _ in exclusiones_disponibles()]
    excluir = _claves(
        datos.get("excluir"),
        exclusiones,
        "excluir",
        errores,
        [c for c in exclusiones if c != "condicion_especial"],
    )
    criterios = [c for c, _ in criterios_disponibles()]
    incluir = _claves(datos.get("incluir"), criterios, "incluir", errores, criterios)
    if errores:
        raise ValidationError(errores)
    if cartera.protege_condicion_especial and "condicion_especial" not in excluir:
        excluir = [c for c in exclusiones if c in {*excluir, "condicion_especial"}]
    return Criterios(
        cartera=cartera,
        meses_minimos=meses,
        sector=sector,
        ruta=ruta,
        excluir=tuple(excluir),
        incluir=tuple(incluir),
    )


# --- who is in, who is out ------------------------------------------------------------------


def reglas_en_vigor(cartera, dia):
    """Active protection rules in force on `dia` for the cartera (no carteras: all)."""
    return (
        ReglaProteccion.objects.filter(activa=True, vigente_desde__lte=dia)
        .filter(Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=dia))
        .filter(Q(carteras=cartera) | Q(carteras__isnull=True))
        .distinct()
        .order_by("vigente_desde", "pk")
    )


def _titulares_con_condicion(dia, tipos=None):
    condiciones = CondicionEspecial.objects.filter(vigente_desde__lte=dia).filter(
        Q(vigente_hasta__isnull=True) | Q(vigente_hasta__gte=dia)
    )
    if tipos:
        condiciones = condiciones.filter(tipo__in=tipos)
    return condiciones.values("titular_id")


def _protege(regla, dia) -> Q:
    """The accounts a rule protects; an empty list in the rule means "any"."""
    q = Q(pk__isnull=False)
    if regla.municipios:
        q &= reduce(or_, (Q(municipio__iexact=m) for m in regla.municipios))
    if regla.sectores:
        q &= Q(sector__in=regla.sectores)
    if regla.clasificaciones:
        q &= Q(clasificacion__in=regla.clasificaciones)
    if regla.condiciones:
        q &= Q(titular_id__in=_titulares_con_condicion(dia, regla.condiciones))
    return q


def _exclusiones(criterios, dia, reglas):
    """[(motivo, condition, regla id)] in the order they are checked."""
    pendientes = OrdenCorte.objects.filter(
        estado=OrdenCorte.Estado.PENDIENTE, tipo=OrdenCorte.Tipo.CORTE
    ).values("cuenta_id")
    condiciones = {
        "ya_cortada": Q(estado__in=[Cuenta.Estado.CORTADA, Cuenta.Estado.RESTRINGIDA]),
        "condicion_especial": Q(titular_id__in=_titulares_con_condicion(dia)),
        "institucion_publica": Q(clasificacion=Cuenta.Clasificacion.PUBLICA),
        "promesa_vigente": Q(
            pk__in=PromesaPago.objects.filter(
                estado=PromesaPago.Estado.VIGENTE, fecha_compromiso__gte=dia
            ).values("cuenta_id")
        ),
        **{r.clave: Q(pk__in=r.cuentas(dia)) for r in EXCLUSIONES_EXTRA},
    }
    resultado = [("orden_pendiente", Q(pk__in=pendientes), None)]
    if "ya_cortada" in criterios.excluir:
        resultado.append(("ya_cortada", condiciones["ya_cortada"], None))
    resultado += [("regla_proteccion", _protege(r, dia), r.pk) for r in reglas]
    resultado += [(c, condiciones[c], None) for c in criterios.excluir if c != "ya_cortada"]
    return resultado


def _accion(cartera):
    if cartera.domesticos_solo_reduccion:
        return Case(
            When(
                clasificacion=Cuenta.Clasificacion.DOMESTICA,
                then=Value(OrdenCorte.Accion.REDUCCION.value),
            ),
            default=Value(OrdenCorte.Accion.SUSPENSION.value),
            output_field=CharField(),
        )
    return Value(OrdenCorte.Accion.SUSPENSION.value, output_field=CharField())


def _candidatas(criterios, dia, reglas):
    """Accounts meeting a criterion, annotated with why they are in (`por_que`), what
    leaves them out (`excluida_por`, '' when nothing; `excluida_regla`) and the action."""
    c = criterios
    cuentas = Cuenta.objects.filter(
        cartera=c.cartera, servicio_agua=True, saldo__saldo_vencido__gt=0
    ).exclude(estado=Cuenta.Estado.BAJA)
    if c.sector:
        cuentas = cuentas.filter(sector=c.sector)
    if c.ruta:
        cuentas = cuentas.filter(ruta=c.ruta)
    elegible = [(CRITERIO_MESES, Q(saldo__meses_vencidos__gte=c.meses_minimos))]
    elegible += [
        (r.clave, Q(pk__in=r.cuentas(dia))) for r in CRITERIOS_EXTRA if r.clave in c.incluir
    ]
    exclusiones = _exclusiones(c, dia, reglas)
    return (
        cuentas.filter(reduce(or_, (q for _, q in elegible)))
        .annotate(
            por_que=Case(
                *[When(q, then=Value(m)) for m, q in elegible],
                default=Value(""),
                output_field=CharField(),
            ),
            excluida_por=Case(
                *[When(q, then=Value(m)) for m, q, _ in exclusiones],
                default=Value(""),
                output_field=CharField(),
            ),
            excluida_regla=Case(
                *[When(q, then=Value(r, output_field=IntegerField())) for _, q, r in exclusiones],
                default=Value(None, output_field=IntegerField()),
                output_field=IntegerField(),
            ),
            accion_corte=_accion(c.cartera),
        )
        .order_by()
    )


def corte_vista_previa(criterios, dia: date | None = None) -> dict:
    """What the list would hold: eligible accounts and their saldo vencido, and those left
    out by motivo and rule. Aggregated in SQL (one query plus the rules in force)."""
    dia = dia or hoy()
    criterios = corte_criterios(criterios)
    reglas = list(reglas_en_vigor(criterios.cartera, dia))
    filas = (
        _candidatas(criterios, dia, reglas)
        .values("excluida_por", "excluida_regla", "por_que", "accion_corte")
        .annotate(cuentas=Count("pk"), vencido=Sum("saldo__saldo_vencido"))
        .order_by()
    )
    return _resumen(list(filas), reglas)


def _resumen(filas, reglas):
    nombres = {r.pk: r.nombre for r in reglas}
    precedencia = ["orden_pendiente", "ya_cortada", "regla_proteccion"] + [
        c for c, _ in exclusiones_disponibles() if c != "ya_cortada"
    ]
    orden = {m: i for i, m in enumerate(precedencia)}
    elegibles = [f for f in filas if not f["excluida_por"]]
    excluidas = {}
    for f in filas:
        if not f["excluida_por"]:
            continue
        clave = (f["excluida_por"], f["excluida_regla"])
        fila = excluidas.setdefault(
            clave,
            {
                "motivo": f["excluida_por"],
                "etiqueta": etiqueta_motivo(f["excluida_por"]),
                "regla": f["excluida_regla"],
                "regla_nombre": nombres.get(f["excluida_regla"], ""),
                "cuentas": 0,
                "saldo_vencido": CERO,
            },
        )
        fila["cuentas"] += f["cuentas"]
        fila["saldo_vencido"] += f["vencido"] or CERO
    por_criterio, por_accion = {}, {"suspension": 0, "reduccion": 0}
    for f in elegibles:
        por_criterio[f["por_que"]] = por_criterio.get(f["por_que"], 0) + f["cuentas"]
        por_accion[f["accion_corte"]] += f["cuentas"]
    return {
        "elegibles": sum(f["cuentas"] for f in elegibles),
        "total_vencido": sum((f["vencido"] or CERO for f in elegibles), CERO),
        "excluidas": sum(f["cuentas"] for f in excluidas.values()),
        "exclusiones": sorted(
            excluidas.values(),
            key=lambda f: (orden.get(f["motivo"], 99), f["motivo"], f["regla"] or 0),
        ),
        "por_criterio": [
            {"motivo": m, "etiqueta": etiqueta_motivo(m), "cuentas": n}
            for m, n in sorted(por_criterio.items())
        ],
        "por_accion": por_accion,
        "reglas": [{"id": r.pk, "nombre": r.nombre} for r in reglas],
    }


# --- set-based writes -----------------------------------------------------------------------


def _es_entero(campo):
    return campo.get_internal_type() in {
        "ForeignKey",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
    }


def _por_omision(modelo, columnas) -> tuple[list[str], list]:
    """The NOT NULL columns of `modelo` left out of `columnas`: their names and defaults."""
    q = connection.ops.quote_name
    nombres, valores = [], []
    for campo in modelo._meta.concrete_fields:
        if campo.attname in columnas or campo.null or isinstance(campo, AutoField):
            continue
        nombres.append(q(campo.column))
        valores.append(campo.get_db_prep_save(campo.get_default(), connection))
    return nombres, valores


def _insertar(modelo, columnas: dict, consulta) -> int:
    """INSERT INTO modelo (columns) SELECT ... FROM consulta: one statement, no row passes
    through Python. `columnas` maps attnames to expressions over `consulta`; NOT NULL
    columns left out take the field's default."""
    campos = {f.attname: f for f in modelo._meta.concrete_fields}
    alias = {columna: f"c{i}" for i, columna in enumerate(columnas)}
    expresiones = {
        # PostgreSQL reads a bare NULL (or a CASE of them) in a subquery as text.
        alias[c]: Cast(e, output_field=BigIntegerField()) if _es_entero(campos[c]) else e
        for c, e in columnas.items()
    }
    sql, params = consulta.annotate(**expresiones).values(*alias.values()).query.sql_with_params()
    q = connection.ops.quote_name
    omitidas, por_omision = _por_omision(modelo, columnas)
    nombres = [q(campos[c].column) for c in columnas] + omitidas
    valores = [f"s.{q(alias[c])}" for c in columnas] + ["%s"] * len(omitidas)
    sentencia = (
        f"INSERT INTO {q(modelo._meta.db_table)} ({', '.join(nombres)}) "
        f"SELECT {', '.join(valores)} FROM ({sql}) s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sentencia, [*por_omision, *params])
        return cursor.rowcount


def _insercion(modelo, columnas: dict[str, tuple[str, list]]) -> tuple[str, list]:
    """ "INSERT INTO modelo (...) SELECT ..." (its FROM is the caller's) and its parameters:
    `columnas` maps attnames to (SQL, parameters); NOT NULL columns left out take the
    field's default."""
    q = connection.ops.quote_name
    campos = {f.attname: f for f in modelo._meta.concrete_fields}
    omitidas, por_omision = _por_omision(modelo, columnas)
    nombres = [q(campos[c].column) for c in columnas] + omitidas
    valores = [sql for sql, _ in columnas.values()] + ["%s"] * len(omitidas)
    params = [p for _, ps in columnas.values() for p in ps] + por_omision
    sql = (
        f"INSERT INTO {q(modelo._meta.db_table)} ({', '.join(nombres)}) SELECT {', '.join(valores)}"
    )
    return sql, params


def historial_en_bloque(ordenes, *, tipo, usuario, motivo, cambios=None) -> int:
    """Write the history rows (django-simple-history) of many orders in one statement.

    `cambios` overrides columns (attname -> value), for rows about to be updated in bulk.
    """
    cambios = cambios or {}
    columnas = {
        campo.attname: Value(cambios[campo.attname], output_field=campo)
        if campo.attname in cambios
        else F(campo.attname)
        for campo in historial.columnas_propias(OrdenCorte)
    }
    marcas = historial.marcas(tipo=tipo, usuario=usuario, motivo=motivo)
    columnas.update({c: Value(v, output_field=campo) for c, (v, campo) in marcas.items()})
    return _insertar(OrdenCorte.history.model, columnas, ordenes.order_by())


def _folios_reservar(serie):
    """The series row, locked until the transaction ends: its numbers are taken as a block."""
    Folio.objects.get_or_create(serie=serie)
    return Folio.objects.select_for_update().get(serie=serie)


CAMINATA = "manzana, domicilio, numero"  # the walking order within a route


def _exclusiones_y_ordenes_insertar(
    lista, candidatas, cartera, dia, usuario
) -> tuple[int, int, Decimal]:
    """One statement: the candidates computed once (a materialized CTE), the excluded ones
    written as exclusions and the others as orders, numbered with row_number() in walking
    order by sector and route, and the orders' history rows from what was inserted.
    Returns (exclusions, orders, their saldo vencido)."""
    serie = _folios_reservar(f"OC{dia:%y}")
    inicio = serie.ultimo
    # No folio may be cut short: enough digits for every account of the cartera.
    digitos = max(6, len(str(inicio + Cuenta.objects.filter(cartera=cartera).count())))
    fuente = candidatas.annotate(
        vencido=F("saldo__saldo_vencido"), meses=F("saldo__meses_vencidos")
    ).values(
        "id",
        "excluida_por",
        "excluida_regla",
        "por_que",
        "accion_corte",
        "vencido",
        "meses",
        "sector",
        "ruta",
        "manzana",
        "domicilio",
        "numero",
    )
    sql_candidatas, params_candidatas = fuente.query.sql_with_params()
    exclusiones, params_exclusiones = _insercion(
        ExclusionCorte,
        {
            "lista_id": ("%s", [lista.pk]),
            "cuenta_id": ("id", []),
            "motivo": ("excluida_por", []),
            # PostgreSQL reads a CASE of bare NULLs (no rule in force) as text.
            "regla_id": ("CAST(excluida_regla AS integer)", []),
        },
    )
    ordenes, params_ordenes = _insercion(
        OrdenCorte,
        {
            "folio": (
                "%s || LPAD((ROW_NUMBER() OVER recorrido + %s)::text, %s, '0')",
                [f"{serie.serie}-", inicio, digitos],
            ),
            "tipo": ("%s", [OrdenCorte.Tipo.CORTE.value]),
            "accion": ("accion_corte", []),
            "lista_id": ("%s", [lista.pk]),
            "cuenta_id": ("id", []),
            "estado": ("%s", [OrdenCorte.Estado.PENDIENTE.value]),
            "motivo_elegible": ("por_que", []),
            "saldo_vencido": ("vencido", []),
            "meses_vencidos": ("meses", []),
            "sector": ("sector", []),
            "ruta": ("ruta", []),
            "orden_ruta": (
                f"ROW_NUMBER() OVER (PARTITION BY sector, ruta ORDER BY {CAMINATA})",
                [],
            ),
            "creada": ("%s", [ahora()]),
        },
    )
    historial_sql, params_historial = historial.insercion(
        OrdenCorte, tipo="+", usuario=usuario, motivo=f"Lista de corte {lista.folio}"
    )
    sentencia = (
        f"WITH candidatas AS MATERIALIZED ({sql_candidatas}), "
        f"excluidas AS ({exclusiones} FROM candidatas WHERE excluida_por <> '' RETURNING 1), "
        f"ordenes AS ({ordenes} FROM candidatas WHERE excluida_por = '' "
        f"WINDOW recorrido AS (ORDER BY sector, ruta, {CAMINATA}) RETURNING *), "
        # A data-modifying CTE runs whether or not the query reads it.
        f"historial AS ({historial_sql} FROM ordenes) "
        "SELECT (SELECT COUNT(*) FROM excluidas), COUNT(*), SUM(saldo_vencido) FROM ordenes"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sentencia,
            [*params_candidatas, *params_exclusiones, *params_ordenes, *params_historial],
        )
        excluidas, creadas, vencido = cursor.fetchone()
    serie.ultimo = inicio + creadas
    serie.save(update_fields=["ultimo"])
    return excluidas, creadas, vencido or CERO


def _exclusiones_y_ordenes_por_separado(
    lista, candidatas, criterios, dia, reglas
) -> tuple[int, int, Decimal]:
    """The same rows as `_exclusiones_y_ordenes_insertar`, in two portable INSERT ... SELECT."""
    excluye = reduce(or_, (q for _, q, _ in _exclusiones(criterios, dia, reglas)))
    excluidas = _insertar(
        ExclusionCorte,
        {
            "lista_id": Value(lista.pk),
            "cuenta_id": F("pk"),
            "motivo": F("excluida_por"),
            "regla_id": F("excluida_regla"),
        },
        candidatas.filter(excluye),
    )
    serie = _folios_reservar(f"OC{dia:%y}")
    inicio = serie.ultimo
    digitos = max(6, len(str(inicio + Cuenta.objects.filter(cartera=criterios.cartera).count())))
    caminata = [F(c.strip()).asc() for c in CAMINATA.split(",")]
    numero = Window(RowNumber(), order_by=[F("sector").asc(), F("ruta").asc(), *caminata])
    columnas = {
        "folio": Concat(
            Value(f"{serie.serie}-"),
            LPad(Cast(numero + Value(inicio), output_field=CharField()), digitos, Value("0")),
            output_field=CharField(),
        ),
        "tipo": Value(OrdenCorte.Tipo.CORTE.value),
        "accion": F("accion_corte"),
        "lista_id": Value(lista.pk),
        "cuenta_id": F("pk"),
        "estado": Value(OrdenCorte.Estado.PENDIENTE.value),
        "motivo_elegible": F("por_que"),
        "saldo_vencido": F("saldo__saldo_vencido"),
        "meses_vencidos": F("saldo__meses_vencidos"),
        "sector": F("sector"),
        "ruta": F("ruta"),
        "orden_ruta": Window(RowNumber(), partition_by=[F("sector"), F("ruta")], order_by=caminata),
        "creada": Value(ahora(), output_field=DateTimeField()),
    }
    creadas = _insertar(OrdenCorte, columnas, candidatas.exclude(excluye))
    serie.ultimo = inicio + creadas
    serie.save(update_fields=["ultimo"])
    vencido = OrdenCorte.objects.filter(lista=lista).aggregate(t=Sum("saldo_vencido"))["t"]
    return excluidas, creadas, vencido or CERO


@transaction.atomic
def lista_corte_generar(*, criterios, usuario, dia: date | None = None) -> ListaCorte:
    """Generate a lista de corte: one order per eligible account, in walking order by sector
    and route, and one exclusion row (with its motivo and rule) per account left out.

    Domestic accounts get a reduction of supply instead of a suspension where the cartera
    says so (`domesticos_solo_reduccion`). An account never has two pending cut orders
    (database constraint): a second list leaves it out as "ya con orden pendiente".
    """
    dia = dia or hoy()
    criterios = corte_criterios(criterios)
    # One generation at a time per cartera, so the second sees the first's pending orders.
    list(Cartera.objects.select_for_update().filter(pk=criterios.cartera.pk).values_list("pk"))
    reglas = list(reglas_en_vigor(criterios.cartera, dia))
    lista = ListaCorte.objects.create(
        folio=folio_siguiente(f"LC{dia:%y}"),
        cartera=criterios.cartera,
        parametros={**criterios.parametros(), "reglas": [r.pk for r in reglas]},
        generada_por=usuario,
        al=dia,
    )
    with connection.cursor() as cursor:
        memoria_para_ordenar(cursor)  # the walking-order sorts of a whole cartera
    candidatas = _candidatas(criterios, dia, reglas)
    if padron.sql.un_solo_enunciado():
        cifras = _exclusiones_y_ordenes_insertar(lista, candidatas, criterios.cartera, dia, usuario)
    else:
        cifras = _exclusiones_y_ordenes_por_separado(lista, candidatas, criterios, dia, reglas)
        historial_en_bloque(
            OrdenCorte.objects.filter(lista=lista),
            tipo="+",
            usuario=usuario,
            motivo=f"Lista de corte {lista.folio}",
        )
    lista.excluidas, lista.ordenes, lista.total_vencido = cifras
    lista.save(update_fields=["ordenes", "excluidas", "total_vencido"])
    return lista


# --- assignment -----------------------------------------------------------------------------


def es_cortador(usuario) -> bool:
    return bool(usuario and usuario.is_active and usuario.has_perm(PERMISO_CORTADOR))


def cortadores():
    """Active users whose role records corte results."""
    app, codigo = PERMISO_CORTADOR.split(".")
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__permissions__codename=codigo,
            groups__permissions__content_type__app_label=app,
        )
        .distinct()
        .order_by("username")
    )


@transaction.atomic
def ordenes_asignar(*, lista, cortador, sector=None, ruta=None, asignado_por) -> int:
    """Give the pending orders of a list (of one sector and/or route, or all) to a cortador.
    Orders already given to someone else are reassigned. Returns how many changed hands."""
    if not es_cortador(cortador):
        raise ValidationError({"cortador": "Elija un usuario con el rol de cortador."})
    list(ListaCorte.objects.select_for_update().filter(pk=lista.pk).values_list("pk"))
    ordenes = OrdenCorte.objects.filter(lista=lista, estado=OrdenCorte.Estado.PENDIENTE)
    if sector:
        ordenes = ordenes.filter(sector=sector)
    if ruta:
        ordenes = ordenes.filter(ruta=ruta)
    if not ordenes.exists():
        campo = "ruta" if ruta or not sector else "sector"
        raise ValidationError({campo: "No hay órdenes pendientes de esa ruta en la lista."})
    cambian = ordenes.exclude(cortador=cortador)
    historial_en_bloque(
        cambian,
        tipo="~",
        usuario=asignado_por,
        motivo=f"Asignada a {nombre_persona(cortador)}",
        cambios={"cortador_id": cortador.pk},
    )
    return cambian.update(cortador=cortador)


# --- protection rules -----------------------------------------------------------------------


def _lista_de_textos(valor):
    if valor in (None, ""):
        return []
    if isinstance(valor, str):
        valor = valor.replace(";", ",").split(",")
    return [str(v).strip() for v in valor if str(v).strip()]


def _validar_regla(regla, carteras, errores):
    if not (regla.nombre or "").strip():
        errores["nombre"] = "Indique el nombre de la regla."
    if not regla.vigente_desde:
        errores["vigente_desde"] = "Indique desde cuándo está en vigor."
    elif regla.vigente_hasta and regla.vigente_hasta < regla.vigente_desde:
        errores["vigente_hasta"] = "La fecha final no puede ser anterior a la inicial."
    for campo, opciones in (
        ("clasificaciones", Cuenta.Clasificacion.values),
        ("condiciones", CondicionEspecial.Tipo.values),
    ):
        desconocidas = sorted(set(getattr(regla, campo)) - set(opciones))
        if desconocidas:
            errores[campo] = f"Opción desconocida: {', '.join(desconocidas)}."
    if any(c.tipo != Cartera.Tipo.AGUA for c in carteras):
        errores["carteras"] = "Las reglas de protección son para carteras de servicio de agua."


@transaction.atomic
def regla_proteccion_guardar(
    *, datos: dict, usuario, regla=None, carteras=None, motivo: str = ""
) -> ReglaProteccion:
    """Create or change a protection rule. Changes keep their history with the motivo.

    `carteras`: the water carteras it covers (none: all of them)."""
    nueva = regla is None
    if nueva:
        regla = ReglaProteccion()
    else:
        regla = ReglaProteccion.objects.select_for_update().get(pk=regla.pk)
    for campo in ("nombre", "fundamento"):
        if campo in datos:
            setattr(regla, campo, (datos[campo] or "").strip())
    for campo in ("vigente_desde", "vigente_hasta", "activa"):
        if campo in datos:
            setattr(regla, campo, datos[campo])
    for campo in ("municipios", "sectores", "clasificaciones", "condiciones"):
        if campo in datos:
            setattr(regla, campo, _lista_de_textos(datos[campo]))
    carteras = list(carteras) if carteras is not None else None
    errores = {}
    _validar_regla(regla, carteras or [], errores)
    motivo = (motivo or "").strip()
    if not nueva and not motivo:
        errores["motivo"] = "Indique el motivo del cambio."
    if errores:
        raise ValidationError(errores)
    regla._change_reason = motivo or "Alta de regla de protección"
    regla._history_user = usuario
    regla.save()
    if carteras is not None:
        regla.carteras.set(carteras)
    return regla
