"""The educational credit from grant to recovery (CE-122 duties 1–5 and 10–11).

- A credit is registered on a credit cuenta with its institución and programa (catalogs),
  modalidad and monto autorizado; its ministraciones are planned per periodo escolar.
- Each periodo the beneficiario's estatus académico is recorded with the evidence that
  proves it (constancia de estudios, kárdex, título) and the date it is due. A ministración
  is released only with that periodo's evidence on file and an enrolled status.
- Egreso (or a baja, a conclusión, a cancelación) ends the ministraciones still planned and
  sets the cuenta's inicio de recuperación: the first day of the month after the cartera's
  months of grace (no grace on a cancelación). From that day cobranza/credito generates the
  schedule from what was actually disbursed and charges it month by month.
- The procedures of duty 5 are requested with motive, evidence and effective date, and
  authorised at their tier by someone other than who requested them; their effect on money
  is applied then, and `tramite_aplicado` tells the apps above (a reprogramación rewrites
  the rest of the schedule in cobranza/credito).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.dispatch import Signal

from padron.adjuntos import adjunto_revisar
from padron.beneficiarios.models import (
    CreditoEducativo,
    EstatusAcademico,
    Ministracion,
    NivelTramite,
    Tramite,
)
from padron.bloqueos import cuenta_bloquear, tras_su_cuenta
from padron.dinero import CERO, validar_monto
from padron.fechas import ahora, hoy, sumar_meses
from padron.folios import folio_siguiente
from padron.models import Cartera, Cuenta

Etapa, Estatus = CreditoEducativo.Etapa, EstatusAcademico.Estatus
INSCRITO = (Estatus.REGULAR, Estatus.IRREGULAR)
TERMINADO = (Estatus.EGRESADO, Estatus.TITULADO)
SUPERVISION, GERENCIA = NivelTramite.Permiso.SUPERVISION, NivelTramite.Permiso.GERENCIA
NIVEL_POR_OMISION = {
    Tramite.Tipo.RETENCION: SUPERVISION,
    Tramite.Tipo.SUSPENSION: SUPERVISION,
    Tramite.Tipo.CONCLUSION: SUPERVISION,
    Tramite.Tipo.BAJA: SUPERVISION,
    Tramite.Tipo.CANCELACION: GERENCIA,
    Tramite.Tipo.REASIGNACION: GERENCIA,
    Tramite.Tipo.REPROGRAMACION: GERENCIA,
}
PERMISO = "padron.gestionar_beneficiarios"

# sent after an authorised procedure took effect: kwargs tramite, usuario
tramite_aplicado = Signal()


def _exigir(usuario, permiso=PERMISO):
    if not usuario.has_perm(permiso):
        raise PermissionDenied("No tiene permiso para esta operación del crédito educativo.")


def periodo_leer(texto) -> str:
    """'2026-2' (year and half): the periodos escolares of the credit."""
    limpio = str(texto or "").strip()
    partes = limpio.split("-")
    if (
        len(partes) != 2
        or not partes[0].isdigit()
        or len(partes[0]) != 4
        or partes[1] not in ("1", "2")
    ):
        raise ValidationError(
            {"periodo": f"Periodo escolar no válido «{texto}»; use aaaa-1 o aaaa-2."}
        )
    anio = int(partes[0])
    if not 1990 <= anio <= 2100:
        raise ValidationError({"periodo": "El año del periodo escolar está fuera de rango."})
    return limpio


def fin_de_periodo(periodo: str) -> date:
    """The last day of a periodo escolar: 30/06 of the first half, 31/12 of the second."""
    anio, mitad = int(periodo[:4]), periodo[-1]
    return date(anio, 6, 30) if mitad == "1" else date(anio, 12, 31)


def periodo_de(dia: date) -> str:
    return f"{dia.year}-{1 if dia.month <= 6 else 2}"


# --- the credit ---------------------------------------------------------------------------


@transaction.atomic
def credito_registrar(
    *,
    cuenta: Cuenta,
    programa,
    monto_autorizado,
    usuario,
    modalidad=CreditoEducativo.Modalidad.CREDITO,
    matricula="",
) -> CreditoEducativo:
    _exigir(usuario)
    if cuenta.cartera.tipo != Cartera.Tipo.CREDITO:
        raise ValidationError(
            {"cuenta": "El crédito educativo se registra en una cuenta de cartera de crédito."}
        )
    if CreditoEducativo.objects.filter(cuenta=cuenta).exists():
        raise ValidationError({"cuenta": "La cuenta ya tiene su crédito registrado."})
    monto = validar_monto(monto_autorizado, campo="monto_autorizado")
    credito = CreditoEducativo(
        cuenta=cuenta,
        institucion=programa.institucion,
        programa=programa,
        modalidad=modalidad,
        matricula=(matricula or "").strip()[:30],
        monto_autorizado=monto,
        cohorte=(cuenta.fecha_otorgamiento or hoy()).year,
    )
    credito._history_user = usuario
    credito.save()
    if not cuenta.monto_otorgado:
        Cuenta.objects.filter(pk=cuenta.pk).update(monto_otorgado=monto)
    return credito


@transaction.atomic
def estatus_registrar(
    *,
    credito: CreditoEducativo,
    periodo,
    estatus,
    tipo_evidencia,
    usuario,
    evidencia=None,
    evidencia_vence=None,
    origen=EstatusAcademico.Origen.CAPTURA,
    fecha=None,
) -> EstatusAcademico:
    """The status of a periodo (one per periodo: a later record replaces the earlier one,
    with history). An egresado or titulado status of a student registers the egreso."""
    _exigir(usuario)
    periodo = periodo_leer(periodo)
    if estatus not in Estatus.values:
        raise ValidationError({"estatus": "Estatus académico no válido."})
    if tipo_evidencia not in EstatusAcademico.Evidencia.values:
        raise ValidationError({"tipo_evidencia": "Indique qué documento lo prueba."})
    if evidencia:
        adjunto_revisar(evidencia, campo="evidencia")
    dia = fecha or hoy()
    registro = EstatusAcademico.objects.filter(
        credito=credito, periodo=periodo
    ).first() or EstatusAcademico(credito=credito, periodo=periodo)
    registro.estatus, registro.tipo_evidencia, registro.origen = estatus, tipo_evidencia, origen
    registro.evidencia_vence = (
        evidencia_vence or registro.evidencia_vence or dia + timedelta(days=30)
    )
    registro.registrado_por = usuario
    if evidencia:
        registro.evidencia, registro.evidencia_recibida = evidencia, dia
    elif origen == EstatusAcademico.Origen.ARCHIVO:
        registro.evidencia_recibida = dia  # the institution's own file is the evidence
    registro._history_user = usuario
    registro.save()
    if estatus in TERMINADO and credito.etapa == Etapa.ESTUDIANTE:
        egreso_registrar(
            credito=credito, fecha_egreso=min(fin_de_periodo(periodo), dia), usuario=usuario
        )
    elif estatus == Estatus.BAJA_DEFINITIVA and credito.etapa == Etapa.ESTUDIANTE:
        _terminar(
            credito,
            Etapa.BAJA,
            min(fin_de_periodo(periodo), dia),
            usuario,
            "Baja definitiva",
            gracia=True,
        )
    return registro


@transaction.atomic
def ministraciones_programar(*, credito: CreditoEducativo, plan, usuario) -> list[Ministracion]:
    """Plan [(periodo, monto, fecha_programada)]; never more than the monto autorizado."""
    _exigir(usuario)
    if credito.etapa != Etapa.ESTUDIANTE:
        raise ValidationError({"credito": "Solo se programan ministraciones a un estudiante."})
    vivas = credito.ministraciones.exclude(estado=Ministracion.Estado.CANCELADA)
    ya = vivas.aggregate(total=Sum("monto"))["total"] or CERO
    nuevas, periodos = [], set(vivas.values_list("periodo", flat=True))
    for periodo, monto, fecha in plan:
        periodo = periodo_leer(periodo)
        if periodo in periodos:
            raise ValidationError({"periodo": f"El periodo {periodo} ya tiene su ministración."})
        periodos.add(periodo)
        nuevas.append(
            Ministracion(
                credito=credito, periodo=periodo, monto=validar_monto(monto), fecha_programada=fecha
            )
        )
    total = ya + sum((m.monto for m in nuevas), CERO)
    if total > credito.monto_autorizado:
        raise ValidationError(
            {
                "monto": f"Las ministraciones suman ${total:,.2f}, más que el monto autorizado (${credito.monto_autorizado:,.2f})."
            }
        )
    for ministracion in nuevas:
        ministracion._history_user = usuario
        ministracion.save()
    return nuevas


@transaction.atomic
def ministracion_liberar(*, ministracion: Ministracion, usuario, dia=None) -> Ministracion:
    """Release a planned disbursement: only a student's, and only with the periodo's
    evidence on file and an enrolled status."""
    _exigir(usuario)
    ministracion = (
        Ministracion.objects.select_for_update().select_related("credito").get(pk=ministracion.pk)
    )
    if ministracion.estado != Ministracion.Estado.PROGRAMADA:
        raise ValidationError(
            {"estado": f"La ministración está {ministracion.get_estado_display().lower()}."}
        )
    if ministracion.credito.etapa != Etapa.ESTUDIANTE:
        raise ValidationError(
            {
                "credito": f"El crédito está {ministracion.credito.get_etapa_display().lower()}; no se libera."
            }
        )
    estatus = EstatusAcademico.objects.filter(
        credito=ministracion.credito, periodo=ministracion.periodo
    ).first()
    if estatus is None or not estatus.con_evidencia:
        raise ValidationError(
            {
                "evidencia": f"Falta la evidencia del periodo {ministracion.periodo} (constancia de estudios o kárdex)."
            }
        )
    if estatus.estatus not in INSCRITO:
        raise ValidationError(
            {
                "estatus": f"En el periodo {ministracion.periodo} el beneficiario está {estatus.get_estatus_display().lower()}."
            }
        )
    ministracion.estado, ministracion.fecha_liberacion, ministracion.liberada_por = (
        Ministracion.Estado.LIBERADA,
        dia or hoy(),
        usuario,
    )
    ministracion._history_user = usuario
    ministracion.save()
    return ministracion


def dispuesto(credito) -> Decimal:
    """What was actually disbursed: the released ministraciones."""
    return (
        credito.ministraciones.filter(estado=Ministracion.Estado.LIBERADA).aggregate(
            total=Sum("monto")
        )["total"]
        or CERO
    )


def _cancelar_pendientes(
    credito, motivo, usuario, estados=(Ministracion.Estado.PROGRAMADA, Ministracion.Estado.RETENIDA)
):
    for ministracion in credito.ministraciones.filter(estado__in=estados):
        ministracion.estado, ministracion.motivo = Ministracion.Estado.CANCELADA, motivo[:250]
        ministracion._history_user = usuario
        ministracion.save()


def _terminar(credito, etapa, fecha, usuario, motivo, *, gracia):
    """The studies end: no more ministraciones; recovery starts after the grace (or at once)."""
    _cancelar_pendientes(credito, motivo, usuario)
    meses = credito.cuenta.cartera.meses_gracia_egreso if gracia else 0
    inicio = sumar_meses(fecha.replace(day=1), meses + 1)
    cuenta = credito.cuenta
    cuenta.inicio_recuperacion = inicio
    cuenta._history_user = usuario
    cuenta._change_reason = f"{motivo}: la recuperación empieza el {inicio:%d/%m/%Y}"
    cuenta.save(update_fields=["inicio_recuperacion"])
    credito.etapa, credito.fecha_egreso = etapa, fecha
    credito.termino = {
        Etapa.EGRESADO: CreditoEducativo.Termino.EGRESO,
        Etapa.BAJA: CreditoEducativo.Termino.BAJA,
        Etapa.CONCLUIDO: CreditoEducativo.Termino.CONCLUSION,
        Etapa.CANCELADO: CreditoEducativo.Termino.CANCELACION,
    }[etapa]
    credito._history_user = usuario
    credito._change_reason = motivo
    credito.save(update_fields=["etapa", "fecha_egreso", "termino"])


@transaction.atomic
def egreso_registrar(*, credito: CreditoEducativo, fecha_egreso, usuario) -> CreditoEducativo:
    """The beneficiario graduated: the grace of the cartera runs, then recovery starts."""
    _exigir(usuario)
    credito = tras_su_cuenta(CreditoEducativo.objects, credito)
    if credito.etapa not in (Etapa.ESTUDIANTE, Etapa.SUSPENDIDO):
        raise ValidationError(
            {"etapa": f"El crédito ya está {credito.get_etapa_display().lower()}."}
        )
    if fecha_egreso > hoy():
        raise ValidationError({"fecha_egreso": "La fecha de egreso no puede ser futura."})
    _terminar(credito, Etapa.EGRESADO, fecha_egreso, usuario, "Egreso", gracia=True)
    return credito


# --- procedures --------------------------------------------------------------------------


def niveles_configurados() -> dict:
    """{(cartera_id, tipo): permiso} of every cartera's own tiers, read once for a list."""
    return {
        (cartera_id, tipo): permiso
        for cartera_id, tipo, permiso in NivelTramite.objects.values_list(
            "cartera_id", "tipo", "permiso"
        )
    }


def nivel_de(tramite: Tramite, niveles: dict | None = None) -> str:
    """The permission that authorises the procedure: its cartera's tier, or the default."""
    if niveles is None:
        niveles = niveles_configurados()
    clave = (tramite.credito.cuenta.cartera_id, tramite.tipo)
    return niveles.get(clave, NIVEL_POR_OMISION[tramite.tipo])


@transaction.atomic
def tramite_solicitar(
    *, credito: CreditoEducativo, tipo, motivo, fecha_efectiva, usuario, datos=None, evidencia=None
) -> Tramite:
    _exigir(usuario)
    if tipo not in Tramite.Tipo.values:
        raise ValidationError({"tipo": "Trámite desconocido."})
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique el motivo del trámite."})
    if fecha_efectiva is None:
        raise ValidationError({"fecha_efectiva": "Indique la fecha efectiva."})
    adjunto_revisar(evidencia)
    datos = dict(datos or {})
    if tipo == Tramite.Tipo.REPROGRAMACION:
        plazo = datos.get("plazo_meses")
        if not str(plazo or "").isdigit() or not 1 <= int(plazo) <= 240:
            raise ValidationError({"plazo_meses": "Indique el nuevo plazo en meses (1 a 240)."})
        datos["plazo_meses"] = int(plazo)
        if datos.get("tasa_interes_anual") not in (None, ""):
            tasa = Decimal(str(datos["tasa_interes_anual"]))
            if not Decimal("0") <= tasa <= Decimal("100"):
                raise ValidationError({"tasa_interes_anual": "La tasa va de 0 a 100 %."})
            datos["tasa_interes_anual"] = str(tasa)
    if tipo == Tramite.Tipo.REASIGNACION and not (datos.get("programa") or datos.get("cuenta")):
        raise ValidationError(
            {"datos": "Indique el nuevo programa o la cuenta del nuevo beneficiario."}
        )
    if credito.tramites.filter(estado=Tramite.Estado.SOLICITADO, tipo=tipo).exists():
        raise ValidationError({"tipo": "Ya hay un trámite de ese tipo por autorizar."})
    tramite = Tramite(
        folio=folio_siguiente(f"TR{hoy():%y}"),
        credito=credito,
        tipo=tipo,
        motivo=motivo[:250],
        fecha_efectiva=fecha_efectiva,
        datos=datos,
        evidencia=evidencia or "",
        solicitado_por=usuario,
    )
    tramite._history_user = usuario
    tramite.save()
    return tramite


@transaction.atomic
def tramite_autorizar(*, tramite: Tramite, usuario) -> Tramite:
    # Applying it changes the cuenta (plazo, tasa, its schedule): the cuenta first.
    cuenta = cuenta_bloquear(
        Tramite.objects.values_list("credito__cuenta_id", flat=True).get(pk=tramite.pk)
    )
    tramite = (
        Tramite.objects.select_for_update(of=("self", "credito"))
        .select_related("credito")
        .get(pk=tramite.pk)
    )
    tramite.credito.cuenta = cuenta
    if tramite.estado != Tramite.Estado.SOLICITADO:
        raise ValidationError(
            {"estado": f"El trámite ya está {tramite.get_estado_display().lower()}."}
        )
    permiso = nivel_de(tramite)
    if not usuario.has_perm(permiso):
        nivel = dict(NivelTramite.Permiso.choices)[permiso]
        raise PermissionDenied(f"Este trámite lo autoriza {nivel.lower()}.")
    if usuario.pk == tramite.solicitado_por_id:
        raise ValidationError({"resuelto_por": "Quien solicitó el trámite no puede autorizarlo."})
    _aplicar(tramite, usuario)
    tramite.estado, tramite.resuelto_por, tramite.resuelto = (
        Tramite.Estado.AUTORIZADO,
        usuario,
        ahora(),
    )
    tramite._history_user = usuario
    tramite._change_reason = "Autorizado y aplicado"
    tramite.save()
    tramite_aplicado.send(sender=Tramite, tramite=tramite, usuario=usuario)
    return tramite


@transaction.atomic
def tramite_rechazar(*, tramite: Tramite, usuario, motivo) -> Tramite:
    tramite = (
        Tramite.objects.select_for_update(of=("self",))
        .select_related("credito__cuenta")
        .get(pk=tramite.pk)
    )
    if tramite.estado != Tramite.Estado.SOLICITADO:
        raise ValidationError({"estado": "El trámite ya se resolvió."})
    if not usuario.has_perm(nivel_de(tramite)):
        raise PermissionDenied("No tiene permiso para resolver este trámite.")
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": "Indique por qué se rechaza."})
    tramite.estado, tramite.motivo_resolucion = Tramite.Estado.RECHAZADO, motivo[:250]
    tramite.resuelto_por, tramite.resuelto = usuario, ahora()
    tramite._history_user = usuario
    tramite.save()
    return tramite


def _aplicar(tramite, usuario):
    credito, tipo, fecha = tramite.credito, tramite.tipo, tramite.fecha_efectiva
    texto = f"{tramite.get_tipo_display()} {tramite.folio}: {tramite.motivo}"
    if tipo in (Tramite.Tipo.RETENCION, Tramite.Tipo.SUSPENSION):
        for ministracion in credito.ministraciones.filter(
            estado=Ministracion.Estado.PROGRAMADA, fecha_programada__gte=fecha
        ):
            ministracion.estado, ministracion.motivo = Ministracion.Estado.RETENIDA, texto[:250]
            ministracion._history_user = usuario
            ministracion.save()
        if tipo == Tramite.Tipo.SUSPENSION:
            credito.etapa = Etapa.SUSPENDIDO
            credito._history_user, credito._change_reason = usuario, texto
            credito.save(update_fields=["etapa"])
    elif tipo == Tramite.Tipo.CANCELACION:
        _terminar(credito, Etapa.CANCELADO, fecha, usuario, texto, gracia=False)
    elif tipo == Tramite.Tipo.CONCLUSION:
        _terminar(credito, Etapa.CONCLUIDO, fecha, usuario, texto, gracia=True)
    elif tipo == Tramite.Tipo.BAJA:
        _terminar(credito, Etapa.BAJA, fecha, usuario, texto, gracia=True)
    elif tipo == Tramite.Tipo.REASIGNACION:
        _reasignar(tramite, usuario, texto)
    elif tipo == Tramite.Tipo.REPROGRAMACION:
        cuenta = credito.cuenta
        cuenta.plazo_meses = tramite.datos["plazo_meses"]
        if tramite.datos.get("tasa_interes_anual") not in (None, ""):
            cuenta.tasa_interes_anual = Decimal(tramite.datos["tasa_interes_anual"])
        cuenta._history_user, cuenta._change_reason = usuario, texto
        cuenta.save(update_fields=["plazo_meses", "tasa_interes_anual"])
        # the schedule (cobranza/credito) listens to tramite_aplicado and rewrites the rest


def _reasignar(tramite, usuario, texto):
    from padron.beneficiarios.models import Programa

    credito, datos = tramite.credito, tramite.datos
    if datos.get("programa"):
        programa = (
            Programa.objects.filter(pk=datos["programa"]).select_related("institucion").first()
        )
        if programa is None:
            raise ValidationError({"programa": "No existe ese programa."})
        credito.programa, credito.institucion = programa, programa.institucion
        credito._history_user, credito._change_reason = usuario, texto
        credito.save(update_fields=["programa", "institucion"])
    if datos.get("cuenta"):
        destino = CreditoEducativo.objects.filter(cuenta__numero=datos["cuenta"]).first()
        if destino is None or destino.pk == credito.pk:
            raise ValidationError(
                {"cuenta": "La cuenta destino no tiene crédito educativo registrado."}
            )
        if destino.etapa != Etapa.ESTUDIANTE:
            raise ValidationError({"cuenta": "El nuevo beneficiario no es estudiante."})
        ocupados = set(destino.ministraciones.values_list("periodo", flat=True))
        pendientes = list(credito.ministraciones.filter(estado=Ministracion.Estado.PROGRAMADA))
        repetidos = sorted(m.periodo for m in pendientes if m.periodo in ocupados)
        if repetidos:
            raise ValidationError(
                {
                    "cuenta": "El nuevo beneficiario ya tiene ministración del periodo "
                    f"{', '.join(repetidos)}; no se puede reasignar."
                }
            )
        for ministracion in pendientes:
            nueva = Ministracion(
                credito=destino,
                periodo=ministracion.periodo,
                monto=ministracion.monto,
                fecha_programada=ministracion.fecha_programada,
                motivo=texto[:250],
            )
            nueva._history_user = usuario
            nueva.save()
        # what it receives adds to what it was authorised
        destino.monto_autorizado += sum((m.monto for m in pendientes), CERO)
        destino._history_user, destino._change_reason = usuario, texto
        destino.save(update_fields=["monto_autorizado"])
        _cancelar_pendientes(credito, texto, usuario, estados=(Ministracion.Estado.PROGRAMADA,))
