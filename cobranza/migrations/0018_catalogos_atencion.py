"""The motivos de atención and áreas responsables an organismo starts with (editable later)."""

from django.db import migrations

MOTIVOS = (
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
AREAS = (
    "Atención a usuarios",
    "Cobranza",
    "Comercialización",
    "Operación",
    "Crédito educativo",
)


def crear(apps, schema_editor):
    Motivo = apps.get_model("cobranza", "MotivoAtencion")
    Area = apps.get_model("cobranza", "AreaResponsable")
    for orden, nombre in enumerate(MOTIVOS, start=1):
        Motivo.objects.get_or_create(nombre=nombre, defaults={"orden": orden})
    for nombre in AREAS:
        Area.objects.get_or_create(nombre=nombre)


class Migration(migrations.Migration):
    dependencies = [("cobranza", "0017_atencion")]
    operations = [migrations.RunPython(crear, migrations.RunPython.noop)]
