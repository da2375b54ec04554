from django.db import models


class Permisos(models.Model):  # noqa: DJ008 (no rows, only permissions)
    """Capabilities of collection work, granted to roles in padron/roles.py."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("registrar_pago", "Registrar pagos en caja"),
            ("revertir_pago", "Revertir pagos"),
            ("autorizar_ajuste", "Autorizar bonificaciones, condonaciones y cancelaciones"),
            ("registrar_cargo", "Registrar y autorizar cargos extraordinarios"),
            ("registrar_gestion", "Registrar gestiones, llamadas y recados"),
            ("asignar_cartera", "Asignar cartera a gestores y abogados"),
            ("generar_lista_morosos", "Generar listas de morosos"),
            ("gestionar_pec", "Abrir y avanzar expedientes del PEC"),
            ("registrar_diligencia", "Registrar diligencias y acuses"),
            ("registrar_etapa_legal", "Registrar etapas legales de cuentas asignadas"),
            ("generar_lista_corte", "Generar listas de corte"),
            ("registrar_resultado_corte", "Registrar resultados de órdenes de corte"),
            ("ver_reportes", "Consultar reportes de recuperación"),
            ("editar_metas", "Fijar metas"),
        ]
