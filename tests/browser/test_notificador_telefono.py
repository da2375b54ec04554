"""User story: a notificador, on a phone in the street, records a requerimiento de pago
delivered to the titular's daughter after leaving a citatorio the day before."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from cobranza.demo.pec import pec_demo_crear
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto, Diligencia
from cobranza.pec.services import diligencia_notificar, etapa_avanzar, expedientes_abrir
from tests.factories import CarteraFactory, CuentaFactory

HMO = ZoneInfo("America/Hermosillo")


def _requerimiento_por_notificar(supervisor, notificador):
    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    cuenta = CuentaFactory(cartera=cartera, domicilio="Av. Obregón 123", colonia="Centro")
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.CONSUMO_AGUA,
        monto="8400.00",
        periodo=date(2026, 1, 1),
        fecha_emision=date(2026, 1, 1),
        fecha_vencimiento=date(2026, 1, 20),
    )
    (expediente,), _ = expedientes_abrir(
        cuenta_ids=[cuenta.pk], usuario=supervisor, dia=date(2026, 10, 5)
    )
    diligencia_notificar(
        diligencia=expediente.diligencias.get(),
        notificador=notificador,
        resultado="personal",
        notificada=datetime(2026, 10, 6, 10, tzinfo=HMO),
    )
    requerimiento = etapa_avanzar(expediente=expediente, usuario=supervisor, dia=date(2026, 10, 21))
    requerimiento.notificador = notificador
    requerimiento.save(update_fields=["notificador"])
    return requerimiento


def test_notificador_registra_requerimiento_con_citatorio(pagina_telefono, entrar, crear_usuario):
    notificador = crear_usuario("notificador")
    requerimiento = _requerimiento_por_notificar(crear_usuario("supervisor"), notificador)
    pagina = pagina_telefono
    entrar(pagina, notificador)
    pagina.click("#mis-diligencias")
    pagina.click(f"#diligencias >> text={requerimiento.folio}")
    assert "Requerimiento de pago" in pagina.inner_text("h1")

    pagina.check("input[name=resultado][value=tercero]")
    pagina.fill("#id_notificada", "2026-10-22T09:30")
    pagina.check("#id_hubo_citatorio")
    pagina.fill("#id_citatorio", "2026-10-21T16:00")
    pagina.fill("#id_recibio_nombre", "María Soto")
    pagina.fill("#id_recibio_relacion", "Hija")
    pagina.fill("#id_notas", "Se identificó con credencial de elector.")
    pagina.click("button:has-text('Registrar diligencia')")

    assert "registrada" in pagina.inner_text(".mensajes")
    assert requerimiento.folio not in pagina.inner_text("#diligencias")
    requerimiento = Diligencia.objects.select_related("gasto").get(pk=requerimiento.pk)
    assert requerimiento.resultado == "tercero" and requerimiento.recibio_nombre == "María Soto"
    assert requerimiento.citatorio == datetime(2026, 10, 21, 16, tzinfo=HMO)
    assert str(requerimiento.gasto.monto) == "226.28"  # 2 % of 8,400.00 is below 2 UMA
