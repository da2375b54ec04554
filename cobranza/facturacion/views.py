"""Pages of facturación: the supervisor's billing runs (upload, review with the comparison
and anomalies, gran consumidor validation, authorise, reject, cancel), the extraordinary
charges waiting for a second person, and the social-work discounts (application, approval,
revalidation, the report of discounts granted)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from cobranza.facturacion import selectors
from cobranza.facturacion.forms import (
    AprobacionDescuentoForm,
    CargoPropuestoForm,
    CorridaCargaForm,
    MotivoForm,
    PeriodoReporteForm,
    RevisionForm,
    SolicitudDescuentoForm,
)
from cobranza.facturacion.models import (
    CargoPropuesto,
    CorridaFacturacion,
    DescuentoSocial,
    DocumentoDescuento,
    RenglonFacturacion,
)
from cobranza.facturacion.services.corridas import corrida_rechazados_csv
from cobranza.facturacion.services.descuentos import (
    descuento_social_aprobar,
    descuento_social_rechazar,
    descuento_social_revalidar,
    descuento_social_solicitar,
    descuentos_por_vencer,
)
from cobranza.facturacion.services.extraordinarios import (
    cargo_proponer,
    cargo_propuesto_aprobar,
    cargo_propuesto_rechazar,
)
from cobranza.facturacion.services.publicacion import (
    corrida_autorizar,
    corrida_cancelar,
    corrida_rechazar,
    renglon_revisar,
)
from cobranza.libro.selectors import cuentas_visibles
from padron.dinero import formato_pesos
from padron.fechas import hoy
from padron.forms import errores_a_formulario
from padron.importacion.views import importacion_subir
from padron.permisos import requiere
from padron.texto import cantidad

CARGAR, AUTORIZAR = "cobranza.cargar_facturacion", "cobranza.autorizar_facturacion"
POR_PAGINA = 50


def _error(request, exc):
    for mensaje in exc.messages:
        messages.error(request, mensaje)


# --- runs ----------------------------------------------------------------------------------


@requiere(CARGAR)
def corridas(request):
    form = CorridaCargaForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        datos = form.cleaned_data
        parametros = {
            "cartera": datos["cartera"].clave,
            "periodo": datos["periodo"],
            "fecha_corte": f"{datos['fecha_corte']:%Y-%m-%d}" if datos.get("fecha_corte") else "",
        }
        respuesta = importacion_subir(request, form, tipo=datos["tipo"], parametros=parametros)
        if respuesta:
            return respuesta
    pagina = Paginator(selectors.corridas_lista(), POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cobranza/facturacion/corridas.html",
        {"form": form, "pagina": pagina},
        status=400 if request.method == "POST" else 200,
    )


def _corrida(pk):
    return get_object_or_404(
        CorridaFacturacion.objects.select_related(
            "cartera", "subida_por", "autorizada_por", "cancelada_por", "importacion"
        ),
        pk=pk,
    )


@requiere(CARGAR)
def corrida(request, pk):
    corrida = _corrida(pk)
    anomalias = selectors.corrida_anomalias(corrida)
    es_facturacion = corrida.tipo == CorridaFacturacion.Tipo.FACTURACION
    contexto = {
        "corrida": corrida,
        "comparacion": selectors.corrida_comparacion(corrida) if es_facturacion else [],
        "anomalias": anomalias,
        "sin_factura": anomalias["sin_factura_muestra"],
        "rechazadas": list(selectors.corrida_rechazadas(corrida)[:50]),
        "revision_form": RevisionForm(),
        "motivo_form": MotivoForm(),
        "puede_autorizar": request.user.has_perm(AUTORIZAR)
        and request.user.pk != corrida.subida_por_id,
    }
    return render(request, "cobranza/facturacion/corrida.html", contexto)


ACCIONES = {
    "autorizar": lambda corrida, usuario, motivo: corrida_autorizar(
        corrida=corrida, usuario=usuario
    ),
    "rechazar": lambda corrida, usuario, motivo: corrida_rechazar(
        corrida=corrida, usuario=usuario, motivo=motivo
    ),
    "cancelar": lambda corrida, usuario, motivo: corrida_cancelar(
        corrida=corrida, usuario=usuario, motivo=motivo
    ),
}
HECHO = {
    "autorizar": "Corrida {pk} autorizada y aplicada: {cargos} escritos.",
    "rechazar": "Corrida {pk} rechazada; no se aplicó nada.",
    "cancelar": "Corrida {pk} cancelada; los saldos volvieron a lo que eran.",
}


@require_POST
@requiere(AUTORIZAR)
def corrida_accion(request, pk, accion):
    if accion not in ACCIONES:
        raise Http404("Acción desconocida.")
    corrida = _corrida(pk)
    try:
        corrida = ACCIONES[accion](corrida, request.user, request.POST.get("motivo", ""))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(
            request,
            HECHO[accion].format(pk=corrida.pk, cargos=cantidad(corrida.cargos_creados, "cargo")),
        )
    return redirect("cobranza:corrida", pk=pk)


@require_POST
@requiere(CARGAR)
def renglon_revision(request, pk, fila):
    renglon = get_object_or_404(RenglonFacturacion, corrida_id=pk, fila=fila)
    form = RevisionForm(request.POST)
    if not form.is_valid():
        for errores in form.errors.values():
            for mensaje in errores:
                messages.error(request, f"Fila {fila}: {mensaje}")
        return redirect("cobranza:corrida", pk=pk)
    datos = form.cleaned_data
    try:
        renglon_revisar(
            renglon=renglon,
            decision=datos["decision"],
            usuario=request.user,
            motivo=datos["motivo"],
            lectura_actual=datos["lectura_actual"],
            consumo_m3=datos["consumo_m3"],
            importes={"agua": datos["agua"]} if datos["agua"] is not None else None,
        )
    except ValidationError as exc:
        for mensaje in exc.messages:
            messages.error(request, f"Fila {fila}: {mensaje}")
    else:
        messages.success(request, f"Lectura de la fila {fila} validada.")
    return redirect(reverse("cobranza:corrida", args=[pk]) + "#gran-consumidor")


@requiere(CARGAR)
def corrida_rechazadas(request, pk):
    corrida = _corrida(pk)
    respuesta = HttpResponse(
        "\ufeff" + corrida_rechazados_csv(corrida), content_type="text/csv; charset=utf-8"
    )
    respuesta["Content-Disposition"] = f'attachment; filename="corrida-{corrida.pk}-rechazadas.csv"'
    return respuesta


# --- extraordinary charges -----------------------------------------------------------------


@requiere("cobranza.proponer_cargo")
def cargo_proponer_pagina(request, numero):
    cuenta = get_object_or_404(
        cuentas_visibles(request.user).select_related("titular"), numero=numero
    )
    form = CargoPropuestoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            propuesta = cargo_proponer(cuenta=cuenta, usuario=request.user, **form.cleaned_data)
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Cargo {propuesta.folio} de {formato_pesos(propuesta.monto)} propuesto; no afecta "
                "el saldo hasta que otra persona lo autorice.",
            )
            return redirect("cobranza:cuenta", numero=cuenta.numero)
    return render(
        request,
        "cobranza/facturacion/cargo_proponer.html",
        {"cuenta": cuenta, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@requiere("cobranza.proponer_cargo")
def cargos_propuestos(request):
    estado = request.GET.get("estado", CargoPropuesto.Estado.PROPUESTO)
    if estado not in CargoPropuesto.Estado.values and estado != "todos":
        estado = CargoPropuesto.Estado.PROPUESTO
    filas = selectors.cargos_propuestos(estado=None if estado == "todos" else estado).filter(
        cuenta__in=cuentas_visibles(request.user)
    )
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cobranza/facturacion/cargos_propuestos.html",
        {
            "pagina": pagina,
            "estado": estado,
            "estados": CargoPropuesto.Estado.choices,
            "motivo_form": MotivoForm(),
        },
    )


@require_POST
@requiere("cobranza.autorizar_cargo")
def cargo_propuesto_accion(request, folio, accion):
    propuesta = get_object_or_404(CargoPropuesto, folio=folio)
    try:
        if accion == "aprobar":
            cargo_propuesto_aprobar(propuesta=propuesta, usuario=request.user)
            messages.success(request, f"Cargo {folio} autorizado y aplicado a la cuenta.")
        elif accion == "rechazar":
            cargo_propuesto_rechazar(
                propuesta=propuesta, usuario=request.user, motivo=request.POST.get("motivo", "")
            )
            messages.success(request, f"Cargo {folio} rechazado.")
        else:
            raise Http404("Acción desconocida.")
    except ValidationError as exc:
        _error(request, exc)
    return redirect("cobranza:cargos_propuestos")


@requiere("cobranza.proponer_cargo")
def cargo_propuesto_evidencia(request, folio):
    propuesta = get_object_or_404(
        CargoPropuesto.objects.filter(cuenta__in=cuentas_visibles(request.user)), folio=folio
    )
    if not propuesta.evidencia:
        raise Http404("El cargo no tiene evidencia adjunta.")
    return _archivo(propuesta.evidencia)


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


# --- social-work discounts ----------------------------------------------------------------

SOLICITAR, RESOLVER = "cobranza.solicitar_descuento_social", "cobranza.autorizar_descuento_social"


@requiere(SOLICITAR)
def descuentos_sociales(request):
    estado = request.GET.get("estado", DescuentoSocial.Estado.SOLICITADO)
    if estado not in DescuentoSocial.Estado.values and estado != "todos":
        estado = DescuentoSocial.Estado.SOLICITADO
    filas = selectors.descuentos_sociales(estado=None if estado == "todos" else estado).filter(
        cuenta__in=cuentas_visibles(request.user)
    )
    pagina = Paginator(filas, POR_PAGINA).get_page(request.GET.get("pagina"))
    return render(
        request,
        "cobranza/facturacion/descuentos.html",
        {
            "pagina": pagina,
            "estado": estado,
            "estados": DescuentoSocial.Estado.choices,
            "por_vencer": list(descuentos_por_vencer()[:50]),
        },
    )


@requiere(SOLICITAR)
def descuento_social_nuevo(request, numero):
    cuenta = get_object_or_404(
        cuentas_visibles(request.user).select_related("titular"), numero=numero
    )
    form = SolicitudDescuentoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            descuento = descuento_social_solicitar(
                cuenta=cuenta,
                tipo=form.cleaned_data["tipo"],
                usuario=request.user,
                **form.solicitud(),
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(
                request,
                f"Solicitud {descuento.folio} registrada; espera la aprobación de supervisión.",
            )
            return redirect("cobranza:descuento_social", folio=descuento.folio)
    return render(
        request,
        "cobranza/facturacion/descuento_nuevo.html",
        {"cuenta": cuenta, "form": form, "titulo": "Solicitud de descuento de trabajo social"},
        status=400 if request.method == "POST" else 200,
    )


def _descuento(request, folio):
    return get_object_or_404(
        DescuentoSocial.objects.select_related(
            "cuenta__titular", "solicitado_por", "resuelto_por", "renueva"
        )
        .prefetch_related("documentos")
        .filter(cuenta__in=cuentas_visibles(request.user)),
        folio=folio,
    )


@requiere(SOLICITAR)
def descuento_social(request, folio):
    descuento = _descuento(request, folio)
    aprobacion = (
        AprobacionDescuentoForm(request.POST or None)
        if request.method == "POST"
        else AprobacionDescuentoForm()
    )
    if request.method == "POST":
        if not request.user.has_perm(RESOLVER):
            raise PermissionDenied("No tiene permiso para resolver descuentos.")
        try:
            if request.POST.get("accion") == "rechazar":
                descuento_social_rechazar(
                    descuento=descuento, usuario=request.user, motivo=request.POST.get("motivo", "")
                )
                messages.success(request, f"Solicitud {folio} rechazada.")
                return redirect("cobranza:descuento_social", folio=folio)
            if aprobacion.is_valid():
                descuento_social_aprobar(
                    descuento=descuento, usuario=request.user, **aprobacion.cleaned_data
                )
                messages.success(request, f"Descuento {folio} aprobado por un año.")
                return redirect("cobranza:descuento_social", folio=folio)
        except ValidationError as exc:
            errores_a_formulario(aprobacion, exc)
    bonificaciones = descuento.bonificaciones.select_related("cargo").order_by("-fecha")[:24]
    return render(
        request,
        "cobranza/facturacion/descuento.html",
        {
            "descuento": descuento,
            "aprobacion": aprobacion,
            "motivo_form": MotivoForm(),
            "bonificaciones": bonificaciones,
            "puede_resolver": request.user.has_perm(RESOLVER)
            and request.user.pk != descuento.solicitado_por_id,
        },
        status=400 if request.method == "POST" else 200,
    )


@requiere(SOLICITAR)
def descuento_social_revalidar_pagina(request, folio):
    anterior = _descuento(request, folio)
    form = SolicitudDescuentoForm(
        request.POST or None,
        request.FILES or None,
        initial={
            "tipo": anterior.tipo,
            "acreditacion": anterior.acreditacion,
            "ingreso_mensual": anterior.ingreso_mensual,
            "personas_hogar": anterior.personas_hogar,
            "ocupacion": anterior.ocupacion,
            "vivienda": anterior.vivienda,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            nuevo = descuento_social_revalidar(
                descuento=anterior, usuario=request.user, **form.solicitud()
            )
        except ValidationError as exc:
            errores_a_formulario(form, exc)
        else:
            messages.success(request, f"Revalidación {nuevo.folio} registrada.")
            return redirect("cobranza:descuento_social", folio=nuevo.folio)
    return render(
        request,
        "cobranza/facturacion/descuento_nuevo.html",
        {
            "cuenta": anterior.cuenta,
            "form": form,
            "titulo": f"Revalidación del descuento {anterior.folio}",
        },
        status=400 if request.method == "POST" else 200,
    )


@requiere(SOLICITAR)
def descuento_documento(request, pk):
    documento = get_object_or_404(
        DocumentoDescuento.objects.filter(descuento__cuenta__in=cuentas_visibles(request.user)),
        pk=pk,
    )
    return _archivo(documento.archivo)


@requiere("cobranza.ver_reportes")
def descuentos_otorgados(request):
    form = PeriodoReporteForm(request.GET or None)
    dia = hoy()
    desde, hasta = dia.replace(month=1, day=1), dia
    if form.is_valid():
        desde = form.cleaned_data["desde"] or desde
        hasta = form.cleaned_data["hasta"] or hasta
    datos = selectors.descuentos_otorgados(desde=desde, hasta=hasta)
    return render(
        request,
        "cobranza/facturacion/descuentos_otorgados.html",
        {"form": form, "desde": desde, "hasta": hasta, **datos},
    )
