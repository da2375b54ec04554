"""Keeping a convenio's parcialidades in step with the ledger.

What the parcialidades have received is, by definition, what the covered
cargos have lost since signing: total − Σ saldo of the covered cargos. After
every pago or reversal on the cuenta the difference is spread over the
parcialidades (forward, or from the last when the policy says advances
reduce the last ones) or taken back from the latest paid. The enganche
paid makes the convenio vigente; the last parcialidad paid makes it cumplido.
"""

from django.db import transaction
from django.db.models import Sum

from cobranza.models import Cargo
from convenios.models import AbonoParcialidad, Alternativa, Convenio, ConvenioCargo, Parcialidad
from padron.dinero import CERO
from padron.fechas import hoy

VIVOS = (Convenio.Estado.AUTORIZADO, Convenio.Estado.VIGENTE)


def convenio_vivo(cuenta_id):
    """The signed convenio of the cuenta that receives its payments, if any."""
    return (
        Convenio.objects.select_for_update(of=("self",))  # not the alternativa: it is shared
        .filter(cuenta_id=cuenta_id, estado__in=VIVOS, firmado__isnull=False)
        .select_related("alternativa")
        .first()
    )


def pagado_segun_libro(convenio):
    pendiente = (
        Cargo.objects.filter(convenios__convenio=convenio).aggregate(s=Sum("saldo"))["s"] or CERO
    )
    return convenio.total - pendiente


def _orden_de_abono(parcialidades, convenio, dia):
    """Due and next parcialidades first; the rest by policy (next ones, or the last ones)."""
    pendientes = [p for p in parcialidades if p.pagado < p.monto]
    if convenio.alternativa.adelantos != Alternativa.Adelantos.ULTIMAS or not pendientes:
        return pendientes
    exigibles = [p for p in pendientes if p.fecha_vencimiento <= dia]
    siguiente = [p for p in pendientes if p.fecha_vencimiento > dia][:1]
    resto = [p for p in reversed(pendientes) if p not in exigibles and p not in siguiente]
    return exigibles + siguiente + resto


@transaction.atomic
def convenio_sincronizar(*, convenio, pago=None, dia=None):
    """Spread (or take back) what the ledger says was paid; update the status."""
    dia = dia or hoy()
    parcialidades = list(
        Parcialidad.objects.select_for_update().filter(convenio=convenio).order_by("numero")
    )
    abonado = sum((p.pagado for p in parcialidades), CERO)
    diferencia = pagado_segun_libro(convenio) - abonado
    abonos = []
    if diferencia > 0:
        for parcialidad in _orden_de_abono(parcialidades, convenio, dia):
            monto = min(diferencia, parcialidad.monto - parcialidad.pagado)
            if monto <= 0:
                break
            parcialidad.pagado += monto
            diferencia -= monto
            abonos.append((parcialidad, monto))
    elif diferencia < 0:
        for parcialidad in sorted(parcialidades, key=lambda p: p.numero, reverse=True):
            monto = min(-diferencia, parcialidad.pagado)
            if monto <= 0:
                continue
            parcialidad.pagado -= monto
            diferencia += monto
            abonos.append((parcialidad, -monto))
            if diferencia == 0:
                break
    for parcialidad, monto in abonos:
        parcialidad.save(update_fields=["pagado"])
        if pago is not None:
            AbonoParcialidad.objects.create(
                parcialidad=parcialidad, pago=pago, monto=monto, fecha=dia
            )
    _actualizar_estado(convenio, parcialidades, dia)
    return abonos


def _actualizar_estado(convenio, parcialidades, dia):
    if convenio.estado == Convenio.Estado.AUTORIZADO and convenio.firmado:
        enganche = next((p for p in parcialidades if p.numero == 0), None)
        if enganche is None or enganche.pagado >= enganche.monto:
            convenio.estado, convenio.vigente_desde = Convenio.Estado.VIGENTE, dia
            convenio.save(update_fields=["estado", "vigente_desde"])
    if convenio.estado == Convenio.Estado.VIGENTE and all(
        p.pagado >= p.monto for p in parcialidades
    ):
        convenio.estado, convenio.terminado = Convenio.Estado.CUMPLIDO, dia
        convenio.save(update_fields=["estado", "terminado"])


def al_registrar_pago(sender, pago, **kwargs):
    # A live convenio's cargos are paid first (DE_CONVENIO_VIVO): a payment that paid none of
    # them changed nothing a convenio counts, and need not look for one.
    pagados = getattr(pago, "aplicaciones_registradas", None)
    if pagados is not None and not any(getattr(a.cargo, DE_CONVENIO_VIVO, True) for a in pagados):
        return
    convenio = convenio_vivo(pago.cuenta_id)
    if convenio is not None:
        convenio_sincronizar(convenio=convenio, pago=pago, dia=pago.fecha)


def al_revertir_pago(sender, pago, reversion, **kwargs):
    # A reversal can reopen a convenio that the reversed money had completed.
    convenio = convenio_vivo(pago.cuenta_id) or (
        Convenio.objects.select_for_update(of=("self",))
        .filter(cuenta_id=pago.cuenta_id, estado=Convenio.Estado.CUMPLIDO)
        .select_related("alternativa")
        .order_by("-terminado")
        .first()
    )
    if convenio is not None:
        convenio_sincronizar(convenio=convenio, pago=pago, dia=reversion.fecha)


DE_CONVENIO_VIVO = "de_convenio_vivo"


def cargo_de_convenio_vivo() -> tuple[str, list]:
    """Hook for cobranza's payment order (SQL over the cargo row `c`): a live, signed
    convenio's cargos are paid before the rest."""
    sql = (
        f"EXISTS (SELECT 1 FROM {ConvenioCargo._meta.db_table} cc "
        f"JOIN {Convenio._meta.db_table} v ON v.id = cc.convenio_id "
        "WHERE cc.cargo_id = c.id AND v.estado IN (%s, %s) AND v.firmado IS NOT NULL)"
    )
    return sql, [estado.value for estado in VIVOS]


# --- what the caja shows (registered in cobranza.caja.registro by convenios/apps.py) ---


def parcialidad_por_pagar(cuenta):
    """The live convenio's parcialidad that is due (or the next one) and what is overdue.

    The amount proposed covers everything overdue up to today, or the next parcialidad
    when nothing is: paid at the counter it goes to the convenio's cargos first
    (`cargo_de_convenio_vivo`) and `convenio_sincronizar` gives it to that
    parcialidad before the later ones.
    """
    convenio = (
        Convenio.objects.filter(cuenta=cuenta, estado__in=VIVOS, firmado__isnull=False)
        .order_by("-firmado")
        .first()
    )
    if convenio is None:
        return None
    dia = hoy()
    pendientes = [p for p in convenio.parcialidades.order_by("numero") if p.pagado < p.monto]
    if not pendientes:
        return None
    primera = pendientes[0]
    hasta = max(dia, primera.fecha_vencimiento)
    vencidas = [p for p in pendientes if p.fecha_vencimiento < dia]
    return {
        "convenio": convenio.folio,
        "numero": primera.numero,
        "fecha_vencimiento": primera.fecha_vencimiento,
        "monto": primera.monto - primera.pagado,
        "vencido": sum((p.monto - p.pagado for p in vencidas), CERO),
        "parcialidades_vencidas": len(vencidas),
        "propuesto": sum(
            (p.monto - p.pagado for p in pendientes if p.fecha_vencimiento <= hasta), CERO
        ),
    }


def pagado_por_el_pago(pago):
    """The convenio's parcialidades a pago paid, for its receipt."""
    abonos = list(
        AbonoParcialidad.objects.filter(pago=pago)
        .values("parcialidad__convenio__folio", "parcialidad__numero")
        .annotate(neto=Sum("monto"))
        .filter(neto__gt=0)
        .order_by("parcialidad__numero")
    )
    if not abonos:
        return None
    return {
        "convenio": abonos[0]["parcialidad__convenio__folio"],
        "parcialidades": [{"numero": a["parcialidad__numero"], "monto": a["neto"]} for a in abonos],
    }
