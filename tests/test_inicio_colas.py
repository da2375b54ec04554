# ruff: noqa: F811 (the convenios fixtures are imported by name and asked for as arguments)
"""Each role's home page is its work queue: what is due today, what waits for this person,
in words when there is nothing, a few queries per card whatever the size of the queue."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from cobranza.gestiones.services import gestion_registrar, recado_tomar
from cobranza.models import Asignacion, EjecucionTarea, Gestion, OrdenCorte
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from padron.fechas import ahora
from tests.convenios.conftest import HOY, deudor, politica  # noqa: F401 (fixtures)
from tests.factories import CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY.isoformat())]

D = Decimal


def _inicio(client, usuario, rol):
    client.force_login(usuario)
    respuesta = client.get(reverse("inicio_rol", args=[rol]))
    assert respuesta.status_code == 200
    return respuesta.content.decode()


def _promesa(cuenta, usuario, fecha, monto="500.00"):
    return gestion_registrar(
        cuenta=cuenta,
        usuario=usuario,
        tipo=Gestion.Tipo.LLAMADA_REALIZADA,
        resultado=Gestion.Resultado.PROMESA,
        promesa_monto=monto,
        promesa_fecha=fecha,
    )


def test_ventanilla_vacia_lo_dice_en_palabras(client, crear_usuario):
    html = _inicio(client, crear_usuario("ventanilla"), "ventanilla")
    assert "No hay promesas que venzan hoy." in html
    assert "No hay convenios autorizados esperando la firma." in html
    assert "No hay convenios firmados esperando el enganche." in html
    assert "No tiene recados sin leer." in html


def test_ventanilla_ve_sus_pendientes_del_dia(
    client,
    crear_usuario,
    deudor,
    politica,
    django_assert_max_num_queries,
):
    ana = crear_usuario("ventanilla", first_name="Ana", last_name="Moreno")
    otra = CuentaFactory(cartera=politica["cartera"])
    _promesa(otra, ana, HOY, "450.00")
    convenio = convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=ana,
        terminos=Terminos(numero_parcialidades=2, descuento_recargos_pct=D("0")),
        dia=HOY,
    )
    convenio_firmar(convenio=convenio, usuario=ana, dia=HOY)
    recado_tomar(
        para=ana, de="Sra. López", telefono="6621234567", mensaje="Llamar mañana", tomado_por=ana
    )

    client.force_login(ana)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("inicio_rol", args=["ventanilla"])).content.decode()

    assert 'Promesas de pago que vencen hoy <span class="cuenta-cola">(1)</span>' in html
    assert "prometió $450.00" in html
    assert reverse("cobranza:cuenta", args=[otra.numero]) in html
    assert 'Convenios esperando el enganche <span class="cuenta-cola">(1)</span>' in html
    assert "será vigente cuando se pague el enganche de $660.00" in html
    assert reverse("convenios:convenio", args=[convenio.folio]) in html
    assert "De Sra. López" in html and "Llamar mañana" in html


def test_las_consultas_no_crecen_con_la_cola(
    client,
    crear_usuario,
    politica,
    django_assert_max_num_queries,
):
    ana = crear_usuario("ventanilla")
    for _ in range(12):
        _promesa(CuentaFactory(cartera=politica["cartera"]), ana, HOY)
    client.force_login(ana)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("inicio_rol", args=["ventanilla"])).content.decode()
    assert "(12)</span>" in html
    assert html.count("prometió $500.00") == 5  # the first few, "ver todos" for the rest
    assert "Ver todos" in html


def test_el_supervisor_ve_por_que_espera_cada_autorizacion(
    client,
    crear_usuario,
    deudor,
    politica,
    django_assert_max_num_queries,
):
    convenio_capturar(
        cuenta=deudor,
        alternativa=politica["parcialidades"],
        capturado_por=crear_usuario("ventanilla"),
        terminos=Terminos(numero_parcialidades=8),
        dia=HOY,
    )
    EjecucionTarea.objects.create(
        tarea="cobranza.tasks.aplicar_recargos",
        clave="2026-03",
        estado=EjecucionTarea.Estado.FALLIDA,
        inicio=ahora() - timedelta(days=1),
        resultado="Traceback ... /app/cobranza/libro/services.py",
    )
    supervisor = crear_usuario("supervisor")
    client.force_login(supervisor)
    with django_assert_max_num_queries(60):
        html = client.get(reverse("inicio_rol", args=["supervisor"])).content.decode()

    assert 'Convenios por autorizar <span class="cuenta-cola">(1)</span>' in html
    assert "8 parcialidades exceden las 6 que otorga ventanilla" in html
    assert "Listas de morosos por generar" in html
    assert "sin lista de morosos de marzo de 2026" in html
    assert 'Tareas que fallaron en los últimos 7 días <span class="cuenta-cola">(1)</span>' in html
    assert "cobranza.tasks" not in html and "Traceback" not in html


def test_el_abogado_ve_sus_cuentas_con_la_siguiente_accion(
    client,
    crear_usuario,
    politica,
):
    abogado = crear_usuario("abogado_externo")
    supervisor = crear_usuario("supervisor")
    con_promesa = CuentaFactory(cartera=politica["cartera"])
    sin_nada = CuentaFactory(cartera=politica["cartera"])
    ajena = CuentaFactory(cartera=politica["cartera"])
    for cuenta in (con_promesa, sin_nada):
        Asignacion.objects.create(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor)
    _promesa(con_promesa, abogado, HOY + timedelta(days=3), "800.00")

    html = _inicio(client, abogado, "abogado_externo")
    assert (
        'Sus cuentas asignadas, la más urgente primero <span class="cuenta-cola">(2)</span>' in html
    )
    assert "promesa de $800.00 para el 13/03/2026" in html
    assert "sin acción programada: registre una gestión" in html
    assert html.index(con_promesa.numero) < html.index(sin_nada.numero)
    assert ajena.numero not in html


def test_el_cortador_ve_su_ruta_y_la_liga_a_la_pagina_sin_senal(
    client,
    crear_usuario,
    politica,
):
    cortador = crear_usuario("cortador")
    vacio = _inicio(client, cortador, "cortador")
    assert "No tiene órdenes de corte pendientes." in vacio

    cuenta = CuentaFactory(cartera=politica["cartera"], domicilio="Calle 5 #12")
    OrdenCorte.objects.create(
        folio="OC26-1", accion=OrdenCorte.Accion.SUSPENSION, cuenta=cuenta, cortador=cortador
    )
    html = _inicio(client, cortador, "cortador")
    assert 'Su ruta de corte de hoy <span class="cuenta-cola">(1)</span>' in html
    assert "Calle 5 #12" in html
    assert reverse("cobranza:cortador_ruta") in html


def test_el_notificador_sin_diligencias_lo_dice(client, crear_usuario):
    html = _inicio(client, crear_usuario("notificador"), "notificador")
    assert "No tiene diligencias por notificar." in html


def test_una_promesa_de_ayer_sin_cumplir_aparece_como_vencida(
    client,
    crear_usuario,
    politica,
    reloj,
):
    ana = crear_usuario("ventanilla")
    cuenta = CuentaFactory(cartera=politica["cartera"])
    _promesa(cuenta, ana, HOY)
    reloj.move_to(date(2026, 3, 12).isoformat())
    html = _inicio(client, ana, "ventanilla")
    assert 'Promesas vencidas sin cumplir <span class="cuenta-cola">(1)</span>' in html
    assert "prometió $500.00 para el 10/03/2026" in html
