"""Pages of the Coordinador de Seguimiento a Beneficiarios: the credits, one credit with its
academic status, ministraciones, egreso and procedures, the queue of procedures to authorise,
and the upload of the status files the instituciones send."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from padron.beneficiarios import selectors
from padron.beneficiarios.forms import (
    CreditoForm,
    EgresoForm,
    EstatusForm,
    FiltroForm,
    ImportarEstatusForm,
    MinistracionForm,
    TramiteForm,
)
from padron.beneficiarios.models import CreditoEducativo, EstatusAcademico, Ministracion, Tramite
from padron.beneficiarios.services import (
    credito_registrar,
    egreso_registrar,
    estatus_registrar,
    ministracion_liberar,
    ministraciones_programar,
    nivel_de,
    niveles_configurados,
    tramite_autorizar,
    tramite_rechazar,
    tramite_solicitar,
)
from padron.forms import errores_a_formulario
from padron.importacion.models import Importacion
from padron.importacion.views import importacion_subir
from padron.models import Cartera, Cuenta
from padron.permisos import requiere

PERMISO = "padron.gestionar_beneficiarios"
POR_PAGINA = 50


@requiere(PERMISO)
def beneficiarios(request):
    form = FiltroForm(request.GET or None)
    datos = form.cleaned_data if form.is_valid() else {}
    filas = selectors.creditos(
        etapa=datos.get("etapa") or None, texto=(datos.get("texto") or "").strip() or None
    )
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    consulta = request.GET.copy()
    consulta.pop("pagina", None)
    return render(
        request,
        "padron/beneficiarios/lista.html",
        {"form": form, "pagina": pagina, "consulta": consulta.urlencode()},
    )


def _credito(numero):
    try:
        return selectors.credito_detalle(numero)
    except CreditoEducativo.DoesNotExist as exc:
        raise Http404("Esa cuenta no tiene crédito educativo registrado.") from exc


@requiere(PERMISO)
def beneficiario(request, numero):
    credito = _credito(numero)
    return render(
        request,
        "padron/beneficiarios/detalle.html",
        {
            "credito": credito,
            "estatus_form": EstatusForm(),
            "ministracion_form": MinistracionForm(),
            "egreso_form": EgresoForm(),
            "tramite_form": TramiteForm(),
        },
    )


@requiere(PERMISO)
def credito_nuevo(request, numero):
    cuenta = get_object_or_404(
        Cuenta.objects.select_related("titular", "cartera"),
        numero=numero,
        cartera__tipo=Cartera.Tipo.CREDITO,
    )
    if hasattr(cuenta, "credito"):
        return redirect("padron:beneficiario", numero=numero)
    form = CreditoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            credito_registrar(cuenta=cuenta, usuario=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"Crédito educativo de la cuenta {numero} registrado.")
            return redirect("padron:beneficiario", numero=numero)
    return render(
        request,
        "padron/beneficiarios/nuevo.html",
        {"cuenta": cuenta, "form": form},
        status=400 if request.method == "POST" else 200,
    )


def _accion(request, numero, form_clase, hacer, exito):
    """The actions on one credit: validate the form, call the service, say how it went."""
    credito = _credito(numero)
    form = form_clase(request.POST, request.FILES)
    if form.is_valid():
        try:
            hacer(credito, form)
        except ValidationError as exc:
            for mensaje in exc.messages:
                messages.error(request, mensaje)
        else:
            messages.success(request, exito)
    else:
        for campo, errores in form.errors.items():
            etiqueta = form.fields[campo].label if campo in form.fields else campo
            for mensaje in errores:
                messages.error(request, f"{etiqueta}: {mensaje}")
    return redirect("padron:beneficiario", numero=numero)


@require_POST
@requiere(PERMISO)
def estatus_nuevo(request, numero):
    def hacer(credito, form):
        datos = form.cleaned_data
        estatus_registrar(credito=credito, usuario=request.user, **datos)

    return _accion(request, numero, EstatusForm, hacer, "Estatus académico registrado.")


@require_POST
@requiere(PERMISO)
def ministracion_nueva(request, numero):
    def hacer(credito, form):
        d = form.cleaned_data
        ministraciones_programar(
            credito=credito,
            plan=[(d["periodo"], d["monto"], d["fecha_programada"])],
            usuario=request.user,
        )

    return _accion(request, numero, MinistracionForm, hacer, "Ministración programada.")


@require_POST
@requiere(PERMISO)
def ministracion_liberar_pagina(request, numero, pk):
    ministracion = get_object_or_404(Ministracion, pk=pk, credito__cuenta__numero=numero)
    try:
        ministracion_liberar(ministracion=ministracion, usuario=request.user)
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
    else:
        messages.success(request, f"Ministración del periodo {ministracion.periodo} liberada.")
    return redirect("padron:beneficiario", numero=numero)


@require_POST
@requiere(PERMISO)
def egreso(request, numero):
    def hacer(credito, form):
        egreso_registrar(credito=credito, usuario=request.user, **form.cleaned_data)

    return _accion(
        request,
        numero,
        EgresoForm,
        hacer,
        "Egreso registrado; la recuperación empieza al terminar la gracia.",
    )


@require_POST
@requiere(PERMISO)
def tramite_nuevo(request, numero):
    def hacer(credito, form):
        d = form.cleaned_data
        tramite_solicitar(
            credito=credito,
            tipo=d["tipo"],
            motivo=d["motivo"],
            fecha_efectiva=d["fecha_efectiva"],
            evidencia=d["evidencia"],
            datos=form.datos(),
            usuario=request.user,
        )

    return _accion(
        request, numero, TramiteForm, hacer, "Trámite registrado; espera su autorización."
    )


def _puede_autorizar_alguno(usuario):
    return usuario.has_perm("padron.autorizar_tramite") or usuario.has_perm(
        "padron.autorizar_tramite_mayor"
    )


def tramites(request):
    if not request.user.is_authenticated:
        return redirect("login")
    if not (_puede_autorizar_alguno(request.user) or request.user.has_perm(PERMISO)):
        raise PermissionDenied("No tiene permiso para ver los trámites.")
    estado = request.GET.get("estado", Tramite.Estado.SOLICITADO)
    filas = Tramite.objects.select_related(
        "credito__cuenta__titular", "credito__cuenta__cartera", "solicitado_por", "resuelto_por"
    )
    if estado in Tramite.Estado.values:
        filas = filas.filter(estado=estado)
    pagina = Paginator(filas.order_by("-solicitado"), POR_PAGINA).get_page(
        request.GET.get("pagina")
    )
    niveles = niveles_configurados()
    for tramite in pagina:
        tramite.puede = (
            request.user.has_perm(nivel_de(tramite, niveles))
            and tramite.solicitado_por_id != request.user.pk
        )
    return render(
        request,
        "padron/beneficiarios/tramites.html",
        {"pagina": pagina, "estado": estado, "estados": Tramite.Estado.choices},
    )


@require_POST
def tramite_accion(request, folio, accion):
    if not request.user.is_authenticated or not _puede_autorizar_alguno(request.user):
        raise PermissionDenied("No tiene permiso para resolver trámites.")
    tramite = get_object_or_404(Tramite, folio=folio)
    try:
        if accion == "autorizar":
            tramite_autorizar(tramite=tramite, usuario=request.user)
            messages.success(request, f"Trámite {folio} autorizado y aplicado.")
        elif accion == "rechazar":
            tramite_rechazar(
                tramite=tramite, usuario=request.user, motivo=request.POST.get("motivo", "")
            )
            messages.success(request, f"Trámite {folio} rechazado.")
        else:
            raise Http404("Acción desconocida.")
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, mensaje)
    return redirect("padron:tramites")


def _archivo(campo):
    with campo.open("rb") as archivo:
        contenido = archivo.read()
    nombre = campo.name.rsplit("/", 1)[-1]
    tipo = (
        "application/pdf"
        if nombre.lower().endswith(".pdf")
        else "image/" + nombre.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg")
    )
    respuesta = HttpResponse(contenido, content_type=tipo)
    respuesta["Content-Disposition"] = f'inline; filename="{nombre}"'
    return respuesta


@requiere(PERMISO)
def estatus_evidencia(request, pk):
    registro = get_object_or_404(EstatusAcademico, pk=pk)
    if not registro.evidencia:
        raise Http404("No hay evidencia.")
    return _archivo(registro.evidencia)


@requiere(PERMISO)
def importar_estatus(request):
    form = ImportarEstatusForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        respuesta = importacion_subir(
            request,
            form,
            tipo=Importacion.Tipo.ESTATUS_ACADEMICO,
            parametros={"parcial": form.cleaned_data["parcial"]},
        )
        if respuesta:
            return respuesta
    recientes = Importacion.objects.filter(tipo=Importacion.Tipo.ESTATUS_ACADEMICO).select_related(
        "usuario"
    )[:10]
    return render(
        request,
        "padron/beneficiarios/importar.html",
        {"form": form, "recientes": recientes},
        status=400 if request.method == "POST" else 200,
    )
