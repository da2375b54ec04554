"""The document types an organismo starts with (editable in the admin)."""

from django.db import migrations

TIPOS = (
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


def crear(apps, schema_editor):
    Tipo = apps.get_model("cobranza", "TipoDocumento")
    for orden, (clave, nombre, generado) in enumerate(TIPOS, start=1):
        Tipo.objects.get_or_create(
            clave=clave, defaults={"nombre": nombre, "generado": generado, "orden": orden}
        )


class Migration(migrations.Migration):
    dependencies = [("cobranza", "0019_archivo")]
    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
