"""Pages of the registro de atención: the front desk's page (start, end, today's list), one
attention with what was recorded during it, and the daily or monthly report (page and XLSX).

The open attention's id and label live in the session, so the banner on every page costs
no query; the database (one open per clerk) stays the authority."""

from datetime import timedelta
from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from openpyxl import Workbook

from cobranza.atencion.forms.registro import AtencionForm, PeriodoForm, TerminarForm
from cobranza.atencion.selectors.registro import reporte_atencion, tablero_atencion
from cobranza.atencion.services.encuestas import invitacion_para_atencion
from cobranza.atencion.services.registro import atencion_iniciar, atencion_terminar
from cobranza.libro.selectors import cuentas_visibles
from cobranza.models import Atencion
from padron.exportar import anexar
from padron.fechas import hoy, primer_dia_del_mes, sumar_meses
from padron.forms import errores_a_formulario
from padron.permisos import requiere

SESION = "atencion_abierta"


def _recordar(request, atencion):
    if atencion is None or atencion.fin is not None:
        request.session.pop(SESION, None)
        return
    quien = atencion.persona or (atencion.cuenta and atencion.cuenta.titular.nombre_completo)
    request.session[SESION] = {"id": atencion.pk, "texto": f"{quien} · {atencion.motivo}"}


@requiere("cobranza.registrar_atencion")
def atencion(request):
    """The front desk's page: the form to start, the open attention and today's list."""
    inicial = {"cuenta": request.GET.get("cuenta", "")}
    form = AtencionForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        datos = dict(form.cleaned_data)
        numero = datos.pop("cuenta")
        cuenta = None
        if numero:
            cuenta = cuentas_visibles(request.user).filter(numero=numero).first()
            if cuenta is None:
                form.add_error("cuenta", f"No se encontró la cuenta {numero}.")
        if form.is_valid():
            try:
                nueva = atencion_iniciar(usuario=request.user, cuenta=cuenta, **datos)
            except ValidationError as exc:
                errores_a_formulario(form, exc)
            else:
                _recordar(request, nueva)
                messages.success(request, "Atención iniciada. Termínela cuando la persona se vaya.")
                if cuenta:
                    return redirect("cobranza:cuenta", numero=cuenta.numero)
                return redirect("cobranza:atencion")
    tablero = tablero_atencion(request.user)
    _recordar(request, tablero["atencion_abierta"])
    estado = 400 if request.method == "POST" else 200
    contexto = {"form": form, "terminar": TerminarForm(), **tablero}
    return render(request, "cobranza/atencion/registro/atencion.html", contexto, status=estado)


@require_POST
@requiere("cobranza.registrar_atencion")
def atencion_terminar_vista(request, pk):
    abierta = get_object_or_404(Atencion, pk=pk)
    form = TerminarForm(request.POST)
    form.is_valid()
    try:
        cerrada = atencion_terminar(
            atencion=abierta, usuario=request.user, notas=form.cleaned_data.get("notas") or None
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        _recordar(request, Atencion.objects.filter(pk=pk).first())
        return redirect("cobranza:atencion")
    _recordar(request, None)
    messages.success(request, f"Atención terminada ({cerrada.vinculos.count()} registros ligados).")
    return redirect("cobranza:atencion_detalle", pk=cerrada.pk)


@requiere("cobranza.registrar_atencion")
def atencion_detalle(request, pk):
    registro = get_object_or_404(
        Atencion.objects.select_related("motivo", "cuenta__titular", "atendio"), pk=pk
    )
    if registro.atendio_id != request.user.pk and not request.user.has_perm(
        "cobranza.ver_reportes"
    ):
        raise PermissionDenied("Solo quien atendió o un supervisor ve esta atención.")
    contexto = {"atencion": registro, "vinculos": list(registro.vinculos.all())}
    contexto.update(_encuesta_de(registro, request.user))
    return render(request, "cobranza/atencion/registro/detalle.html", contexto)


def _encuesta_de(registro, usuario) -> dict:
    """The satisfaction survey the person may answer right after a finished attention (offered
    to the clerk who attended, on whose screen or tablet the person answers)."""
    if registro.fin is None or registro.atendio_id != usuario.pk:
        return {}
    return {"invitacion": invitacion_para_atencion(registro)}


def _periodo(request):
    form = PeriodoForm(request.GET or None)
    periodo, fecha = "dia", hoy()
    if form.is_valid():
        periodo = form.cleaned_data["periodo"] or "dia"
        fecha = form.cleaned_data["fecha"] or fecha
    if periodo == "mes":
        desde = primer_dia_del_mes(fecha)
        return form, periodo, desde, sumar_meses(desde, 1) - timedelta(days=1)
    return form, periodo, fecha, fecha


@requiere("cobranza.ver_reportes")
def atencion_reporte(request):
    form, periodo, desde, hasta = _periodo(request)
    datos = reporte_atencion(desde=desde, hasta=hasta)
    if request.GET.get("formato") == "xlsx":
        respuesta = HttpResponse(
            reporte_xlsx(datos),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        nombre = f"atencion_{desde:%Y%m%d}_{hasta:%Y%m%d}.xlsx"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta
    consulta = request.GET.copy()
    consulta["formato"] = "xlsx"
    contexto = {"form": form, "periodo": periodo, "xlsx": consulta.urlencode(), **datos}
    return render(request, "cobranza/atencion/registro/reporte.html", contexto)


ENCABEZADOS = [
    "Atenciones",
    "Terminadas",
    "Servicio (min)",
    "Espera (min)",
    "Con pago o convenio",
    "%",
]


def _cifras(fila):
    return [
        fila["atenciones"],
        fila["terminadas"],
        fila["servicio_min"],
        fila["espera_min"],
        fila["resueltas"],
        fila["pct_resueltas"],
    ]


def reporte_xlsx(datos) -> bytes:
    libro = Workbook(write_only=True)
    resumen = libro.create_sheet("Resumen")
    resumen.append(["Del", f"{datos['desde']:%d/%m/%Y}", "al", f"{datos['hasta']:%d/%m/%Y}"])
    resumen.append(ENCABEZADOS)
    resumen.append(_cifras(datos["total"]))
    for hoja, clave in (
        ("Por canal", "por_canal"),
        ("Por motivo", "por_motivo"),
        ("Por persona", "por_persona"),
        ("Por hora", "por_hora"),
    ):
        hoja_xlsx = libro.create_sheet(hoja)
        hoja_xlsx.append([hoja.removeprefix("Por ").capitalize(), *ENCABEZADOS])
        for fila in datos[clave]:
            anexar(hoja_xlsx, [fila["etiqueta"], *_cifras(fila)])
    salida = BytesIO()
    libro.save(salida)
    return salida.getvalue()
