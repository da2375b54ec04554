"""The catalogs an organismo starts with: document types, motivos de atención, áreas.

Migrations 0018 and 0020 load them once; this post_migrate hook puts them back only where a
table is empty (a test database flushed between transactional tests), never over what an
administrator edited."""

TIPOS_DE_DOCUMENTO = (
    # (clave, nombre, lo genera el sistema)
    ("convenio", "Convenio de pago", True),
    ("pagare", "Pagaré", True),
    ("citatorio", "Citatorio", True),
    ("acta", "Acta de diligencia", True),
    ("requerimiento", "Requerimiento de pago", True),
    ("constancia", "Constancia de no adeudo", True),
    ("carta_credito", "Carta de inicio de recuperación", True),
    ("ine", "Identificación oficial (INE)", False),
    ("comprobante_domicilio", "Comprobante de domicilio", False),
    ("estudio_socioeconomico", "Estudio socioeconómico", False),
    ("contrato_credito", "Contrato de crédito educativo", False),
    ("otro", "Otro documento", False),
)
MOTIVOS_DE_ATENCION = (
    "Consulta de saldo",
    "Pago",
    "Convenio de pago",
    "Aclaración de cobro",
    "Reporte de servicio (fuga, falta de agua)",
    "Trámite del crédito educativo",
    "Queja o sugerencia",
    "Información general",
    "Otro",
)
AREAS_RESPONSABLES = (
    "Atención a usuarios",
    "Cobranza",
    "Comercialización",
    "Operación",
    "Crédito educativo",
)


def catalogos_crear(sender=None, **kwargs):
    from cobranza.models import AreaResponsable, MotivoAtencion, TipoDocumento

    if not TipoDocumento.objects.exists():
        TipoDocumento.objects.bulk_create(
            TipoDocumento(clave=clave, nombre=nombre, generado=generado, orden=orden)
            for orden, (clave, nombre, generado) in enumerate(TIPOS_DE_DOCUMENTO, start=1)
        )
    if not MotivoAtencion.objects.exists():
        MotivoAtencion.objects.bulk_create(
            MotivoAtencion(nombre=nombre, orden=orden)
            for orden, nombre in enumerate(MOTIVOS_DE_ATENCION, start=1)
        )
    if not AreaResponsable.objects.exists():
        AreaResponsable.objects.bulk_create(AreaResponsable(nombre=n) for n in AREAS_RESPONSABLES)
