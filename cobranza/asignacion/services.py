"""Assigned cartera: who works which cuenta (a gestor or an abogado externo).

An Asignacion row is open while `hasta` is empty; reassigning closes it and opens another,
so the rows of a cuenta are its history. The bulk assignment works on sets (one UPDATE to
close, batched INSERTs to open), whatever the number of cuentas matched.
"""

from dataclasses import dataclass
from itertools import islice

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cobranza.models import Asignacion
from padron.dinero import validar_monto
from padron.fechas import ahora
from padron.folios import folio_siguiente
from padron.models import Cartera, Cuenta, Folio
from padron.personas import nombre_persona

# Who may receive cuentas: a gestor (registers gestiones) or a lawyer (legal stages).
PERMISOS_DE_ASIGNADO = ("cobranza.registrar_gestion", "cobranza.registrar_etapa_legal")
CRITERIOS = (
    "cartera",
    "sector",
    "ruta",
    "clasificacion",
    "meses_vencidos_min",
    "saldo_vencido_min",
    "saldo_vencido_max",
)
POR_LOTE = 2000


@dataclass(frozen=True)
class ResultadoAsignacion:
    lote: str
    asignadas: int  # rows opened
    reasignadas: int  # open rows of someone else closed first
    omitidas: int  # already assigned, left alone (without «reasignar») or already theirs


def serie_del_lote(momento=None):
    """AS26: one folio series of lotes per year."""
    return f"AS{timezone.localdate(momento or ahora()):%y}"


def _vacio(valor):
    return valor is None or (isinstance(valor, str) and not valor.strip())


def _cartera(valor):
    if isinstance(valor, Cartera):
        return valor
    if _vacio(valor):
        raise ValidationError({"cartera": "Elija la cartera."})
    texto = str(valor).strip()
    filtro = {"pk": int(texto)} if texto.isdigit() else {"clave": texto}
    cartera = Cartera.objects.filter(**filtro).first()
    if cartera is None:
        raise ValidationError({"cartera": f"No existe la cartera «{texto}»."})
    return cartera


def _entero_no_negativo(valor, campo):
    try:
        numero = int(str(valor).strip())
    except ValueError:
        raise ValidationError({campo: "Debe ser un número entero de meses."}) from None
    if numero < 0:
        raise ValidationError({campo: "No puede ser negativo."})
    return numero


def criterios_validar(criterios) -> dict:
    """The criteria, cleaned: cartera (required), sector, ruta, clasificacion, meses_vencidos_min,
    saldo_vencido_min, saldo_vencido_max. A bad value raises ValidationError naming its field."""
    criterios = dict(criterios or {})
    desconocidos = sorted(set(criterios) - set(CRITERIOS))
    if desconocidos:
        raise ValidationError({campo: "Criterio desconocido." for campo in desconocidos})
    limpio = {"cartera": _cartera(criterios.get("cartera"))}
    for campo in ("sector", "ruta"):
        if not _vacio(criterios.get(campo)):
            limpio[campo] = str(criterios[campo]).strip()
    clasificacion = criterios.get("clasificacion")
    if not _vacio(clasificacion):
        if clasificacion not in Cuenta.Clasificacion.values:
            raise ValidationError({"clasificacion": f"Clasificación inválida: «{clasificacion}»."})
        limpio["clasificacion"] = clasificacion
    if not _vacio(criterios.get("meses_vencidos_min")):
        limpio["meses_vencidos_min"] = _entero_no_negativo(
            criterios["meses_vencidos_min"], "meses_vencidos_min"
        )
    for campo in ("saldo_vencido_min", "saldo_vencido_max"):
        if not _vacio(criterios.get(campo)):
            limpio[campo] = validar_monto(criterios[campo], campo=campo, permitir_cero=True)
    minimo, maximo = limpio.get("saldo_vencido_min"), limpio.get("saldo_vencido_max")
    if minimo is not None and maximo is not None and minimo > maximo:
        raise ValidationError(
            {"saldo_vencido_max": "El saldo vencido máximo es menor que el mínimo."}
        )
    return limpio


def cuentas_por_criterios(criterios):
    """The cuentas matching the criteria, read from the maintained saldos (one row per cuenta).

    A cuenta without a SaldoCuenta row owes nothing: it only matches when no minimum is asked.
    """
    limpio = criterios_validar(criterios)
    filtro = {"cartera": limpio["cartera"]}
    for campo in ("sector", "ruta", "clasificacion"):
        if campo in limpio:
            filtro[campo] = limpio[campo]
    cuentas = Cuenta.objects.filter(**filtro)
    if limpio.get("meses_vencidos_min"):
        cuentas = cuentas.filter(saldo__meses_vencidos__gte=limpio["meses_vencidos_min"])
    if limpio.get("saldo_vencido_min"):
        cuentas = cuentas.filter(saldo__saldo_vencido__gte=limpio["saldo_vencido_min"])
    if "saldo_vencido_max" in limpio:
        # No saldo row means nothing owed: still under any maximum.
        cuentas = cuentas.filter(
            Q(saldo__saldo_vencido__lte=limpio["saldo_vencido_max"]) | Q(saldo__isnull=True)
        )
    return cuentas


def asignado_validar(usuario):
    """A gestor or a lawyer, active: the only users who can work an account."""
    if usuario is None or not usuario.is_active:
        raise ValidationError({"asignado_a": "Elija a un gestor o abogado activo."})
    if not any(usuario.has_perm(p) for p in PERMISOS_DE_ASIGNADO):
        raise ValidationError(
            {
                "asignado_a": f"{nombre_persona(usuario)} no es gestor ni abogado: no puede recibir cuentas."
            }
        )


def _serializar_asignaciones():
    """Lock this year's lote series: bulk and single changes never interleave, so two
    supervisors can't both open a row for the same cuenta."""
    serie = serie_del_lote()
    Folio.objects.get_or_create(serie=serie)
    Folio.objects.select_for_update().get(serie=serie)


def _abiertas():
    return Asignacion.objects.filter(hasta__isnull=True)


@transaction.atomic
def asignacion_masiva(*, criterios, asignado_a, asignado_por, motivo="", reasignar=False):
    """Assign every cuenta matching `criterios` to `asignado_a`, under one lote folio (AS<yy>).

    Cuentas already assigned to someone else are skipped unless `reasignar`: then their open
    row is closed (hasta = now) and a new one opened, keeping the history. Cuentas already
    assigned to `asignado_a` are left as they are.
    """
    asignado_validar(asignado_a)
    cuentas = cuentas_por_criterios(criterios)
    motivo = (motivo or "").strip()[:250]
    instante = ahora()
    lote = folio_siguiente(serie_del_lote(instante))  # also serialises concurrent assignments

    abiertas = _abiertas().filter(cuenta__in=cuentas.values("pk"))
    reasignadas = 0
    if reasignar:
        omitidas = abiertas.filter(asignado_a=asignado_a).count()
        reasignadas = abiertas.exclude(asignado_a=asignado_a).update(hasta=instante)
    else:
        omitidas = abiertas.count()

    libres = cuentas.exclude(Exists(_abiertas().filter(cuenta=OuterRef("pk")))).order_by()
    filas = (
        Asignacion(
            cuenta_id=pk,
            asignado_a=asignado_a,
            asignado_por=asignado_por,
            desde=instante,
            motivo=motivo,
            lote=lote,
        )
        for pk in libres.values_list("pk", flat=True).iterator(chunk_size=POR_LOTE)
    )
    asignadas = 0
    while tanda := list(islice(filas, POR_LOTE)):
        Asignacion.objects.bulk_create(tanda)
        asignadas += len(tanda)
    if not asignadas:
        # Rolls back the folio too: no lote without rows.
        raise ValidationError(
            "Ninguna cuenta por asignar con esos criterios"
            + (f" ({omitidas} ya tienen responsable; marque «reasignar»)." if omitidas else ".")
        )
    return ResultadoAsignacion(
        lote=lote, asignadas=asignadas, reasignadas=reasignadas, omitidas=omitidas
    )


def _abierta_de(cuenta):
    return _abiertas().select_for_update().filter(cuenta=cuenta).first()


def _motivo_requerido(motivo):
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo."})
    return motivo[:250]


@transaction.atomic
def asignacion_cambiar(*, cuenta, asignado_a, asignado_por, motivo) -> Asignacion:
    """Give one cuenta to `asignado_a`: close its open row (if any) and open a new one."""
    asignado_validar(asignado_a)
    motivo = _motivo_requerido(motivo)
    _serializar_asignaciones()
    abierta = _abierta_de(cuenta)
    if abierta and abierta.asignado_a_id == asignado_a.pk:
        raise ValidationError({"asignado_a": f"La cuenta ya está asignada a {asignado_a}."})
    instante = ahora()
    if abierta:
        abierta.hasta = instante
        abierta.save(update_fields=["hasta"])
    return Asignacion.objects.create(
        cuenta=cuenta,
        asignado_a=asignado_a,
        asignado_por=asignado_por,
        desde=instante,
        motivo=motivo,
    )


@transaction.atomic
def asignacion_retirar(*, cuenta, retirado_por, motivo) -> Asignacion:
    """Leave the cuenta without a responsible: close its open row and note who and why on it
    (the row's motivo keeps both reasons: why it was opened and why it was closed)."""
    motivo = _motivo_requerido(motivo)
    _serializar_asignaciones()
    abierta = _abierta_de(cuenta)
    if abierta is None:
        raise ValidationError({"cuenta": f"La cuenta {cuenta.numero} no tiene asignación abierta."})
    nota = f"Retirada por {nombre_persona(retirado_por)}: {motivo}"
    abierta.motivo = f"{abierta.motivo} · {nota}" if abierta.motivo else nota
    abierta.motivo = abierta.motivo[:250]
    abierta.hasta = ahora()
    abierta.save(update_fields=["hasta", "motivo"])
    return abierta
