"""The discounts report: every discount booked in a period (convenios signed with a quita),
by whom it was captured and authorised and under which authority; on screen or as XLSX."""

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render

from cobranza.libro.selectors import cuentas_visibles
from convenios.reportes.exports import descuentos_xlsx, nombre_de
from convenios.reportes.forms import DescuentosForm
from convenios.reportes.selectors import autoridad_del_descuento, descuentos_otorgados
from padron.permisos import requiere_alguno

POR_PAGINA = 50
LEEN_EL_REPORTE = ("cobranza.ver_reportes", "convenios.autorizar_convenio")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def totales_de(convenios):
    """Count and sums of the report's rows, in one SQL aggregate."""
    cero = Value(0, output_field=DecimalField(max_digits=14, decimal_places=2))
    return convenios.order_by().aggregate(
        convenios=Count("pk"),
        adeudo=Coalesce(Sum("adeudo"), cero),
        descuento=Coalesce(Sum("descuento"), cero),
        total=Coalesce(Sum("total"), cero),
    )


def _filas(pagina):
    return [
        {
            "c": convenio,
            "capturo": nombre_de(convenio.capturado_por),
            "autorizo": nombre_de(convenio.autorizado_por),
            "autoridad": autoridad_del_descuento(convenio),
        }
        for convenio in pagina
    ]


@requiere_alguno(*LEEN_EL_REPORTE)
def descuentos(request):
    form = DescuentosForm(request.GET)
    if not form.is_valid():
        contexto = {"form": form, "filas": [], "totales": None}
        return render(request, "convenios/descuentos.html", contexto, status=400)
    desde, hasta = form.cleaned_data["desde"], form.cleaned_data["hasta"]
    convenios = descuentos_otorgados(
        desde=desde, hasta=hasta, cartera=form.cleaned_data["cartera"]
    ).filter(cuenta__in=cuentas_visibles(request.user))
    totales = totales_de(convenios)
    if request.GET.get("formato") == "xlsx":
        contenido = descuentos_xlsx(convenios, totales, desde=desde, hasta=hasta)
        respuesta = HttpResponse(contenido, content_type=XLSX)
        nombre = f"descuentos-{desde:%Y-%m-%d}-al-{hasta:%Y-%m-%d}.xlsx"
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre}"'
        return respuesta
    paginador = Paginator(convenios, POR_PAGINA)
    paginador.count = totales["convenios"]  # already counted with the sums
    pagina = paginador.get_page(request.GET.get("pagina"))
    contexto = {
        "form": form,
        "desde": desde,
        "hasta": hasta,
        "pagina": pagina,
        "filas": _filas(pagina),
        "totales": totales,
        "consulta": _sin(form.data, "pagina", "formato"),
        "consulta_xlsx": _sin(form.data, "pagina", "formato", formato="xlsx"),
    }
    return render(request, "convenios/descuentos.html", contexto)


def _sin(parametros, *quitar, **poner):
    copia = parametros.copy()
    for nombre in quitar:
        copia.pop(nombre, None)
    for nombre, valor in poner.items():
        copia[nombre] = valor
    return copia.urlencode()
