"""Assigned cartera: the supervisor assigns accounts in bulk by criteria, reassigns keeping the
history, and reads coverage per gestor; pages and API."""

from datetime import datetime, time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cobranza.asignacion.selectors import cobertura
from cobranza.asignacion.services import (
    asignacion_cambiar,
    asignacion_masiva,
    asignacion_retirar,
    cuentas_por_criterios,
    serie_del_lote,
)
from cobranza.models import Asignacion, Gestion, SaldoCuenta
from padron.fechas import ahora, hoy
from padron.models import Folio
from tests.factories import CarteraCreditoFactory, CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal


def cuenta_con_saldo(cartera=None, vencido="0.00", meses=0, vence=None, **campos):
    """A cuenta and its maintained saldo row (what lists and criteria read)."""
    cuenta = CuentaFactory(cartera=cartera or CarteraFactory(), **campos)
    # The row exists from creation (issue 18); set the figures the test needs.
    SaldoCuenta.objects.filter(cuenta=cuenta).update(
        saldo=D(vencido),
        saldo_vencido=D(vencido),
        meses_vencidos=meses,
        vencimiento_mas_antiguo=vence,
        calculado_al=hoy(),
    )
    return cuenta


def momento(anio, mes, dia, hora=10):
    return timezone.make_aware(datetime.combine(datetime(anio, mes, dia).date(), time(hora)))


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture
def gestor(crear_usuario):
    return crear_usuario("ventanilla")


@pytest.fixture
def abogado(crear_usuario):
    return crear_usuario("abogado_externo")


@pytest.fixture
def cartera():
    return CarteraFactory()


def _asignadas_a(usuario):
    return set(
        Asignacion.objects.filter(asignado_a=usuario, hasta__isnull=True).values_list(
            "cuenta__numero", flat=True
        )
    )


# --- criteria -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("criterio", "entra", "sale"),
    [
        ({"sector": "7"}, {"sector": "7"}, {"sector": "8"}),
        ({"ruta": "701"}, {"ruta": "701"}, {"ruta": "702"}),
        ({"clasificacion": "comercial"}, {"clasificacion": "comercial"}, {}),
        ({"meses_vencidos_min": 3}, {"meses": 3, "vencido": "900.00"}, {"meses": 2}),
        ({"saldo_vencido_min": "1000"}, {"vencido": "1000.00"}, {"vencido": "999.99"}),
        ({"saldo_vencido_max": "5000"}, {"vencido": "5000.00"}, {"vencido": "5000.01"}),
    ],
    ids=["sector", "ruta", "clasificacion", "meses", "minimo", "maximo"],
)
def test_asigna_en_bloque_por_cada_criterio(cartera, supervisor, abogado, criterio, entra, sale):
    dentro = cuenta_con_saldo(cartera, **entra)
    fuera = cuenta_con_saldo(cartera, **sale)
    otra_cartera = cuenta_con_saldo(CarteraCreditoFactory(), **entra)

    resultado = asignacion_masiva(
        criterios={"cartera": cartera.clave, **criterio},
        asignado_a=abogado,
        asignado_por=supervisor,
        motivo="Cartera de difícil cobro",
    )

    assert _asignadas_a(abogado) == {dentro.numero}
    assert resultado.asignadas == 1
    assert fuera.numero not in _asignadas_a(abogado)
    assert otra_cartera.numero not in _asignadas_a(abogado)
    fila = Asignacion.objects.get(cuenta=dentro)
    assert (fila.asignado_por, fila.motivo, fila.lote) == (
        supervisor,
        "Cartera de difícil cobro",
        resultado.lote,
    )


def test_los_criterios_se_combinan_y_el_lote_lleva_folio_del_anio(cartera, supervisor, gestor):
    buenas = [
        cuenta_con_saldo(cartera, vencido="2500.00", meses=4, sector="3", ruta="301")
        for _ in range(3)
    ]
    cuenta_con_saldo(cartera, vencido="2500.00", meses=4, sector="3", ruta="302")
    cuenta_con_saldo(cartera, vencido="2500.00", meses=1, sector="3", ruta="301")

    resultado = asignacion_masiva(
        criterios={
            "cartera": cartera,
            "sector": "3",
            "ruta": "301",
            "meses_vencidos_min": "3",
            "saldo_vencido_min": "2000.00",
            "saldo_vencido_max": "3000.00",
        },
        asignado_a=gestor,
        asignado_por=supervisor,
    )

    assert _asignadas_a(gestor) == {c.numero for c in buenas}
    assert resultado.lote == f"{serie_del_lote()}-000001"
    segundo = asignacion_masiva(
        criterios={"cartera": cartera.clave},
        asignado_a=gestor,
        asignado_por=supervisor,
    )
    assert segundo.lote == f"{serie_del_lote()}-000002"
    assert (segundo.asignadas, segundo.omitidas) == (2, 3)


@pytest.mark.parametrize(
    ("criterios", "campo"),
    [
        ({}, "cartera"),
        ({"cartera": "no-existe"}, "cartera"),
        ({"clasificacion": "residencial"}, "clasificacion"),
        ({"meses_vencidos_min": "tres"}, "meses_vencidos_min"),
        ({"meses_vencidos_min": "-1"}, "meses_vencidos_min"),
        ({"saldo_vencido_min": "mil"}, "saldo_vencido_min"),
        ({"saldo_vencido_min": "5000", "saldo_vencido_max": "100"}, "saldo_vencido_max"),
        ({"colonia": "Centro"}, "colonia"),
    ],
)
def test_un_criterio_invalido_nombra_su_campo(cartera, criterios, campo):
    if criterios and "cartera" not in criterios:
        criterios = {"cartera": cartera.clave, **criterios}
    with pytest.raises(ValidationError) as error:
        cuentas_por_criterios(criterios)
    assert campo in error.value.message_dict


def test_solo_gestores_o_abogados_reciben_cuentas(cartera, supervisor, crear_usuario):
    cuenta_con_saldo(cartera)
    for rol in ("caja", "notificador", "cortador", "gerencia"):
        with pytest.raises(ValidationError) as error:
            asignacion_masiva(
                criterios={"cartera": cartera.clave},
                asignado_a=crear_usuario(rol),
                asignado_por=supervisor,
            )
        assert "asignado_a" in error.value.message_dict
    assert not Asignacion.objects.exists()


def test_sin_cuentas_por_asignar_no_gasta_folio(cartera, supervisor, gestor):
    with pytest.raises(ValidationError, match="Ninguna cuenta"):
        asignacion_masiva(
            criterios={"cartera": cartera.clave, "sector": "99"},
            asignado_a=gestor,
            asignado_por=supervisor,
        )
    folio = Folio.objects.filter(serie=serie_del_lote()).first()
    assert folio is None or folio.ultimo == 0


# --- reassignment ---------------------------------------------------------------------------


def test_sin_reasignar_se_omiten_las_cuentas_que_ya_tienen_responsable(
    cartera, supervisor, gestor, abogado
):
    ya = cuenta_con_saldo(cartera, vencido="800.00")
    asignacion_cambiar(cuenta=ya, asignado_a=gestor, asignado_por=supervisor, motivo="Inicial")
    libre = cuenta_con_saldo(cartera, vencido="900.00")

    resultado = asignacion_masiva(
        criterios={"cartera": cartera.clave}, asignado_a=abogado, asignado_por=supervisor
    )

    assert (resultado.asignadas, resultado.reasignadas, resultado.omitidas) == (1, 0, 1)
    assert _asignadas_a(abogado) == {libre.numero}
    assert _asignadas_a(gestor) == {ya.numero}
    assert Asignacion.objects.filter(cuenta=ya).count() == 1


def test_reasignar_cierra_la_fila_anterior_y_conserva_el_historial(
    cartera, supervisor, gestor, abogado
):
    cuentas = [cuenta_con_saldo(cartera, vencido="1500.00") for _ in range(3)]
    primero = asignacion_masiva(
        criterios={"cartera": cartera.clave}, asignado_a=gestor, asignado_por=supervisor
    )

    segundo = asignacion_masiva(
        criterios={"cartera": cartera.clave},
        asignado_a=abogado,
        asignado_por=supervisor,
        motivo="Turnada a cobro judicial",
        reasignar=True,
    )

    assert (segundo.asignadas, segundo.reasignadas, segundo.omitidas) == (3, 3, 0)
    assert _asignadas_a(abogado) == {c.numero for c in cuentas}
    assert _asignadas_a(gestor) == set()
    for cuenta in cuentas:
        vieja, nueva = Asignacion.objects.filter(cuenta=cuenta).order_by("desde", "pk")
        assert (vieja.asignado_a, vieja.lote) == (gestor, primero.lote)
        assert vieja.hasta is not None and vieja.hasta == nueva.desde
        assert (nueva.asignado_a, nueva.hasta, nueva.lote) == (abogado, None, segundo.lote)


def test_reasignar_no_toca_las_que_ya_son_del_mismo_responsable(cartera, supervisor, gestor):
    cuenta = cuenta_con_saldo(cartera)
    asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="x")
    otra = cuenta_con_saldo(cartera)

    resultado = asignacion_masiva(
        criterios={"cartera": cartera.clave},
        asignado_a=gestor,
        asignado_por=supervisor,
        reasignar=True,
    )

    assert (resultado.asignadas, resultado.reasignadas, resultado.omitidas) == (1, 0, 1)
    assert Asignacion.objects.filter(cuenta=cuenta).count() == 1
    assert _asignadas_a(gestor) == {cuenta.numero, otra.numero}


def test_cambiar_y_retirar_una_cuenta(cartera, supervisor, gestor, abogado):
    cuenta = cuenta_con_saldo(cartera)
    asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="Ruta 1")
    with pytest.raises(ValidationError) as error:
        asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="x")
    assert "asignado_a" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo=" ")
    assert "motivo" in error.value.message_dict

    asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="Juicio")
    cerrada = asignacion_retirar(cuenta=cuenta, retirado_por=supervisor, motivo="Pagó")

    assert cerrada.asignado_a == abogado and cerrada.hasta is not None
    assert "Pagó" in cerrada.motivo
    assert not Asignacion.objects.filter(cuenta=cuenta, hasta__isnull=True).exists()
    assert Asignacion.objects.filter(cuenta=cuenta).count() == 2
    with pytest.raises(ValidationError) as error:
        asignacion_retirar(cuenta=cuenta, retirado_por=supervisor, motivo="Otra vez")
    assert "cuenta" in error.value.message_dict


# --- coverage -------------------------------------------------------------------------------


def _asignar(cuenta, usuario, por, desde, hasta=None):
    return Asignacion.objects.create(
        cuenta=cuenta, asignado_a=usuario, asignado_por=por, desde=desde, hasta=hasta
    )


def _gestion(cuenta, usuario, fecha):
    return Gestion.objects.create(
        cuenta=cuenta,
        tipo="llamada_realizada",
        resultado="contactado",
        usuario=usuario,
        fecha=fecha,
    )


def test_cobertura_por_gestor_en_el_periodo(cartera, supervisor, gestor, abogado, crear_usuario):
    otro = crear_usuario("ventanilla")
    marzo = momento(2026, 3, 1)
    cuentas = [cuenta_con_saldo(cartera) for _ in range(4)]
    for cuenta in cuentas:
        _asignar(cuenta, gestor, supervisor, momento(2026, 2, 15))
    _gestion(cuentas[0], gestor, momento(2026, 3, 2))
    _gestion(cuentas[0], gestor, momento(2026, 3, 20))  # twice: still one cuenta
    _gestion(cuentas[1], gestor, momento(2026, 3, 31, 23))
    _gestion(cuentas[2], otro, momento(2026, 3, 5))  # someone else's gestión
    _gestion(cuentas[3], gestor, momento(2026, 2, 28))  # before the period
    # The lawyer had one cuenta until mid-March, then another from April (outside).
    primera, segunda = cuenta_con_saldo(cartera), cuenta_con_saldo(cartera)
    _asignar(primera, abogado, supervisor, momento(2026, 1, 1), hasta=momento(2026, 3, 15))
    _asignar(segunda, abogado, supervisor, momento(2026, 4, 1))
    _gestion(primera, abogado, momento(2026, 3, 10))
    # Another cartera is left out when filtering.
    credito = cuenta_con_saldo(CarteraCreditoFactory())
    _asignar(credito, gestor, supervisor, marzo)

    filas = {
        f["asignado_a__username"]: f
        for f in cobertura(desde=marzo.date(), hasta=momento(2026, 3, 31).date(), cartera=cartera)
    }

    assert set(filas) == {gestor.username, abogado.username}
    assert (filas[gestor.username]["asignadas"], filas[gestor.username]["gestionadas"]) == (4, 2)
    assert filas[gestor.username]["porcentaje"] == D("50.0")
    assert (filas[abogado.username]["asignadas"], filas[abogado.username]["gestionadas"]) == (1, 1)
    assert filas[abogado.username]["porcentaje"] == D("100.0")
    todas = {
        f["asignado_a__username"]: f["asignadas"]
        for f in cobertura(desde=marzo.date(), hasta=momento(2026, 3, 31).date())
    }
    assert todas[gestor.username] == 5


def test_cobertura_redondea_a_un_decimal(cartera, supervisor, gestor):
    cuentas = [cuenta_con_saldo(cartera) for _ in range(3)]
    for cuenta in cuentas:
        _asignar(cuenta, gestor, supervisor, momento(2026, 3, 1))
    _gestion(cuentas[0], gestor, momento(2026, 3, 3))
    (fila,) = cobertura(desde=momento(2026, 3, 1).date(), hasta=momento(2026, 3, 31).date())
    assert fila["porcentaje"] == D("33.3")


# --- pages ----------------------------------------------------------------------------------


def test_supervisor_ve_la_vista_previa_y_asigna(client, cartera, supervisor, abogado):
    for vencido in ("1200.50", "800.25", "99.25"):
        cuenta_con_saldo(cartera, vencido=vencido, meses=3, sector="5")
    cuenta_con_saldo(cartera, vencido="5000.00", meses=3, sector="6")
    client.force_login(supervisor)
    criterios = {"cartera": cartera.pk, "sector": "5", "meses_vencidos_min": "2"}

    html = client.get("/asignacion/", criterios).content.decode()
    assert 'id="previa-cuentas">3<' in html
    assert 'id="previa-saldo">$2,100.00<' in html
    assert abogado.username in html  # offered in the select

    respuesta = client.post(
        "/asignacion/", {**criterios, "asignado_a": abogado.pk, "motivo": "Lote sector 5"}
    )
    assert respuesta.status_code == 302
    assert len(_asignadas_a(abogado)) == 3
    html = client.get(respuesta["Location"]).content.decode()
    assert "3 cuentas asignadas" in html
    assert 'id="previa-asignadas">3<' in html


def test_la_pagina_de_asignacion_muestra_errores_por_campo(client, cartera, supervisor):
    client.force_login(supervisor)
    html = client.get(
        "/asignacion/",
        {"cartera": cartera.pk, "saldo_vencido_min": "900", "saldo_vencido_max": "100"},
    ).content.decode()
    assert "El saldo vencido máximo es menor que el mínimo." in html
    assert 'id="vista-previa"' not in html


def test_asignar_a_quien_no_es_gestor_se_rechaza_en_la_pagina(
    client, cartera, supervisor, crear_usuario
):
    cuenta_con_saldo(cartera)
    cajero = crear_usuario("caja")
    client.force_login(supervisor)
    respuesta = client.post("/asignacion/", {"cartera": cartera.pk, "asignado_a": cajero.pk})
    assert respuesta.status_code == 200
    assert "Ese usuario no puede recibir cuentas." in respuesta.content.decode()
    assert not Asignacion.objects.exists()


@pytest.mark.parametrize("rol", ["ventanilla", "abogado_externo", "caja", "gerencia"])
def test_solo_el_supervisor_asigna(client, crear_usuario, rol):
    client.force_login(crear_usuario(rol))
    assert client.get("/asignacion/").status_code == 403


def test_historial_y_reasignacion_de_una_cuenta(client, cartera, supervisor, gestor, abogado):
    cuenta = cuenta_con_saldo(cartera)
    asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="Ruta")
    client.force_login(supervisor)
    url = f"/cuentas/{cuenta.numero}/asignacion/"

    sin_motivo = client.post(url, {"accion": "cambiar", "asignado_a": abogado.pk})
    assert "Indique el motivo." in sin_motivo.content.decode()
    respuesta = client.post(
        url, {"accion": "cambiar", "asignado_a": abogado.pk, "motivo": "Demanda"}, follow=True
    )
    html = respuesta.content.decode()
    assert f"asignada a {abogado.username}" in html
    assert "Demanda" in html and "Ruta" in html
    assert _asignadas_a(abogado) == {cuenta.numero}

    client.post(url, {"accion": "retirar", "motivo": "Liquidó"})
    assert "no tiene responsable" in client.get(url).content.decode()


def test_quien_no_supervisa_no_reasigna(client, cartera, supervisor, gestor, crear_usuario):
    cuenta = cuenta_con_saldo(cartera)
    client.force_login(crear_usuario("ventanilla"))
    url = f"/cuentas/{cuenta.numero}/asignacion/"
    assert 'id="form-cambiar"' not in client.get(url).content.decode()
    datos = {"accion": "cambiar", "asignado_a": gestor.pk, "motivo": "Yo"}
    assert client.post(url, datos).status_code == 403
    assert not Asignacion.objects.exists()


def test_pagina_de_cobertura_por_omision_el_mes_en_curso(client, cartera, supervisor, gestor):
    cuentas = [cuenta_con_saldo(cartera) for _ in range(4)]
    for cuenta in cuentas:
        asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="x")
    _gestion(cuentas[0], gestor, ahora())
    client.force_login(supervisor)

    html = client.get("/asignacion/cobertura/").content.decode()

    assert gestor.username in html
    assert '<td class="num">4</td><td class="num">1</td><td class="num">25.0 %</td>' in html


def test_cobertura_con_periodo_invertido_avisa(client, supervisor):
    client.force_login(supervisor)
    html = client.get(
        "/asignacion/cobertura/", {"desde": "31/03/2026", "hasta": "01/03/2026"}
    ).content.decode()
    assert "La fecha final es anterior a la inicial." in html


def test_las_paginas_de_listas_no_hacen_una_consulta_por_fila(
    client, cartera, supervisor, crear_usuario, django_assert_max_num_queries
):
    def poblar(n):
        for _ in range(n):
            cuenta = cuenta_con_saldo(cartera, vencido="300.00", meses=2)
            gestor = crear_usuario("ventanilla")
            asignacion_cambiar(
                cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="x"
            )
            _gestion(cuenta, gestor, ahora())

    def consultas(url, datos=None):
        with CaptureQueriesContext(connection) as capturadas:
            assert client.get(url, datos).status_code == 200
        return len(capturadas)

    poblar(2)
    client.force_login(supervisor)
    criterios = {"cartera": cartera.pk}
    vista_previa = consultas("/asignacion/", criterios)
    pagina_cobertura = consultas("/asignacion/cobertura/")
    historial = consultas(f"/cuentas/{Asignacion.objects.first().cuenta.numero}/asignacion/")
    assert vista_previa <= 14 and pagina_cobertura <= 10 and historial <= 14

    poblar(12)
    with django_assert_max_num_queries(vista_previa):
        client.get("/asignacion/", criterios)
    with django_assert_max_num_queries(pagina_cobertura):
        client.get("/asignacion/cobertura/")


# --- API ------------------------------------------------------------------------------------


def test_api_asignacion_masiva(cliente_api, cartera, supervisor, abogado):
    cuentas = [cuenta_con_saldo(cartera, vencido="700.00", meses=5) for _ in range(2)]
    cuenta_con_saldo(cartera, vencido="700.00", meses=1)
    api = cliente_api(supervisor)

    respuesta = api.post(
        "/api/v1/asignaciones/",
        {
            "cartera": cartera.clave,
            "meses_vencidos_min": 3,
            "asignado_a": abogado.username,
            "motivo": "Cobro judicial",
        },
        format="json",
    )

    assert respuesta.status_code == 201, respuesta.json()
    assert respuesta.json()["asignadas"] == 2
    assert respuesta.json()["lote"].startswith(serie_del_lote())
    assert _asignadas_a(abogado) == {c.numero for c in cuentas}
    historial = api.get("/api/v1/asignaciones/", {"cuenta": cuentas[0].numero}).json()
    assert [(f["asignado_a"], f["vigente"]) for f in historial["results"]] == [
        (abogado.username, True)
    ]
    por_lote = api.get("/api/v1/asignaciones/", {"lote": respuesta.json()["lote"]}).json()
    assert por_lote["count"] == 2


@pytest.mark.parametrize(
    ("datos", "campo"),
    [
        ({"asignado_a": "nadie"}, "asignado_a"),
        ({"asignado_a": "caja1"}, "asignado_a"),
        ({"clasificacion": "mansion"}, "clasificacion"),
        ({"saldo_vencido_min": "-5"}, "saldo_vencido_min"),
    ],
)
def test_api_rechaza_datos_invalidos_nombrando_el_campo(
    cliente_api, cartera, supervisor, gestor, crear_usuario, datos, campo
):
    crear_usuario("caja", username="caja1")
    cuenta_con_saldo(cartera)
    cuerpo = {"cartera": cartera.clave, "asignado_a": gestor.username, **datos}
    respuesta = cliente_api(supervisor).post("/api/v1/asignaciones/", cuerpo, format="json")
    assert respuesta.status_code == 400
    assert campo in respuesta.json()["error"]["campos"]


def test_api_solo_el_supervisor_asigna(cliente_api, cartera, abogado):
    cuenta_con_saldo(cartera)
    respuesta = cliente_api(abogado).post(
        "/api/v1/asignaciones/",
        {"cartera": cartera.clave, "asignado_a": abogado.username},
        format="json",
    )
    assert respuesta.status_code == 403
    assert not Asignacion.objects.exists()


def test_api_reasigna_una_cuenta(cliente_api, cartera, supervisor, gestor, abogado):
    cuenta = cuenta_con_saldo(cartera)
    asignacion_cambiar(cuenta=cuenta, asignado_a=gestor, asignado_por=supervisor, motivo="Ruta")
    api = cliente_api(supervisor)
    url = f"/api/v1/cuentas/{cuenta.numero}/asignacion/"

    respuesta = api.post(url, {"asignado_a": abogado.username, "motivo": "Juicio"}, format="json")

    assert respuesta.status_code == 201
    filas = api.get(url).json()["resultados"]
    assert [(f["asignado_a"], f["vigente"]) for f in filas] == [
        (abogado.username, True),
        (gestor.username, False),
    ]
    retirada = api.post(url, {"retirar": True, "motivo": "Pagó"}, format="json")
    assert retirada.status_code == 200 and retirada.json()["hasta"]


def test_api_cobertura(cliente_api, cartera, supervisor, gestor):
    cuentas = [cuenta_con_saldo(cartera) for _ in range(2)]
    for cuenta in cuentas:
        _asignar(cuenta, gestor, supervisor, momento(2026, 3, 1))
    _gestion(cuentas[1], gestor, momento(2026, 3, 9))
    api = cliente_api(supervisor)

    datos = api.get(
        "/api/v1/asignaciones/cobertura/", {"desde": "2026-03-01", "hasta": "2026-03-31"}
    ).json()

    assert datos["resultados"] == [
        {
            "usuario": gestor.username,
            "nombre": "",
            "asignadas": 2,
            "gestionadas": 1,
            "porcentaje": "50.0",
        }
    ]
    malo = api.get("/api/v1/asignaciones/cobertura/", {"desde": "marzo"})
    assert malo.status_code == 400 and "desde" in malo.json()["error"]["campos"]
    assert cliente_api(gestor).get("/api/v1/asignaciones/cobertura/").status_code == 403


def test_api_historial_no_hace_una_consulta_por_fila(
    cliente_api, cartera, supervisor, gestor, abogado, django_assert_max_num_queries
):
    cuenta = cuenta_con_saldo(cartera)
    for i in range(6):
        asignacion_cambiar(
            cuenta=cuenta,
            asignado_a=gestor if i % 2 else abogado,
            asignado_por=supervisor,
            motivo=f"Vuelta {i}",
        )
    api = cliente_api(supervisor)
    with django_assert_max_num_queries(8):
        respuesta = api.get("/api/v1/asignaciones/", {"cuenta": cuenta.numero})
    assert respuesta.json()["count"] == 6


def test_una_cuenta_sin_saldo_no_entra_con_minimos(cartera, supervisor, gestor):
    sin_saldo = CuentaFactory(cartera=cartera)
    SaldoCuenta.objects.filter(cuenta=sin_saldo).delete()  # a row lost (conciliar recreates it)
    assert list(cuentas_por_criterios({"cartera": cartera.clave, "saldo_vencido_max": "10"})) == [
        sin_saldo
    ]
    assert not cuentas_por_criterios({"cartera": cartera.clave, "saldo_vencido_min": "1"}).exists()


def test_la_pagina_de_la_cuenta_muestra_al_responsable(
    client, monkeypatch, cartera, supervisor, abogado
):
    from cobranza.asignacion.views import seccion_asignacion
    from cobranza.libro import secciones

    monkeypatch.setattr(
        secciones, "SECCIONES_DE_CUENTA", [*secciones.SECCIONES_DE_CUENTA, seccion_asignacion]
    )
    cuenta = cuenta_con_saldo(cartera)
    client.force_login(supervisor)
    assert "no tiene responsable" in client.get(f"/cuentas/{cuenta.numero}/").content.decode()
    asignacion_cambiar(cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="x")
    html = client.get(f"/cuentas/{cuenta.numero}/").content.decode()
    assert f"<strong>{abogado.username}</strong> trabaja esta cuenta" in html
    assert f"/cuentas/{cuenta.numero}/asignacion/" in html
