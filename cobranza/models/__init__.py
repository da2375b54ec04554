"""cobranza's models, by subdomain: the ledger (libro), collection work (gestiones),
assigned cartera (asignacion), morosos lists (morosos) and the PEC (pec)."""

from cobranza.models.asignacion import Asignacion
from cobranza.models.cortes import ExclusionCorte, ListaCorte, OrdenCorte, ReglaProteccion
from cobranza.models.gestiones import Gestion, PromesaPago, Recado
from cobranza.models.libro import (
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
from cobranza.models.morosos import ListaMorosos, RenglonMorosos
from cobranza.models.pec import (
    DiaInhabil,
    Diligencia,
    Etapa,
    EtapaPEC,
    EventoExpediente,
    Expediente,
    ParametrosPEC,
    Uma,
)
from cobranza.models.reportes import EjecucionTarea, Meta, ReporteGuardado

__all__ = [
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
    "ReversionPago",
    "SaldoCuenta",
    "Servicio",
    "Uma",
]
