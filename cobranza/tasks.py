"""cobranza's Celery tasks, gathered from its subdomains (<subdomain>/tasks.py) so that
`autodiscover_tasks` finds them. Each keeps the name `cobranza.tasks.<task>`, the one beat's
schedule and the runs on /tareas/ know it by."""

from cobranza.archivo.tasks import recordar_prestamos_vencidos
from cobranza.cortes.tasks import barrer_ordenes_corte
from cobranza.credito.tasks import mensualidades_credito
from cobranza.exportaciones.tasks import generar_exportacion
from cobranza.facturacion.tasks import recordar_descuentos_sociales
from cobranza.gestiones.tasks import revisar_promesas
from cobranza.libro.tasks import conciliar_saldos, generar_recargos_mensuales
from cobranza.reportes.tasks import reportes_mensuales, tablero_calentar

__all__ = [
    "barrer_ordenes_corte",
    "conciliar_saldos",
    "generar_exportacion",
    "generar_recargos_mensuales",
    "mensualidades_credito",
    "recordar_descuentos_sociales",
    "recordar_prestamos_vencidos",
    "reportes_mensuales",
    "revisar_promesas",
    "tablero_calentar",
]
