"""User story: a supervisor generates a lista de corte and assigns its route to a cortador; the
cortador loads the route on the phone, loses signal in the street, records an executed cut
and a «no localizado», and the results arrive once when the signal returns; then the titular
pays at caja and a reconexión order appears on the cortador's route."""

import json
from datetime import timedelta
from decimal import Decimal

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, OrdenCorte, Pago
from padron.fechas import hoy, sumar_meses
from padron.models import Cuenta
from tests.factories import CarteraFactory, CuentaFactory

D = Decimal


def _morosa(cartera, numero, domicilio):
    cuenta = CuentaFactory(cartera=cartera, numero=numero, domicilio=domicilio, ruta="101")
    inicio = hoy().replace(day=1)
    for atras in (3, 2, 1):
        periodo = sumar_meses(inicio, -atras)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="500.00",
            periodo=periodo,
            fecha_emision=periodo,
            fecha_vencimiento=periodo + timedelta(days=19),
        )
    return cuenta


def _cartera_con_morosos():
    cartera = CarteraFactory(umbral_corte_meses=2)
    cartera.tarifa_reconexion = D("350.00")
    cartera.save()
    _morosa(cartera, "20001", "Calle Juárez 10")
    _morosa(cartera, "20002", "Calle Hidalgo 25")
    return cartera


def _supervisor_genera_y_asigna(pagina, entrar, supervisor, cartera, cortador):
    entrar(pagina, supervisor)
    pagina.goto("/cortes/")
    pagina.click("text=Nueva lista")
    pagina.select_option("#id_cartera", str(cartera.pk))
    pagina.click("button:has-text('Vista previa')")
    assert "2 órdenes de corte" in pagina.inner_text("#vista-previa")
    pagina.click("button:has-text('Generar lista de corte')")
    pagina.select_option("#id_ruta", label="Sector 1 · ruta 101")
    pagina.select_option("#id_cortador", str(cortador.pk))
    pagina.click("#asignar button:has-text('Asignar')")
    ordenes = OrdenCorte.objects.filter(cortador=cortador).order_by("orden_ruta")
    # walking order: by domicilio within the route
    assert [o.cuenta.domicilio for o in ordenes] == ["Calle Hidalgo 25", "Calle Juárez 10"]
    pagina.click(".menu-boton")  # phone-sized: the menu is folded
    pagina.click("button:has-text('Salir')")
    hidalgo, juarez = ordenes
    return juarez, hidalgo


def _tarjeta(pagina, folio):
    return pagina.locator(f"#ordenes li[data-folio='{folio}']")


def _salida(pagina, usuario):
    return pagina.evaluate(f"localStorage.getItem('cortador:{usuario.username}:salida')")


def test_el_cortador_trabaja_sin_senal_y_los_resultados_llegan_una_vez(
    pagina_telefono, entrar, crear_usuario
):
    cortador = crear_usuario("cortador")
    pagina = pagina_telefono
    juarez, hidalgo = _supervisor_genera_y_asigna(
        pagina, entrar, crear_usuario("supervisor"), _cartera_con_morosos(), cortador
    )
    respuestas = []
    pagina.on("response", lambda r: respuestas.append(r.status) if "/resultado/" in r.url else None)
    entrar(pagina, cortador)

    # With signal: the route is downloaded and the page is kept by the service worker.
    pagina.goto("/cortador/")
    pagina.wait_for_function(
        "document.querySelector('#ruta-info').textContent.includes('2 órdenes')"
    )
    pagina.wait_for_function("navigator.serviceWorker.controller !== null")
    assert "Calle Juárez 10" in _tarjeta(pagina, juarez.folio).inner_text()

    # In the street, without signal: even a reload still shows the route.
    pagina.context.set_offline(True)
    pagina.reload()
    pagina.wait_for_function(
        "document.querySelector('#ruta-info').textContent.includes('2 órdenes')"
    )
    assert "Sin conexión" in pagina.inner_text("#red")
    assert "Calle Hidalgo 25" in _tarjeta(pagina, hidalgo.folio).inner_text()

    _tarjeta(pagina, juarez.folio).locator("button.btn-ejecutada").click()
    assert pagina.locator("#aviso-foto").is_visible()  # no photo without signal, it says so
    pagina.fill("#ej-lectura", "1234.5")
    pagina.fill("#ej-notas", "Se cerró la llave de paso")
    pagina.click("#form-ejecutada button[type=submit]")
    _tarjeta(pagina, hidalgo.folio).locator("button.btn-no-ejecutada").click()
    pagina.select_option("#ne-motivo", "no_localizado")
    pagina.click("#form-no-ejecutada button[type=submit]")

    for orden in (juarez, hidalgo):
        assert "pendiente de enviar" in _tarjeta(pagina, orden.folio).inner_text()
    assert pagina.locator("#salida li").count() == 2
    salida = _salida(pagina, cortador)
    assert OrdenCorte.objects.filter(estado="pendiente").count() == 2  # nothing arrived

    # The signal returns: the outbox empties and each result arrives once.
    pagina.context.set_offline(False)
    pagina.wait_for_function("document.querySelector('#salida-seccion').hidden")
    pagina.wait_for_function(
        "document.querySelector('#ruta-info').textContent.includes('0 órdenes')"
    )
    assert pagina.locator("#enviadas li").count() == 2
    assert respuestas == [201, 201]

    juarez.refresh_from_db()
    hidalgo.refresh_from_db()
    assert (juarez.estado, juarez.lectura) == ("ejecutada", D("1234.50"))
    assert juarez.notas == "Se cerró la llave de paso"
    assert (hidalgo.estado, hidalgo.motivo_no_ejecutada) == ("no_ejecutada", "no_localizado")
    claves = {item["folio"]: item["clave"] for item in json.loads(salida)}
    assert juarez.clave_resultado == claves[juarez.folio]
    assert hidalgo.clave_resultado == claves[hidalgo.folio]
    # a domestic user: the cartera only reduces its supply
    assert juarez.accion == "reduccion"
    assert Cuenta.objects.get(pk=juarez.cuenta_id).estado == "restringida"
    historial = OrdenCorte.history.count()

    # The phone lost the answers and sends the same outbox again: nothing is recorded twice.
    pagina.evaluate(
        "([clave, valor]) => localStorage.setItem(clave, valor)",
        [f"cortador:{cortador.username}:salida", salida],
    )
    pagina.evaluate("window.dispatchEvent(new Event('online'))")
    pagina.wait_for_function(
        f"localStorage.getItem('cortador:{cortador.username}:salida') === '[]'"
    )
    assert respuestas == [201, 201, 200, 200]  # «already recorded with this clave»
    assert OrdenCorte.history.count() == historial
    juarez_otra_vez = OrdenCorte.objects.get(pk=juarez.pk)
    assert juarez_otra_vez.registrada == juarez.registrada

    # The titular pays at caja: the reconexión appears on the cortador's route.
    pago_registrar(
        cuenta=juarez.cuenta,
        monto="1500.00",
        registrado_por=crear_usuario("caja"),
        canal=Pago.Canal.CAJA,
    )
    reconexion = OrdenCorte.objects.get(tipo="reconexion")
    assert reconexion.origen == juarez and reconexion.cortador == cortador
    assert reconexion.cargo_reconexion.monto == D("350.00")
    pagina.reload()
    tarjeta = _tarjeta(pagina, reconexion.folio)
    tarjeta.wait_for()
    assert "Reconexión" in tarjeta.inner_text() and "Calle Juárez 10" in tarjeta.inner_text()
