"""cobranza's models, gathered from its subdomains (<subdomain>/models.py) so that the app
label and the tables stay `cobranza`: the ledger (libro), collection work (gestiones),
assigned cartera (asignacion), listas de morosos (morosos), the PEC (pec), cortes, reports
(reportes), atención al público (atencion), cortes de caja (caja), the custody of documents
(archivo) and the runs of scheduled jobs (tareas)."""

from cobranza.archivo.models import (
    Archivo,
    Caja,
    Carpeta,
    Devolucion,
    Documento,
    Escaneo,
    Estante,
    Inventario,
    Lectura,
    Legajo,
    Prestamo,
    TipoDocumento,
)
from cobranza.asignacion.models import Asignacion
from cobranza.atencion.models import (
    AreaResponsable,
    Atencion,
    Encuesta,
    Invitacion,
    MotivoAtencion,
    Pregunta,
    Queja,
    Respuesta,
    VinculoAtencion,
)
from cobranza.caja.models import CorteCaja
from cobranza.cortes.models import ExclusionCorte, ListaCorte, OrdenCorte, ReglaProteccion
from cobranza.credito.models import ParcialidadCredito, TablaAmortizacion
from cobranza.exportaciones.models import Exportacion
from cobranza.facturacion.models import (
    CargoPropuesto,
    CorridaFacturacion,
    DescuentoSocial,
    DocumentoDescuento,
    RenglonFacturacion,
)
from cobranza.gestiones.models import Gestion, PromesaPago, Recado
from cobranza.libro.models import (
    CONCEPTOS_PRINCIPAL,
    GRUPO_DE_CONCEPTO,
    Ajuste,
    Aplicacion,
    Cargo,
    Concepto,
    CorridaRecargos,
    Pago,
    Permisos,
    ReversionPago,
    SaldoCuenta,
    Servicio,
)
from cobranza.morosos.models import ListaMorosos, RenglonMorosos
from cobranza.pec.models import (
    DiaInhabil,
    Diligencia,
    Etapa,
    EtapaPEC,
    EventoExpediente,
    Expediente,
    ParametrosPEC,
    Uma,
)
from cobranza.reportes.models import CierreMes, Meta, ReporteGuardado, ResumenMensual
from cobranza.tareas.models import EjecucionTarea

__all__ = [
    "Archivo",
    "Caja",
    "Carpeta",
    "Devolucion",
    "Documento",
    "Escaneo",
    "Estante",
    "Exportacion",
    "Inventario",
    "Lectura",
    "Legajo",
    "Prestamo",
    "TipoDocumento",
    "AreaResponsable",
    "Atencion",
    "Encuesta",
    "Invitacion",
    "MotivoAtencion",
    "Pregunta",
    "Queja",
    "Respuesta",
    "VinculoAtencion",
    "CorteCaja",
    "ParcialidadCredito",
    "TablaAmortizacion",
    "CargoPropuesto",
    "CorridaFacturacion",
    "DescuentoSocial",
    "DocumentoDescuento",
    "RenglonFacturacion",
    "CONCEPTOS_PRINCIPAL",
    "GRUPO_DE_CONCEPTO",
    "Ajuste",
    "Aplicacion",
    "Asignacion",
    "Cargo",
    "Concepto",
    "CorridaRecargos",
    "DiaInhabil",
    "EjecucionTarea",
    "ExclusionCorte",
    "Diligencia",
    "Etapa",
    "EtapaPEC",
    "EventoExpediente",
    "Expediente",
    "Gestion",
    "ListaCorte",
    "ListaMorosos",
    "Meta",
    "OrdenCorte",
    "Pago",
    "ParametrosPEC",
    "Permisos",
    "PromesaPago",
    "Recado",
    "ReglaProteccion",
    "RenglonMorosos",
    "ReporteGuardado",
    "ResumenMensual",
    "CierreMes",
    "ReversionPago",
    "SaldoCuenta",
    "Servicio",
    "Uma",
]
