"""A convenio's page: its terms, the parcialidades as they stand, the actions its state
allows (send, authorise, reject, sign, cancel, restructure) and its documents."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from convenios.comun.views import convenio_visible
from convenios.documentos.documentos import convenio_pdf, pagares_pdf
from convenios.filtros import COLUMNAS as COLUMNAS_CONVENIOS
from convenios.filtros import ConveniosFiltro, convenios_visibles
from convenios.forms import MotivoForm
from convenios.linea_de_tiempo import historial_del_convenio
from convenios.models import Alternativa, Convenio
from convenios.negociacion.simulacion import motivos_del_convenio
from convenios.selectors import cola_de_autorizacion
from convenios.services.abonos import pagado_segun_libro
from convenios.services.convenios import (
    convenio_autorizar,
    convenio_cancelar,
    convenio_enviar,
    convenio_firmar,
    convenio_rechazar,
    puede_autorizar,
)
from padron.dinero import formato_pesos
from padron.fechas import hoy
from padron.listados import Listado
from padron.models import Cartera
from padron.pdf import respuesta_pdf
from padron.permisos import requiere

ESTADOS_PARCIALIDAD = {
    "pagada": "Pagada",
    "parcial": "Pago parcial",
    "vencida": "Vencida",
    "pendiente": "Pendiente",
}


def _parcialidades(convenio, dia):
    filas = []
    for p in convenio.parcialidades.order_by("numero"):
        estado = p.estado_al(dia)
        filas.append(
            {
                "p": p,
                "estado": estado,
                "estado_texto": ESTADOS_PARCIALIDAD[estado],
                "resta": p.monto - p.pagado,
            }
        )
    return filas


def _acciones(usuario, convenio):
    """What this user may do to the convenio in its present state."""
    e, estados = convenio.estado, Convenio.Estado
    cancelable = e in (estados.BORRADOR, estados.PENDIENTE, estados.AUTORIZADO, estados.VIGENTE)
    return {
        "enviar": e == estados.BORRADOR and usuario.has_perm("convenios.capturar_convenio"),
        "resolver": e == estados.PENDIENTE and puede_autorizar(usuario, convenio),
        "firmar": e == estados.AUTORIZADO
        and not convenio.firmado
        and usuario.has_perm("convenios.capturar_convenio"),
        "cancelar": cancelable and usuario.has_perm("convenios.cancelar_convenio"),
        "reestructurar": e == estados.INCUMPLIDO
        and usuario.has_perm("convenios.capturar_convenio")
        and not hasattr(convenio, "reestructura"),
        "imprimir": e not in (estados.RECHAZADO,),
        "pagares": convenio.cuenta.cartera.tipo == Cartera.Tipo.CREDITO,
    }


def _lo_que_sigue(convenio, filas):
    """One plain sentence: where the convenio stands and what has to happen next."""
    E = convenio.Estado
    por_pagar = [f for f in filas if f["resta"] > 0]
    if convenio.estado == E.BORRADOR:
        return "Borrador: falta enviarlo para su autorización o firma."
    if convenio.estado == E.PENDIENTE:
        motivos = "; ".join(motivos_del_convenio(convenio))
        nivel = convenio.nivel_requerido.nombre if convenio.nivel_requerido else "un nivel superior"
        return f"Pendiente: espera la autorización de {nivel}" + (
            f" ({motivos})." if motivos else "."
        )
    if convenio.estado == E.AUTORIZADO and not convenio.firmado:
        return "Autorizado: falta registrar la firma del deudor."
    if convenio.estado == E.AUTORIZADO:
        enganche = next((f for f in filas if f["p"].numero == 0), None)
        resta = enganche["resta"] if enganche else 0
        return f"Firmado: será vigente cuando se pague el enganche de {formato_pesos(resta)}."
    if convenio.estado == E.VIGENTE and por_pagar:
        siguiente = por_pagar[0]
        return (
            f"Vigente: la parcialidad {siguiente['p'].numero} de {formato_pesos(siguiente['resta'])} "
            f"vence el {siguiente['p'].fecha_vencimiento:%d/%m/%Y}; al pagar la última "
            "parcialidad quedará cumplido."
        )
    if convenio.estado == E.CUMPLIDO:
        return f"Cumplido el {convenio.terminado:%d/%m/%Y}: se pagaron todas las parcialidades."
    return ""


@requiere("padron.ver_padron")
def convenio(request, folio):
    convenio = convenio_visible(request, folio)
    dia = hoy()
    reestructura = Alternativa.objects.filter(
        cartera=convenio.cuenta.cartera_id, tipo=Alternativa.Tipo.REESTRUCTURA, activa=True
    ).first()
    filas = _parcialidades(convenio, dia)
    return render(
        request,
        "convenios/convenio.html",
        {
            "convenio": convenio,
            "cuenta": convenio.cuenta,
            "parcialidades": filas,
            "pagado": pagado_segun_libro(convenio) if convenio.firmado else 0,
            "cargos": convenio.cargos_cubiertos.select_related("cargo").order_by(
                "cargo__fecha_vencimiento", "cargo_id"
            ),
            "acciones": _acciones(request.user, convenio),
            "alternativa_reestructura": reestructura,
            "form": MotivoForm(),
            "form_cancelar": MotivoForm(auto_id="cancelar_%s"),
            "historial": historial_del_convenio(convenio),
            "lo_que_sigue": _lo_que_sigue(convenio, filas),
        },
    )


ACCIONES = {
    "enviar": (convenio_enviar, "capturar_convenio", "Convenio enviado."),
    "autorizar": (convenio_autorizar, None, "Convenio autorizado."),
    "rechazar": (convenio_rechazar, None, "Convenio rechazado."),
    "firmar": (
        convenio_firmar,
        "capturar_convenio",
        "Firma registrada: el descuento quedó en el libro.",
    ),
    "cancelar": (convenio_cancelar, "cancelar_convenio", "Convenio cancelado."),
}


@require_POST
@requiere("padron.ver_padron")
def convenio_accion(request, folio, accion):
    """One state change, by the service that owns it; the page shows why it was refused."""
    if accion not in ACCIONES:
        raise Http404
    servicio, permiso, aviso = ACCIONES[accion]
    convenio = convenio_visible(request, folio)
    if permiso and not request.user.has_perm(f"convenios.{permiso}"):
        raise PermissionDenied("No tiene permiso para esta acción.")
    if accion in ("autorizar", "rechazar") and not puede_autorizar(request.user, convenio):
        raise PermissionDenied("No tiene el nivel de autorización que este convenio requiere.")
    form = MotivoForm(request.POST)
    form.is_valid()
    argumentos = {"convenio": convenio, "usuario": request.user}
    if accion in ("autorizar", "rechazar", "cancelar"):
        argumentos["motivo"] = form.cleaned_data.get("motivo", "")
    try:
        servicio(**argumentos)
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
    else:
        messages.success(request, aviso)
    return redirect("convenios:convenio", folio=convenio.folio)


@requiere("padron.ver_padron")
def documento_pdf(request, folio, documento):
    if documento not in ("convenio", "pagares"):
        raise Http404
    convenio = convenio_visible(request, folio)
    if convenio.estado == Convenio.Estado.RECHAZADO:
        raise Http404("Un convenio rechazado no se imprime.")
    if documento == "pagares":
        if convenio.cuenta.cartera.tipo != Cartera.Tipo.CREDITO:
            raise Http404("Los pagarés solo se emiten para créditos.")
        return respuesta_pdf(pagares_pdf(convenio), f"pagares-{convenio.folio}.pdf")
    return respuesta_pdf(convenio_pdf(convenio), f"convenio-{convenio.folio}.pdf")


@requiere("padron.ver_padron")
def pendientes(request):
    """The authorisation queue: what waits for this user's tier (the higher tier sees all)."""
    if not (
        request.user.has_perm("convenios.autorizar_convenio")
        or request.user.has_perm("convenios.autorizar_convenio_mayor")
    ):
        raise PermissionDenied("Solo quien autoriza convenios ve la cola de autorización.")
    # Why each one waits reads its cargos (motivos_del_convenio): one more query for all.
    convenios = list(cola_de_autorizacion(request.user).prefetch_related("cargos_cubiertos__cargo"))
    for c in convenios:
        c.motivos = motivos_del_convenio(c)
    return render(
        request, "convenios/pendientes.html", {"convenios": convenios, "form": MotivoForm()}
    )


@requiere("padron.ver_padron")
def lista(request):
    """Every convenio of the cuentas the user may see, filtered and sorted, newest first."""
    listado = Listado(
        request,
        convenios_visibles(request.user),
        filtros=ConveniosFiltro,
        columnas=COLUMNAS_CONVENIOS,
        orden="-capturado",
        sustantivo=("convenio", "convenios"),
    )
    return render(request, "convenios/lista.html", {"listado": listado})
