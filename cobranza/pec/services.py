"""The procedimiento económico coactivo: open expedientes, emit each stage in order, record
how it was served, charge the gastos de ejecución, and suspend, resume, turn over or close.

Stages follow the cartera's EtapaPEC order; the next one is emitted only when the
current one was served and its legal term (días hábiles) has run out. Diligences are
served on días hábiles within the cartera's legal hours. A signed convenio suspends the
expediente, a broken one resumes it at the stage where it stopped, payment in full closes it.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cobranza.asignacion.services import asignacion_cambiar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.saldos import saldo_recalcular
from cobranza.models import (
    Asignacion,
    Concepto,
    Diligencia,
    Etapa,
    EtapaPEC,
    EventoExpediente,
    Expediente,
    SaldoCuenta,
    Uma,
)
from cobranza.pec.dias_habiles import error_de_horario, sumar_dias_habiles
from padron.bloqueos import cuenta_bloquear, tras_su_cuenta
from padron.dinero import CERO, redondear
from padron.fechas import ahora, hoy
from padron.folios import folio_siguiente
from padron.models import Cuenta
from padron.personas import nombre_persona

VIVOS = (Expediente.Estado.ABIERTO, Expediente.Estado.SUSPENDIDO)
SERVIDA = (
    Diligencia.Resultado.PERSONAL,
    Diligencia.Resultado.TERCERO,
    Diligencia.Resultado.RECHAZADA,
)
CIEN = Decimal("100")


def _evento(expediente, tipo, usuario, detalle="", etapa=""):
    return EventoExpediente.objects.create(
        expediente=expediente, tipo=tipo, usuario=usuario, detalle=detalle[:250], etapa=etapa
    )


def etapas_de(cartera_id):
    return list(EtapaPEC.objects.filter(cartera_id=cartera_id).order_by("orden"))


# --- abrir ------------------------------------------------------------------------------------


@transaction.atomic
def expedientes_abrir(*, cuenta_ids, usuario, lista=None, dia=None):
    """Open an expediente on each cuenta that owes and has none in process, and emit its
    first stage. Returns (opened, skipped with the reason by cuenta número)."""
    dia = dia or hoy()
    if not cuenta_ids:
        raise ValidationError({"cuentas": "Elija al menos una cuenta."})
    abiertos, omitidas = [], {}
    cuentas = (
        Cuenta.objects.select_for_update(of=("self",))
        .filter(pk__in=cuenta_ids)
        .select_related("cartera")
        .order_by("numero")
    )
    en_proceso = set(
        Expediente.objects.filter(cuenta_id__in=cuenta_ids, estado__in=VIVOS).values_list(
            "cuenta_id", flat=True
        )
    )
    for cuenta in cuentas:
        if cuenta.pk in en_proceso:
            omitidas[cuenta.numero] = "ya tiene un expediente en trámite"
            continue
        etapas = etapas_de(cuenta.cartera_id)
        if not etapas:
            omitidas[cuenta.numero] = f"la cartera {cuenta.cartera} no tiene etapas del PEC"
            continue
        saldo = saldo_recalcular(cuenta_id=cuenta.pk, dia=dia)
        if saldo.saldo_vencido <= 0:
            omitidas[cuenta.numero] = "no tiene saldo vencido"
            continue
        expediente = Expediente.objects.create(
            folio=folio_siguiente(f"PEC{dia:%y}"),
            cuenta=cuenta,
            lista=lista,
            adeudo_inicial=saldo.saldo_vencido,
            abierto_por=usuario,
        )
        _evento(expediente, EventoExpediente.Tipo.ABIERTO, usuario, _origen(lista))
        _emitir(expediente, etapas[0], usuario, dia)
        abiertos.append(expediente)
    return abiertos, omitidas


def _origen(lista):
    return f"Desde la lista de morosos {lista.folio}" if lista else ""


# --- etapas -----------------------------------------------------------------------------------


def _emitir(expediente, etapa_pec, usuario, dia):
    diligencia = Diligencia.objects.create(
        expediente=expediente,
        etapa=etapa_pec.etapa,
        folio=folio_siguiente(f"DL{dia:%y}"),
        emitida=dia,
        emitida_por=usuario,
    )
    expediente.etapa = etapa_pec.etapa
    expediente.save(update_fields=["etapa"])
    _evento(
        expediente,
        EventoExpediente.Tipo.ETAPA,
        usuario,
        f"{etapa_pec.get_etapa_display()}, folio {diligencia.folio}",
        etapa_pec.etapa,
    )
    return diligencia


def _bloquear(expediente):
    # After its cuenta: a payment in full locks the cuenta and then closes the expediente.
    return tras_su_cuenta(Expediente.objects, expediente)


def siguiente_etapa(expediente):
    """The EtapaPEC that follows the current one, or None at the end of the procedure."""
    etapas = etapas_de(expediente.cuenta.cartera_id)
    claves = [e.etapa for e in etapas]
    if expediente.etapa not in claves:
        return etapas[0] if etapas else None
    indice = claves.index(expediente.etapa) + 1
    return etapas[indice] if indice < len(etapas) else None


def actual(expediente):
    return expediente.diligencias.filter(etapa=expediente.etapa).first()


@transaction.atomic
def etapa_avanzar(*, expediente, usuario, dia=None) -> Diligencia:
    """Emit the next stage: only when the current one was served and its term has run out."""
    dia = dia or hoy()
    expediente = _bloquear(expediente)
    if expediente.estado != Expediente.Estado.ABIERTO:
        raise ValidationError(
            {"estado": f"El expediente está {expediente.get_estado_display().lower()}."}
        )
    previa = actual(expediente)
    if previa is not None:
        if previa.resultado not in SERVIDA:
            raise ValidationError(
                {
                    "etapa": f"La {previa.get_etapa_display().lower()} ({previa.folio}) aún no se "
                    "notifica; no se puede pasar a la siguiente etapa."
                }
            )
        if previa.vence and dia <= previa.vence:
            raise ValidationError(
                {
                    "etapa": f"El plazo legal de la {previa.get_etapa_display().lower()} corre "
                    f"hasta el {previa.vence:%d/%m/%Y}."
                }
            )
    siguiente = siguiente_etapa(expediente)
    if siguiente is None:
        raise ValidationError({"etapa": "El expediente ya está en la última etapa."})
    if siguiente.etapa == Etapa.TURNADO_ABOGADO:
        raise ValidationError(
            {"abogado": "Para turnar a abogado externo, elija al abogado (Turnar a abogado)."}
        )
    return _emitir(expediente, siguiente, usuario, dia)


@transaction.atomic
def expediente_turnar(*, expediente, abogado, usuario, dia=None) -> Diligencia:
    """Hand the expediente to an external lawyer: the lawyer gets the cuenta assigned."""
    dia = dia or hoy()
    expediente = _bloquear(expediente)
    if expediente.estado != Expediente.Estado.ABIERTO:
        raise ValidationError({"estado": "Solo se turna un expediente en trámite."})
    if abogado is None or not abogado.has_perm("cobranza.registrar_etapa_legal"):
        raise ValidationError({"abogado": "Elija un usuario con el rol de abogado externo."})
    if expediente.etapa == Etapa.TURNADO_ABOGADO:
        raise ValidationError({"etapa": "El expediente ya está turnado a abogado."})
    etapa_pec = EtapaPEC.objects.filter(
        cartera_id=expediente.cuenta.cartera_id, etapa=Etapa.TURNADO_ABOGADO
    ).first()
    if etapa_pec is None:
        raise ValidationError(
            {"etapa": "La cartera no contempla turnar sus expedientes a abogado externo."}
        )
    expediente.abogado = abogado
    expediente.save(update_fields=["abogado"])
    abierta = Asignacion.objects.filter(cuenta_id=expediente.cuenta_id, hasta__isnull=True).first()
    if abierta is None or abierta.asignado_a_id != abogado.pk:
        asignacion_cambiar(
            cuenta=expediente.cuenta,
            asignado_a=abogado,
            asignado_por=usuario,
            motivo=f"Expediente {expediente.folio} turnado a abogado externo",
        )
    diligencia = _emitir(expediente, etapa_pec, usuario, dia)
    _evento(
        expediente, EventoExpediente.Tipo.TURNADO, usuario, f"Turnado a {nombre_persona(abogado)}"
    )
    return diligencia


# --- notificación -----------------------------------------------------------------------------


@transaction.atomic
def diligencia_notificar(
    *,
    diligencia,
    notificador,
    resultado,
    notificada,
    recibio_nombre="",
    recibio_relacion="",
    citatorio=None,
    foto=None,
    latitud=None,
    longitud=None,
    notas="",
) -> Diligencia:
    """Record how the diligence was served: in person, to a third party (after a citatorio),
    refused, or not located. Serving it starts its legal term and charges its gastos."""
    # Serving it charges gastos to the cuenta: the cuenta first (padron.bloqueos).
    cuenta = cuenta_bloquear(
        Diligencia.objects.values_list("expediente__cuenta_id", flat=True).get(pk=diligencia.pk)
    )
    diligencia = (
        Diligencia.objects.select_for_update(of=("self", "expediente"))
        .select_related("expediente")
        .get(pk=diligencia.pk)
    )
    expediente = diligencia.expediente
    expediente.cuenta = cuenta
    cartera = expediente.cuenta.cartera
    errores = {}
    if expediente.estado != Expediente.Estado.ABIERTO:
        errores["expediente"] = (
            f"El expediente {expediente.folio} está {expediente.get_estado_display().lower()}."
        )
    if diligencia.resultado in SERVIDA:
        errores["resultado"] = f"La diligencia {diligencia.folio} ya fue notificada."
    if resultado not in Diligencia.Resultado.values or resultado == Diligencia.Resultado.PENDIENTE:
        errores["resultado"] = "Indique el resultado de la diligencia."
    if notificada is None:
        errores["notificada"] = "Indique la fecha y hora de la diligencia."
    elif notificada > ahora() + timedelta(minutes=5):
        errores["notificada"] = "La fecha de la diligencia no puede ser futura."
    elif motivo := error_de_horario(notificada, cartera):
        errores["notificada"] = motivo
    if citatorio is not None:
        if notificada is not None and citatorio >= notificada:
            errores["citatorio"] = "El citatorio se deja antes de la diligencia."
        elif motivo := error_de_horario(citatorio, cartera):
            errores["citatorio"] = f"Citatorio: {motivo}"
    if resultado == Diligencia.Resultado.TERCERO:
        if not recibio_nombre.strip():
            errores["recibio_nombre"] = "Anote el nombre de quien recibió."
        if not recibio_relacion.strip():
            errores["recibio_relacion"] = "Anote la relación de quien recibió con el titular."
        if citatorio is None:
            errores["citatorio"] = (
                "Para entregar a un tercero debe haberse dejado citatorio al titular antes."
            )
    if errores:
        raise ValidationError(errores)

    diligencia.notificador = notificador
    diligencia.resultado = resultado
    diligencia.notificada = notificada
    diligencia.citatorio = citatorio
    diligencia.recibio_nombre = recibio_nombre.strip()
    diligencia.recibio_relacion = recibio_relacion.strip()
    diligencia.latitud, diligencia.longitud = latitud, longitud
    diligencia.notas = notas.strip()
    if foto:
        diligencia.foto = foto
    if resultado in SERVIDA:
        etapa_pec = EtapaPEC.objects.filter(cartera=cartera, etapa=diligencia.etapa).first()
        dia = timezone.localtime(notificada).date()
        plazo = etapa_pec.plazo_dias_habiles if etapa_pec else 0
        diligencia.vence = sumar_dias_habiles(dia, plazo) if plazo else None
        if etapa_pec and etapa_pec.genera_gastos:
            diligencia.gasto = _cobrar_gastos(expediente, diligencia, etapa_pec, dia, notificador)
    diligencia.save()
    _evento(
        expediente,
        EventoExpediente.Tipo.NOTIFICADA,
        notificador,
        f"{diligencia.folio}: {diligencia.get_resultado_display()}",
        diligencia.etapa,
    )
    return diligencia


def uma_del(anio):
    """The UMA in force in `anio` (the latest published up to that year)."""
    uma = Uma.objects.filter(anio__lte=anio).order_by("-anio").first()
    if uma is None:
        raise ValidationError({"uma": f"No hay valor de la UMA capturado para {anio}."})
    return uma.valor_diario


def gastos_de_ejecucion(etapa_pec, adeudo, dia) -> Decimal:
    """pct × adeudo, at least the minimum and at most the maximum (pesos or UMA multiples)."""
    factor = uma_del(dia.year) if etapa_pec.en_uma else Decimal("1")
    minimo = redondear(etapa_pec.gasto_minimo * factor)
    maximo = None if etapa_pec.gasto_maximo is None else redondear(etapa_pec.gasto_maximo * factor)
    monto = max(redondear(adeudo * etapa_pec.gasto_pct / CIEN), minimo)
    return min(monto, maximo) if maximo is not None else monto


def _cobrar_gastos(expediente, diligencia, etapa_pec, dia, usuario):
    saldo = SaldoCuenta.objects.filter(cuenta_id=expediente.cuenta_id).first()
    adeudo = saldo.saldo_vencido if saldo else CERO
    monto = gastos_de_ejecucion(etapa_pec, adeudo, dia)
    if monto <= 0:
        return None
    return cargo_registrar(
        cuenta=expediente.cuenta,
        concepto=Concepto.GASTO_EJECUCION,
        monto=monto,
        fecha_emision=dia,
        fecha_vencimiento=dia,
        periodo=dia.replace(day=1),
        descripcion=f"Gastos de ejecución: {diligencia.get_etapa_display()} {diligencia.folio}",
        registrado_por=usuario,
    )


# --- suspender, reanudar, cerrar --------------------------------------------------------------


@transaction.atomic
def expedientes_suspender(*, cuenta, usuario, motivo):
    """A signed convenio suspends the cuenta's expediente in process."""
    suspendidos = []
    for expediente in Expediente.objects.select_for_update().filter(
        cuenta=cuenta, estado=Expediente.Estado.ABIERTO
    ):
        expediente.estado = Expediente.Estado.SUSPENDIDO
        expediente.save(update_fields=["estado"])
        _evento(expediente, EventoExpediente.Tipo.SUSPENDIDO, usuario, motivo, expediente.etapa)
        suspendidos.append(expediente)
    return suspendidos


@transaction.atomic
def expedientes_reanudar(*, cuenta, usuario, motivo):
    """A broken or cancelled convenio resumes the expediente at the stage where it stopped."""
    reanudados = []
    for expediente in Expediente.objects.select_for_update().filter(
        cuenta=cuenta, estado=Expediente.Estado.SUSPENDIDO
    ):
        expediente.estado = Expediente.Estado.ABIERTO
        expediente.save(update_fields=["estado"])
        _evento(expediente, EventoExpediente.Tipo.REANUDADO, usuario, motivo, expediente.etapa)
        reanudados.append(expediente)
    return reanudados


@transaction.atomic
def expediente_cerrar(*, expediente, usuario, motivo):
    expediente = _bloquear(expediente)
    if expediente.estado == Expediente.Estado.CERRADO:
        raise ValidationError({"estado": "El expediente ya está cerrado."})
    if not (motivo or "").strip():
        raise ValidationError({"motivo": "Indique el motivo del cierre."})
    expediente.estado = Expediente.Estado.CERRADO
    expediente.cerrado, expediente.motivo_cierre = ahora(), motivo.strip()[:250]
    expediente.save(update_fields=["estado", "cerrado", "motivo_cierre"])
    _evento(expediente, EventoExpediente.Tipo.CERRADO, usuario, motivo, expediente.etapa)
    return expediente


def al_registrar_pago(sender, pago, **kwargs):
    """Payment in full closes the expediente (inside the payment's transaction)."""
    try:
        saldo = pago.cuenta.saldo  # the payment left it on its cuenta: no query
    except SaldoCuenta.DoesNotExist:
        return
    if saldo.saldo > 0:
        return
    for expediente in Expediente.objects.filter(cuenta_id=pago.cuenta_id, estado__in=VIVOS):
        expediente_cerrar(
            expediente=expediente,
            usuario=pago.registrado_por,
            motivo=f"Pago total del adeudo (recibo {pago.folio})",
        )


@transaction.atomic
def actuacion_registrar(*, expediente, usuario, detalle):
    """An external lawyer's legal step on an expediente turned over to it."""
    if not (detalle or "").strip():
        raise ValidationError({"detalle": "Describa la actuación."})
    if expediente.abogado_id != usuario.pk and not usuario.has_perm("cobranza.gestionar_pec"):
        raise ValidationError({"usuario": "El expediente no está turnado a usted."})
    return _evento(expediente, EventoExpediente.Tipo.ACTUACION, usuario, detalle.strip())
