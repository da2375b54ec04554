from django.apps import AppConfig


class CobranzaConfig(AppConfig):
    name = "cobranza"
    verbose_name = "Cobranza"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from cobranza.asignacion.views import seccion_asignacion
        from cobranza.catalogos import catalogos_crear
        from cobranza.cortes.services import campo as cortes_campo
        from cobranza.credito import expediente as credito_expediente
        from cobranza.credito import reporte as credito_reporte  # noqa: F401 (registra su tipo)
        from cobranza.credito.services import al_aplicar_tramite
        from cobranza.credito.views import seccion_credito
        from cobranza.demo.archivo import archivo_demo_crear
        from cobranza.demo.atencion import atencion_demo_crear
        from cobranza.demo.caja import caja_demo_crear
        from cobranza.demo.credito import credito_demo_crear
        from cobranza.demo.pec import pec_demo_crear
        from cobranza.demo.reportes import recuperacion_demo_rellenar
        from cobranza.facturacion import procesadores
        from cobranza.gestiones.contexto import avisar_recados
        from cobranza.gestiones.secciones import seccion_gestiones
        from cobranza.libro.secciones import SECCIONES_DE_CUENTA, seccion_de_cuenta
        from cobranza.libro.services import saldos
        from cobranza.libro.services.importacion import procesar_pagos
        from cobranza.pec import expediente as pec_expediente
        from cobranza.pec import services as pec
        from cobranza.reportes import comparativo, estadisticas, recuperacion_reporte  # noqa: F401 (registran sus tipos de reporte)
        from cobranza.signals import demo_sembrada, pago_registrado
        from padron.beneficiarios.services import tramite_aplicado
        from padron.importacion.trabajos import registrar_procesador

        # Payment in full closes the cuenta's expediente.
        pago_registrado.connect(pec.al_registrar_pago, dispatch_uid="cobranza.pec.pago")
        # On payment: cancel a cut that no longer applies, issue the reconexión.
        cortes_campo.conectar()
        demo_sembrada.connect(pec_demo_crear, dispatch_uid="cobranza.demo.pec")
        tramite_aplicado.connect(al_aplicar_tramite, dispatch_uid="cobranza.credito.tramite")
        registrar_procesador("pagos", procesar_pagos, permiso="cobranza.importar_pagos")
        procesadores.registrar()
        demo_sembrada.connect(credito_demo_crear, dispatch_uid="cobranza.demo.credito")
        demo_sembrada.connect(recuperacion_demo_rellenar, dispatch_uid="cobranza.demo.reportes")
        demo_sembrada.connect(atencion_demo_crear, dispatch_uid="cobranza.demo.atencion")
        demo_sembrada.connect(archivo_demo_crear, dispatch_uid="cobranza.demo.archivo")
        demo_sembrada.connect(caja_demo_crear, dispatch_uid="cobranza.demo.caja")
        post_migrate.connect(catalogos_crear, sender=self, dispatch_uid="cobranza.catalogos")
        pec_expediente.registrar()
        saldos.conectar()  # every cuenta has its saldo row from creation
        credito_expediente.registrar()
        user_logged_in.connect(avisar_recados, dispatch_uid="cobranza.recados.login")
        for seccion in (seccion_credito, seccion_asignacion, seccion_gestiones):
            if seccion not in SECCIONES_DE_CUENTA:
                seccion_de_cuenta(seccion)
