from django.apps import AppConfig


class ConveniosConfig(AppConfig):
    name = "convenios"
    verbose_name = "Convenios"

    def ready(self):
        from cobranza.services.aplicacion import preferencias_de_pago
        from cobranza.signals import pago_registrado, pago_revertido

        from .services.abonos import (
            al_registrar_pago,
            al_revertir_pago,
            cargos_del_convenio_primero,
        )

        pago_registrado.connect(al_registrar_pago, dispatch_uid="convenios.abonos.pago")
        pago_revertido.connect(al_revertir_pago, dispatch_uid="convenios.abonos.reversion")
        preferencias_de_pago.append(cargos_del_convenio_primero)
