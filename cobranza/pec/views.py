"""Pages of the PEC: the supervisor's expedientes (open from a morosos list, advance,
turn over, close), the lawyer's view of its expedientes, the notificador's phone pages,
the documents, and the calendar of non-working days."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import DiaInhabil, Etapa, Expediente, ListaMorosos
from cobranza.pec.documentos import DOCUMENTOS, diligencia_pdf
from cobranza.pec.filtros import COLUMNAS as COLUMNAS_EXPEDIENTES
from cobranza.pec.filtros import ExpedientesFiltro
from cobranza.pec.forms import (
    ActuacionForm,
    DiaInhabilForm,
    MotivoForm,
    NotificacionForm,
    NotificadorForm,
    TurnarForm,
)
from cobranza.pec.selectors import (
    diligencias_imprimibles,
    diligencias_por_notificar,
    expedientes_de,
    puede_imprimir_diligencias,
)
from cobranza.pec.services import (
    actuacion_registrar,
    diligencia_notificar,
    etapa_avanzar,
    expediente_cerrar,
    expediente_turnar,
    expedientes_abrir,
    siguiente_etapa,
)
from padron.fechas import ahora, hoy
from padron.listados import Listado
from padron.pdf import respuesta_pdf
from padron.permisos import requiere
from padron.texto import cantidad

VEN_PEC = ("cobranza.gestionar_pec", "cobranza.registrar_etapa_legal")


def _puede_ver_pec(usuario):
    if not any(usuario.has_perm(p) for p in VEN_PEC):
        raise PermissionDenied("No tiene acceso a los expedientes del PEC.")


def _expediente(request, folio):
    return get_object_or_404(
        Expediente.objects.filter(cuenta__in=cuentas_visibles(request.user)).select_related(
            "cuenta__titular", "cuenta__cartera", "abogado", "abierto_por", "lista"
        ),
        folio=folio,
    )


def _mensajes(request, exc):
    for mensaje in exc.messages:
        messages.error(request, mensaje)


@requiere("padron.ver_padron")
def expedientes(request):
    _puede_ver_pec(request.user)
    listado = Listado(
        request,
        expedientes_de(request.user, dia=hoy()),
        filtros=ExpedientesFiltro,
        columnas=COLUMNAS_EXPEDIENTES,
        orden="-abierto",
        por_pagina=50,
        sustantivo=("expediente", "expedientes"),
    )
    lista = listado.form["lista"].value() if listado.form is not None else ""
    return render(
        request,
        "cobranza/pec/expedientes.html",
        {"listado": listado, "lista": lista},
    )


@require_POST
@requiere("cobranza.gestionar_pec")
def abrir(request):
    ids = [int(i) for i in request.POST.getlist("cuentas") if i.isdigit()]
    lista = ListaMorosos.objects.filter(folio=request.POST.get("lista", "")).first()
    visibles = list(cuentas_visibles(request.user).filter(pk__in=ids).values_list("pk", flat=True))
    try:
        abiertos, omitidas = expedientes_abrir(
            cuenta_ids=visibles, usuario=request.user, lista=lista
        )
    except ValidationError as exc:
        _mensajes(request, exc)
        return redirect(request.META.get("HTTP_REFERER") or "cobranza:pec")
    if abiertos:
        messages.success(
            request, f"{cantidad(len(abiertos), 'expediente abierto', 'expedientes abiertos')}."
        )
    for numero, motivo in omitidas.items():
        messages.warning(request, f"Cuenta {numero}: {motivo}.")
    destino = f"?lista={lista.folio}" if lista else ""
    return redirect(f"{reverse('cobranza:pec')}{destino}")


@requiere("padron.ver_padron")
def expediente(request, folio):
    _puede_ver_pec(request.user)
    expediente = _expediente(request, folio)
    diligencias = list(
        expediente.diligencias.select_related("notificador", "gasto").order_by("emitida", "id")
    )
    supervisa = request.user.has_perm("cobranza.gestionar_pec")
    siguiente = siguiente_etapa(expediente)
    return render(
        request,
        "cobranza/pec/expediente.html",
        {
            "expediente": expediente,
            "cuenta": expediente.cuenta,
            "diligencias": diligencias,
            "eventos": expediente.eventos.select_related("usuario").order_by("fecha", "id"),
            "supervisa": supervisa,
            "siguiente": siguiente,
            "turnable": supervisa
            and expediente.estado == "abierto"
            and siguiente is not None
            and siguiente.etapa == Etapa.TURNADO_ABOGADO,
            "form_turnar": TurnarForm(),
            "form_cerrar": MotivoForm(),
            "form_actuacion": ActuacionForm(),
            "form_notificador": NotificadorForm(),
            "es_abogado": expediente.abogado_id == request.user.pk,
            "documentos": DOCUMENTOS,
        },
    )


@require_POST
@requiere("padron.ver_padron")
def expediente_accion(request, folio, accion):
    _puede_ver_pec(request.user)
    expediente = _expediente(request, folio)
    supervisa = request.user.has_perm("cobranza.gestionar_pec")
    if accion != "actuacion" and not supervisa:
        raise PermissionDenied("Solo supervisión avanza, turna o cierra expedientes.")
    try:
        if accion == "avanzar":
            diligencia = etapa_avanzar(expediente=expediente, usuario=request.user)
            messages.success(
                request, f"{diligencia.get_etapa_display()} emitida: {diligencia.folio}."
            )
        elif accion == "turnar":
            form = TurnarForm(request.POST)
            if not form.is_valid():
                raise ValidationError(form.errors.get("abogado"))
            expediente_turnar(
                expediente=expediente, abogado=form.cleaned_data["abogado"], usuario=request.user
            )
            messages.success(request, "Expediente turnado a abogado externo.")
        elif accion == "cerrar":
            expediente_cerrar(
                expediente=expediente, usuario=request.user, motivo=request.POST.get("motivo", "")
            )
            messages.success(request, "Expediente cerrado.")
        elif accion == "actuacion":
            actuacion_registrar(
                expediente=expediente, usuario=request.user, detalle=request.POST.get("detalle", "")
            )
            messages.success(request, "Actuación registrada.")
        elif accion == "notificador":
            form = NotificadorForm(request.POST)
            diligencia = expediente.diligencias.filter(folio=request.POST.get("diligencia")).first()
            if diligencia is None or not form.is_valid():
                raise ValidationError({"notificador": "Elija la diligencia y el notificador."})
            diligencia.notificador = form.cleaned_data["notificador"]
            diligencia.save(update_fields=["notificador"])
            messages.success(request, f"{diligencia.folio} asignada a {diligencia.notificador}.")
        else:
            raise Http404
    except ValidationError as exc:
        _mensajes(request, exc)
    return redirect("cobranza:pec_expediente", folio=expediente.folio)


def _diligencia_para(request, folio):
    """A diligence the user may print: the same rule as the API (pec.selectors)."""
    if not puede_imprimir_diligencias(request.user):
        raise PermissionDenied("No tiene acceso a los documentos del PEC.")
    return get_object_or_404(diligencias_imprimibles(request.user), folio=folio)


def documento(request, folio, documento):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if documento not in DOCUMENTOS:
        raise Http404
    diligencia = _diligencia_para(request, folio)
    contenido = diligencia_pdf(diligencia, documento)
    return respuesta_pdf(contenido, f"{documento}-{diligencia.folio}.pdf")


# --- the notificador, on a phone --------------------------------------------------------------


@requiere("cobranza.registrar_diligencia")
def notificador(request):
    return render(
        request,
        "cobranza/pec/notificador.html",
        {"diligencias": diligencias_por_notificar(request.user)},
    )


@requiere("cobranza.registrar_diligencia")
def notificar(request, folio):
    diligencia = get_object_or_404(diligencias_por_notificar(request.user), folio=folio)
    if request.method == "POST":
        form = NotificacionForm(request.POST, request.FILES)
        if form.is_valid():
            datos = form.cleaned_data
            try:
                diligencia_notificar(
                    diligencia=diligencia,
                    notificador=request.user,
                    resultado=datos["resultado"],
                    notificada=datos["notificada"],
                    citatorio=datos["citatorio"],
                    recibio_nombre=datos["recibio_nombre"],
                    recibio_relacion=datos["recibio_relacion"],
                    foto=datos["foto"],
                    latitud=datos["latitud"],
                    longitud=datos["longitud"],
                    notas=datos["notas"],
                )
            except ValidationError as exc:
                for campo, errores in exc.message_dict.items():
                    for error in errores:
                        form.add_error(campo if campo in form.fields else None, error)
            else:
                messages.success(request, f"Diligencia {diligencia.folio} registrada.")
                return redirect("cobranza:notificador")
    else:
        form = NotificacionForm(
            initial={"notificada": timezone.localtime(ahora()).replace(second=0)}
        )
    return render(request, "cobranza/pec/notificar.html", {"diligencia": diligencia, "form": form})


# --- calendar -------------------------------------------------------------------------------


@requiere("cobranza.gestionar_pec")
def calendario(request):
    form = DiaInhabilForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("quitar"):
            DiaInhabil.objects.filter(pk=request.POST["quitar"]).delete()
            messages.success(request, "Día quitado del calendario.")
            return redirect("cobranza:pec_calendario")
        if form.is_valid():
            form.save()
            messages.success(request, "Día inhábil agregado.")
            return redirect("cobranza:pec_calendario")
    anio = int(request.GET.get("anio") or hoy().year)
    return render(
        request,
        "cobranza/pec/calendario.html",
        {
            "form": form,
            "anio": anio,
            "dias": DiaInhabil.objects.filter(fecha__year=anio).order_by("fecha"),
        },
    )
