from django.apps import AppConfig


class ConveniosConfig(AppConfig):
    name = "convenios"
    verbose_name = "Convenios"

    def ready(self):
        from cobranza.caja import registro as caja
        from cobranza.libro.secciones import SECCIONES_DE_CUENTA, seccion_de_cuenta
        from cobranza.libro.services.aplicacion import preferencias_de_pago
        from cobranza.signals import demo_sembrada, pago_registrado, pago_revertido
        from convenios.archivo import registrar as registrar_archivo
        from convenios.atencion import registrar as registrar_atencion
        from convenios.cortes import registrar_reglas_de_corte
        from convenios.cuenta import seccion_convenios
        from convenios.expediente import registrar as registrar_expediente
        from convenios.linea_de_tiempo import registrar as registrar_linea_de_tiempo
        from convenios.morosos import registrar_exclusion_de_morosos
        from convenios.politicas.demo import politicas_demo_crear
        from convenios.reportes.seccion import registrar as registrar_reportes
        from convenios.services.abonos import (
            DE_CONVENIO_VIVO,
            al_registrar_pago,
            al_revertir_pago,
            cargo_de_convenio_vivo,
            pagado_por_el_pago,
            parcialidad_por_pagar,
        )

        pago_registrado.connect(al_registrar_pago, dispatch_uid="convenios.abonos.pago")
        pago_revertido.connect(al_revertir_pago, dispatch_uid="convenios.abonos.reversion")
        preferencias_de_pago[DE_CONVENIO_VIVO] = cargo_de_convenio_vivo()
        caja.registrar(
            parcialidad_por_pagar=parcialidad_por_pagar, pagado_por_el_pago=pagado_por_el_pago
        )
        demo_sembrada.connect(politicas_demo_crear, dispatch_uid="convenios.politicas.demo")
        if seccion_convenios not in SECCIONES_DE_CUENTA:
            seccion_de_cuenta(seccion_convenios)
        registrar_linea_de_tiempo()
        registrar_exclusion_de_morosos()
        registrar_reglas_de_corte()
        registrar_reportes()
        registrar_atencion()
        registrar_expediente()
        registrar_archivo()
