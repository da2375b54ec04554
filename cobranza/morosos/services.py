"""Listas de morosos: the accounts of a cartera that owe past the supervisor's thresholds and
enter the procedimiento económico coactivo, frozen when generated.

An account is a moroso when its saldo vencido is at least the minimum (the cartera's
`umbral_morosos_monto` unless the supervisor sets another) and it has at least the minimum
months overdue (`umbral_morosos_meses`), optionally of one clasificación and sector. The
supervisor may leave out the accounts of each named exclusion (cobranza.morosos.exclusiones:
convenio vigente al corriente, promesa vigente, already in the PEC, condición especial);
condición especial is always left out where the cartera protects those titulares.

Everything reads the maintained balances (SaldoCuenta, one row per account) and is set-based:
the preview is one aggregate query and the list's rows are written by one
INSERT ... SELECT, numbered by saldo vencido with row_number(), so 200,000 accounts take
seconds and no row passes through Python. The rows are copies: later payments, changes of
titular or address leave the list as it was generated.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Case, CharField, Count, F, Q, Sum, Value, When, Window
from django.db.models.functions import Concat, Left, Replace, RowNumber, Trim

from cobranza.models import ListaMorosos, RenglonMorosos
from cobranza.morosos.exclusiones import exclusiones_de_morosos
from padron.dinero import CERO, formato_pesos, validar_monto
from padron.fechas import hoy
from padron.folios import folio_siguiente
from padron.models import Cartera, Cuenta
from padron.sql import memoria_para_ordenar

CONDICION_ESPECIAL = "condicion_especial"
VERDADEROS = {"1", "true", "on", "si", "sí", "yes"}
FALSOS = {"0", "false", "off", "no", ""}


@dataclass(frozen=True)
class CriteriosMorosos:
    cartera: Cartera
    saldo_vencido_minimo: Decimal
    meses_vencidos_minimo: int
    clasificacion: str = ""
    sector: str = ""
    excluir: tuple[str, ...] = field(default=())  # claves of the exclusions applied

    def parametros(self) -> dict:
        """What the list stores: the same fields the criteria are given with."""
        return {
            "cartera": self.cartera.clave,
            "saldo_vencido_minimo": f"{self.saldo_vencido_minimo:.2f}",
            "meses_vencidos_minimo": self.meses_vencidos_minimo,
            "clasificacion": self.clasificacion,
            "sector": self.sector,
            **{e.campo: e.clave in self.excluir for e in exclusiones_de_morosos()},
        }


# --- the criteria ---------------------------------------------------------------------------


def _cartera(valor, errores):
    if isinstance(valor, Cartera):
        return valor
    texto = str(valor or "").strip()
    if not texto:
        errores["cartera"] = "Elija la cartera."
        return None
    filtro = Q(clave=texto) | (Q(pk=int(texto)) if texto.isdigit() else Q())
    cartera = Cartera.objects.filter(filtro).first()
    if cartera is None:
        errores["cartera"] = "No existe esa cartera."
    return cartera


def _saldo_minimo(valor, cartera, errores):
    if valor in (None, ""):
        return cartera.umbral_morosos_monto if cartera else None
    try:
        return validar_monto(valor, campo="saldo_vencido_minimo", permitir_cero=True)
    except ValidationError as exc:
        errores.update({k: v[0] for k, v in exc.message_dict.items()})
        return None


def _meses_minimo(valor, cartera, errores):
    if valor in (None, ""):
        return cartera.umbral_morosos_meses if cartera else None
    texto = str(valor).strip()
    if not texto.isdigit() or int(texto) > 600:
        errores["meses_vencidos_minimo"] = (
            "Indique los meses vencidos mínimos: un número entero de 0 a 600."
        )
        return None
    return int(texto)


def _clasificacion(valor, errores):
    clave = str(valor or "").strip().lower()
    if clave and clave not in Cuenta.Clasificacion.values:
        opciones = ", ".join(str(e) for e in Cuenta.Clasificacion.labels).lower()
        errores["clasificacion"] = f"Clasificación desconocida. Opciones: {opciones}."
    return clave


def _sector(valor, errores):
    sector = str(valor or "").strip()
    if len(sector) > 20:
        errores["sector"] = "El sector tiene a lo más 20 caracteres."
    return sector


def _si_no(valor, campo, omision, errores):
    if valor is None:
        return omision
    if isinstance(valor, bool):
        return valor
    texto = str(valor).strip().lower()
    if texto in VERDADEROS or texto in FALSOS:
        return texto in VERDADEROS
    errores[campo] = "Indique sí o no."
    return omision


def _excluir(datos, cartera, errores):
    exclusiones = exclusiones_de_morosos()
    conocidos = {e.campo for e in exclusiones}
    for campo in datos:
        if str(campo).startswith("excluir_") and campo not in conocidos:
            errores[campo] = "Exclusión desconocida."
    protege = bool(cartera and cartera.protege_condicion_especial)
    claves = []
    for exclusion in exclusiones:
        omision = protege if exclusion.clave == CONDICION_ESPECIAL else True
        aplica = _si_no(datos.get(exclusion.campo), exclusion.campo, omision, errores)
        # Where the cartera protects these titulares they never enter the list.
        if aplica or (exclusion.clave == CONDICION_ESPECIAL and protege):
            claves.append(exclusion.clave)
    return tuple(claves)


def morosos_criterios(datos) -> CriteriosMorosos:
    """Validate the supervisor's criteria; each error names its field, in Spanish.

    Fields: cartera (required: clave or id), saldo_vencido_minimo and meses_vencidos_minimo
    (empty: the cartera's thresholds), clasificacion, sector, and one `excluir_<clave>` per
    registered exclusion (yes unless said otherwise; condición especial only where the
    cartera protects it, and then always).
    """
    if isinstance(datos, CriteriosMorosos):
        return datos
    errores = {}
    cartera = _cartera(datos.get("cartera"), errores)
    criterios = {
        "saldo_vencido_minimo": _saldo_minimo(datos.get("saldo_vencido_minimo"), cartera, errores),
        "meses_vencidos_minimo": _meses_minimo(
            datos.get("meses_vencidos_minimo"), cartera, errores
        ),
        "clasificacion": _clasificacion(datos.get("clasificacion"), errores),
        "sector": _sector(datos.get("sector"), errores),
        "excluir": _excluir(datos, cartera, errores),
    }
    if errores:
        raise ValidationError(errores)
    return CriteriosMorosos(cartera=cartera, **criterios)


# --- who is in ------------------------------------------------------------------------------


def morosos_candidatos(criterios, dia: date | None = None):
    """The cuentas the list would hold: a Cuenta queryset (joined to its SaldoCuenta) with
    the thresholds as WHERE and each exclusion as NOT EXISTS, unordered."""
    dia = dia or hoy()
    c = morosos_criterios(criterios)
    cuentas = Cuenta.objects.filter(
        cartera=c.cartera,
        saldo__saldo_vencido__gt=0,
        saldo__saldo_vencido__gte=c.saldo_vencido_minimo,
        saldo__meses_vencidos__gte=c.meses_vencidos_minimo,
    )
    if c.clasificacion:
        cuentas = cuentas.filter(clasificacion=c.clasificacion)
    if c.sector:
        cuentas = cuentas.filter(sector=c.sector)
    for exclusion in exclusiones_de_morosos():
        if exclusion.clave in c.excluir:
            cuentas = cuentas.exclude(exclusion.condicion(dia))
    return cuentas.order_by()


def morosos_vista_previa(criterios, dia: date | None = None) -> dict:
    """How many accounts the list would hold and what they owe (one aggregate query)."""
    criterios = morosos_criterios(criterios)
    totales = morosos_candidatos(criterios, dia).aggregate(
        cuentas=Count("pk"),
        total_vencido=Sum("saldo__saldo_vencido"),
        total_saldo=Sum("saldo__saldo"),
    )
    return {
        "cuentas": totales["cuentas"],
        "total_vencido": totales["total_vencido"] or CERO,
        "total_saldo": totales["total_saldo"] or CERO,
        "parametros": criterios.parametros(),
    }


# --- the frozen rows ------------------------------------------------------------------------


def _con_colonia(domicilio, colonia):
    return Case(
        When(**{colonia: ""}, then=F(domicilio)),
        default=Concat(F(domicilio), Value(", "), F(colonia)),
        output_field=CharField(),
    )


def _columnas():
    """RenglonMorosos attname -> expression over the candidate Cuenta queryset."""
    nombre = Concat(
        "titular__nombre",
        Value(" "),
        "titular__apellido_paterno",
        Value(" "),
        "titular__apellido_materno",
        output_field=CharField(),
    )
    return {
        "orden": Window(
            RowNumber(), order_by=[F("saldo__saldo_vencido").desc(), F("numero").asc()]
        ),
        "cuenta_id": F("pk"),
        "numero": F("numero"),
        "titular": Left(Replace(Trim(nombre), Value("  "), Value(" ")), 250),
        # Companies are known by their RFC, persons by their CURP when they have one.
        "rfc_curp": Case(
            When(titular__tipo_persona="moral", then=F("titular__rfc")),
            When(titular__curp="", then=F("titular__rfc")),
            default=F("titular__curp"),
            output_field=CharField(),
        ),
        # The predio's address (water); a credit has none, so the titular's.
        "domicilio": Left(
            Case(
                When(domicilio="", then=_con_colonia("titular__domicilio", "titular__colonia")),
                default=_con_colonia("domicilio", "colonia"),
                output_field=CharField(),
            ),
            400,
        ),
        "sector": F("sector"),
        "ruta": F("ruta"),
        "clasificacion": F("clasificacion"),
        "saldo": F("saldo__saldo"),
        "saldo_vencido": F("saldo__saldo_vencido"),
        "meses_vencidos": F("saldo__meses_vencidos"),
        "vencimiento_mas_antiguo": F("saldo__vencimiento_mas_antiguo"),
        "ultimo_pago": F("saldo__ultimo_pago_fecha"),
    }


def _renglones_insertar(lista, candidatos) -> int:
    """INSERT INTO renglones (...) SELECT ... FROM (the candidates): one statement, on
    PostgreSQL and SQLite alike."""
    columnas = _columnas()
    alias = {attname: f"c{i}" for i, attname in enumerate(columnas)}
    consulta = candidatos.annotate(**{alias[a]: e for a, e in columnas.items()})
    sql, params = consulta.values(*alias.values()).query.sql_with_params()
    q = connection.ops.quote_name
    campos = {f.attname: f.column for f in RenglonMorosos._meta.concrete_fields}
    nombres = ", ".join(q(campos[a]) for a in ["lista_id", *columnas])
    valores = ", ".join(f"s.{q(alias[a])}" for a in columnas)
    sentencia = (
        f"INSERT INTO {q(RenglonMorosos._meta.db_table)} ({nombres}) "
        f"SELECT %s, {valores} FROM ({sql}) s"
    )
    with connection.cursor() as cursor:
        memoria_para_ordenar(cursor)
        cursor.execute(sentencia, [lista.pk, *params])
        return cursor.rowcount


@transaction.atomic
def lista_morosos_generar(*, criterios, usuario, dia: date | None = None) -> ListaMorosos:
    """Generate and freeze a lista de morosos: its parameters, author, time and one row per
    account copied from the maintained balances, ordered by saldo vencido (largest first).

    All or nothing: bad criteria or a list with no accounts write nothing.
    """
    dia = dia or hoy()
    criterios = morosos_criterios(criterios)
    lista = ListaMorosos.objects.create(
        folio=folio_siguiente(f"LM{dia:%y}"),
        cartera=criterios.cartera,
        parametros=criterios.parametros(),
        generada_por=usuario,
        al=dia,
    )
    if not _renglones_insertar(lista, morosos_candidatos(criterios, dia)):
        raise ValidationError(
            {"criterios": "Ninguna cuenta cumple estos criterios: no se generó la lista."}
        )
    totales = RenglonMorosos.objects.filter(lista=lista).aggregate(
        cuentas=Count("pk"), total_vencido=Sum("saldo_vencido"), total_saldo=Sum("saldo")
    )
    lista.cuentas = totales["cuentas"]
    lista.total_vencido = totales["total_vencido"] or CERO
    lista.total_saldo = totales["total_saldo"] or CERO
    lista.save(update_fields=["cuentas", "total_vencido", "total_saldo"])
    return lista


def parametros_legibles(parametros: dict) -> list[str]:
    """A list's stored criteria as the supervisor reads them (page, exports, PDF)."""
    etiquetas = {e.campo: e.etiqueta for e in exclusiones_de_morosos()}
    clasificaciones = dict(Cuenta.Clasificacion.choices)
    excluidas = [
        etiquetas.get(campo, campo.removeprefix("excluir_").replace("_", " "))
        for campo, aplica in parametros.items()
        if campo.startswith("excluir_") and aplica
    ]
    minimo = Decimal(parametros.get("saldo_vencido_minimo") or "0")
    return [
        f"Saldo vencido mínimo: {formato_pesos(minimo)}",
        f"Meses vencidos mínimos: {parametros.get('meses_vencidos_minimo', 0)}",
        "Clasificación: "
        + str(clasificaciones.get(parametros.get("clasificacion"), "todas")).lower(),
        f"Sector: {parametros.get('sector') or 'todos'}",
        "Se excluyen: " + ("; ".join(excluidas) if excluidas else "ninguna exclusión"),
    ]
