"""Pages of the management reports (gerencia, supervisión): the list of reports, each report
for a cartera and month with its PDF and XLSX, and the goals (metas).

A report page shows the stored version when there is one (what was known at its cut-off,
with its generation time) and computes it live otherwise, or when asked (?en_vivo=1).
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import select_template
from django.urls import reverse

# Importing the report modules registers their types (cobranza/apps.py does it at start-up).
from cobranza.models import Meta, ReporteGuardado
from cobranza.reportes import comparativo, estadisticas, recuperacion_reporte  # noqa: F401
from cobranza.reportes.archivos import XLSX, nombre_archivo, reporte_pdf, reporte_xlsx
from cobranza.reportes.comun import (
    cartera_leer,
    guardados,
    periodo_de_reporte,
    periodo_leer,
    periodo_por_omision,
)
from cobranza.reportes.guardados import contenido_de, reporte_archivos_completar
from cobranza.reportes.metas import (
    NOMBRES,
    UNIDADES,
    historial_de,
    indice_cumplimiento,
    meta_cambiar,
    meta_fijar,
    metas_de,
)
from cobranza.reportes.registro import REPORTES
from padron.models import Cartera
from padron.pdf import respuesta_pdf
from padron.periodos import MESES_ADELANTE, PeriodoSelect
from padron.permisos import requiere

VER = "cobranza.ver_reportes"
EDITAR = "cobranza.editar_metas"


def _descarga(contenido, tipo_contenido, nombre):
    respuesta = HttpResponse(contenido, content_type=tipo_contenido)
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta


def _cartera_por_omision():
    cartera = Cartera.objects.filter(activa=True).order_by("nombre").first()
    return cartera.clave if cartera else ""


@requiere(VER)
def reportes(request):
    recientes = ReporteGuardado.objects.select_related("cartera", "generado_por")[:36]
    return render(
        request,
        "cobranza/reportes/indice.html",
        {
            "tipos": list(REPORTES.values()),
            "carteras": Cartera.objects.filter(activa=True).order_by("nombre"),
            "periodo": f"{periodo_por_omision():%Y-%m}",
            "guardados": recientes,
        },
    )


def _archivo_guardado(guardado, formato):
    archivo = getattr(guardado, formato)
    if not archivo:
        return None
    with archivo.open("rb") as abierto:
        contenido = abierto.read()
    if formato == "pdf":
        return respuesta_pdf(contenido, nombre_archivo(guardado.datos, "pdf"), descargar=True)
    return _descarga(contenido, XLSX, nombre_archivo(guardado.datos, "xlsx"))


def _archivo_en_vivo(tipo, datos, formato):
    if formato == "pdf":
        return respuesta_pdf(reporte_pdf(tipo, datos), nombre_archivo(datos, "pdf"), True)
    return _descarga(reporte_xlsx(tipo, datos), XLSX, nombre_archivo(datos, "xlsx"))


@requiere(VER)
def reporte(request, tipo):
    tipo_reporte = REPORTES.get(tipo)
    if tipo_reporte is None:
        raise Http404("No existe ese reporte.")
    clave = request.GET.get("cartera") or _cartera_por_omision()
    texto_periodo = request.GET.get("periodo") or f"{periodo_por_omision():%Y-%m}"
    contexto = {
        "tipo": tipo_reporte,
        "carteras": Cartera.objects.order_by("nombre"),
        "cartera_clave": clave,
        "periodo": texto_periodo,
    }
    try:
        cartera, periodo = cartera_leer(clave), periodo_de_reporte(texto_periodo)
    except ValidationError as exc:
        contexto["errores"] = [m for mensajes in exc.message_dict.values() for m in mensajes]
        return render(request, "cobranza/reportes/reporte.html", contexto, status=400)

    en_vivo = request.GET.get("en_vivo") == "1"
    guardado = None
    if not en_vivo:
        guardado = guardados(tipo, cartera, [periodo]).get(periodo)
    formato = request.GET.get("formato")
    if guardado is not None and formato in ("pdf", "xlsx"):
        respuesta = _archivo_guardado(guardado, formato)
        if respuesta is not None:
            return respuesta
    datos = guardado.datos if guardado is not None else tipo_reporte.calcular(cartera, periodo)
    if formato in ("pdf", "xlsx"):
        return _archivo_en_vivo(tipo_reporte, datos, formato)
    contexto.update(
        {
            "datos": datos,
            "guardado": guardado,
            "en_vivo": en_vivo,
            # A type registered without its own page body still offers its files.
            "cuerpo": select_template(
                [f"cobranza/reportes/_{tipo}.html", "cobranza/reportes/_generico.html"]
            ),
        }
    )
    return render(request, "cobranza/reportes/reporte.html", contexto)


# --- goals ---------------------------------------------------------------------------------


class MetaForm(forms.Form):
    cartera = forms.ModelChoiceField(
        label="Cartera",
        queryset=Cartera.objects.filter(activa=True).order_by("nombre"),
        to_field_name="clave",
    )
    periodo = forms.CharField(label="Periodo (mes)", widget=PeriodoSelect(adelante=MESES_ADELANTE))
    indicador = forms.ChoiceField(label="Indicador", choices=Meta.Indicador.choices)
    valor = forms.CharField(label="Meta", help_text="Pesos, número de cuentas o convenios, o %.")

    def clean_periodo(self):
        try:
            return periodo_leer(self.cleaned_data["periodo"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["periodo"]) from exc


class ValorForm(forms.Form):
    valor = forms.CharField(label="Nueva meta")


def _con_logros(metas):
    """Each goal with what its month's stored recovery report says was achieved."""
    metas = list(metas)
    por_cartera = {}
    for meta in metas:
        por_cartera.setdefault(meta.cartera, set()).add(meta.periodo)
    logros = {}
    for cartera, periodos in por_cartera.items():
        for periodo, guardado in guardados("recuperacion", cartera, periodos).items():
            logros[(cartera.pk, periodo)] = guardado.datos.get("logros", {})
    for meta in metas:
        meta.logrado = logros.get((meta.cartera_id, meta.periodo), {}).get(meta.indicador)
        meta.indice = indice_cumplimiento(meta.logrado, meta.valor)
        meta.unidad = UNIDADES[meta.indicador]
    return metas


@requiere(VER)
def metas(request):
    filtros = {"cartera": request.GET.get("cartera", ""), "periodo": request.GET.get("periodo", "")}
    errores, cartera, periodo = [], None, None
    try:
        if filtros["cartera"]:
            cartera = cartera_leer(filtros["cartera"])
        if filtros["periodo"]:
            periodo = periodo_leer(filtros["periodo"])
    except ValidationError as exc:
        errores = [m for mensajes in exc.message_dict.values() for m in mensajes]
    pagina = Paginator(metas_de(cartera=cartera, periodo=periodo), 50).get_page(
        request.GET.get("pagina")
    )
    # Only this page's goals look up their stored report: one query per cartera shown.
    pagina.object_list = _con_logros(pagina.object_list)
    return render(
        request,
        "cobranza/reportes/metas.html",
        {
            "pagina": pagina,
            "filtros": filtros,
            "consulta": urlencode({k: v for k, v in filtros.items() if v}),
            "errores": errores,
            "carteras": Cartera.objects.order_by("nombre"),
        },
    )


def _a_la_lista(meta):
    return redirect(f"{reverse('cobranza:metas')}?cartera={meta.cartera.clave}")


@requiere(EDITAR)
def meta_nueva(request):
    inicial = {"periodo": request.GET.get("periodo", ""), "cartera": request.GET.get("cartera")}
    form = MetaForm(request.POST or None, initial=inicial)
    if request.method == "POST" and form.is_valid():
        try:
            meta = meta_fijar(**form.cleaned_data, usuario=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Meta fijada: {NOMBRES[meta.indicador]}.")
            return _a_la_lista(meta)
    return render(request, "cobranza/reportes/meta_form.html", {"form": form, "meta": None})


@requiere(EDITAR)
def meta_editar(request, pk):
    meta = get_object_or_404(Meta.objects.select_related("cartera", "fijada_por"), pk=pk)
    form = ValorForm(request.POST or None, initial={"valor": meta.valor})
    if request.method == "POST" and form.is_valid():
        try:
            meta = meta_cambiar(meta=meta, valor=form.cleaned_data["valor"], usuario=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Meta cambiada: {NOMBRES[meta.indicador]}.")
            return _a_la_lista(meta)
    return render(
        request,
        "cobranza/reportes/meta_form.html",
        {"form": form, "meta": meta, "historial": historial_de(meta)},
    )


# --- stored files -----------------------------------------------------------------------

TIPOS_DE_ARCHIVO = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@requiere(VER)
def reporte_guardado_archivo(request, tipo, cartera, periodo, formato):
    """The stored PDF or XLSX of a report, as generated at its cut-off."""
    if formato not in TIPOS_DE_ARCHIVO:
        raise Http404("Formato no disponible: use pdf o xlsx.")
    try:
        mes = periodo_leer(periodo)
    except ValidationError as exc:
        raise Http404(" ".join(exc.messages)) from exc
    reporte = (
        ReporteGuardado.objects.select_related("cartera")
        .filter(tipo=tipo, cartera__in=Cartera.objects.filter(clave=cartera), periodo=mes)
        .first()
    )
    if reporte is None:
        raise Http404("Ese reporte aún no se ha generado.")
    archivo = getattr(reporte, formato)
    if not archivo:
        reporte = reporte_archivos_completar(reporte)
        archivo = getattr(reporte, formato)
    respuesta = HttpResponse(contenido_de(archivo), content_type=TIPOS_DE_ARCHIVO[formato])
    nombre = f"{reporte.tipo}-{reporte.cartera.clave}-{reporte.periodo:%Y-%m}.{formato}"
    respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
    return respuesta
