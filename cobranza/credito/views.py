"""Pages of the educational credit in the ledger: the cuenta page's section with the
schedule (what is paid, vencido and por vencer), the letter of start of recovery, and the
Coordinador de Seguimiento's report of the credit cartera (page, PDF, XLSX)."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from cobranza.credito import reporte
from cobranza.credito.selectors import mensualidades, tabla_vigente
from cobranza.libro.selectors import cuentas_visibles
from cobranza.reportes.archivos import XLSX, nombre_archivo, reporte_pdf, reporte_xlsx
from cobranza.reportes.comun import periodo_de_reporte, periodo_por_omision
from padron.dinero import CERO
from padron.fechas import hoy
from padron.membrete import membrete, textos_de_institucion
from padron.models import Cartera
from padron.pdf import pdf_desde_plantilla, respuesta_pdf
from padron.permisos import requiere


def seccion_credito(request, cuenta):
    """The cuenta page's section (registered in cobranza/apps.py): the current schedule."""
    if cuenta.cartera.tipo != Cartera.Tipo.CREDITO:
        return None
    tabla = tabla_vigente(cuenta)
    credito = getattr(cuenta, "credito", None)
    if tabla is None and credito is None:
        return None
    meses = mensualidades(tabla, hoy()) if tabla else []
    return {
        "plantilla": "cobranza/credito/_seccion.html",
        "credito": credito,
        "tabla": tabla,
        "mensualidades": meses,
        "por_vencer": sum((m["adeudo"] for m in meses if m["estado"] == "por vencer"), CERO),
        "vencido": sum((m["adeudo"] for m in meses if m["estado"] == "vencida"), CERO),
        "ver_beneficiario": request.user.has_perm("padron.gestionar_beneficiarios"),
    }


def _cuenta_con_tabla(request, numero):
    cuenta = get_object_or_404(
        cuentas_visibles(request.user).filter(cartera__tipo=Cartera.Tipo.CREDITO), numero=numero
    )
    tabla = tabla_vigente(cuenta)
    if tabla is None:
        raise Http404("La cuenta no tiene tabla de amortización: su recuperación no ha empezado.")
    return cuenta, tabla


@requiere("padron.ver_padron")
def carta_inicio(request, numero):
    """The printable notice of start of recovery, with the whole schedule."""
    cuenta, tabla = _cuenta_con_tabla(request, numero)
    contexto = {
        "cuenta": cuenta,
        "tabla": tabla,
        "parcialidades": list(tabla.parcialidades.order_by("numero")),
        "credito": getattr(cuenta, "credito", None),
        **textos_de_institucion(cuenta.cartera),
        "membrete": membrete(cuenta.cartera),
        "fecha": hoy(),
    }
    contenido = pdf_desde_plantilla("cobranza/credito/carta_inicio_pdf.html", contexto)
    return respuesta_pdf(contenido, f"inicio-recuperacion-{numero}.pdf")


@requiere("padron.gestionar_beneficiarios")
def reportes(request):
    carteras = Cartera.objects.filter(tipo=Cartera.Tipo.CREDITO).order_by("nombre")
    clave = request.GET.get("cartera") or next((c.clave for c in carteras), "")
    texto_periodo = request.GET.get("periodo") or f"{periodo_por_omision():%Y-%m}"
    contexto = {"carteras": carteras, "cartera_clave": clave, "periodo": texto_periodo}
    cartera = next((c for c in carteras if c.clave == clave), None)
    try:
        if cartera is None:
            raise ValidationError({"cartera": "Elija una cartera de crédito educativo."})
        periodo = periodo_de_reporte(texto_periodo)
    except ValidationError as exc:
        contexto["errores"] = [m for mensajes in exc.message_dict.values() for m in mensajes]
        return render(request, "cobranza/credito/reportes.html", contexto, status=400)
    datos = reporte.calcular(cartera, periodo)
    formato = request.GET.get("formato")
    if formato == "pdf":
        return respuesta_pdf(
            reporte_pdf(reporte.TIPO, datos), nombre_archivo(datos, "pdf"), descargar=True
        )
    if formato == "xlsx":
        respuesta = HttpResponse(reporte_xlsx(reporte.TIPO, datos), content_type=XLSX)
        respuesta["Content-Disposition"] = f'attachment; filename="{nombre_archivo(datos, "xlsx")}"'
        return respuesta
    contexto["datos"] = datos
    return render(request, "cobranza/credito/reportes.html", contexto)
