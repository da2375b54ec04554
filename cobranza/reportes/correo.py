"""The monthly e-mail to gerencia: the month's reports of every active cartera are stored,
then one message goes to the active users of the `gerencia` group that have an e-mail,
with the recuperación PDF of each cartera attached."""

from datetime import date

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage

from cobranza.reportes.comun import mes_de
from cobranza.reportes.guardados import contenido_de, reportes_del_mes
from cobranza.reportes.recuperacion_reporte import TIPO as RECUPERACION
from padron.dinero import formato_pesos

GRUPO = "gerencia"


def destinatarios_gerencia() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(groups__name=GRUPO, is_active=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def _porcentaje(valor) -> str:
    return "sin cartera vencida al inicio" if valor is None else f"{valor} %"


def _linea(reporte) -> str:
    cifras = reporte.datos.get("cifras", {})
    regularizadas = cifras.get("cuentas_regularizadas", 0)
    return (
        f"- {reporte.datos['cartera']['nombre']}: recuperación "
        f"{_porcentaje(cifras.get('porcentaje'))}; cobrado de cartera vencida "
        f"{formato_pesos(cifras.get('cobrado_vencido'))} de "
        f"{formato_pesos(cifras.get('vencido_inicio'))} vencidos al inicio del mes; "
        f"rezago {formato_pesos(cifras.get('rezago'))}; "
        f"{regularizadas} cuenta{'s' if regularizadas != 1 else ''} "
        f"regularizada{'s' if regularizadas != 1 else ''}."
    )


def correo_de_reportes(periodo: date, reportes: list, destinatarios: list) -> EmailMessage:
    mes = mes_de(periodo)
    recuperacion = [r for r in reportes if r.tipo == RECUPERACION]
    cuerpo = "\n".join(
        [
            "Buenos días:",
            "",
            f"Se generaron los reportes de cobranza de {mes.nombre}. Recuperación por cartera:",
            "",
            *(_linea(r) for r in recuperacion),
            "",
            "Se adjunta el PDF de recuperación mensual de cada cartera. Los demás reportes "
            "(estadísticas de deudores, comparativo de facturación) y las versiones en XLSX "
            "están en el sistema.",
            "",
            "Mensaje automático del sistema de cartera vencida.",
        ]
    )
    mensaje = EmailMessage(
        subject=f"Reportes de cobranza de {mes.nombre}", body=cuerpo, to=destinatarios
    )
    for reporte in recuperacion:
        nombre = f"recuperacion-{reporte.datos['cartera']['clave']}-{mes.texto}.pdf"
        mensaje.attach(nombre, contenido_de(reporte.pdf), "application/pdf")
    return mensaje


def reportes_mensuales_enviar(*, periodo: date, usuario=None) -> dict:
    """Store the month's reports (those already stored are kept) and e-mail gerencia."""
    reportes = reportes_del_mes(periodo, usuario=usuario)
    destinatarios = destinatarios_gerencia()
    if destinatarios:
        correo_de_reportes(periodo, reportes, destinatarios).send()
    return {
        "periodo": f"{periodo:%Y-%m}",
        "reportes": len(reportes),
        "destinatarios": len(destinatarios),
    }
