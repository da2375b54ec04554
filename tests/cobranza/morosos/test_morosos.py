"""Lista de morosos: the supervisor's criteria and every exclusion, the preview against the
generated list, a frozen list after later payments, bad criteria, pages, API, permissions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext

from cobranza.demo.pec import pec_demo_crear
from cobranza.gestiones.services import gestion_registrar
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.models import Concepto, Expediente, ListaMorosos, RenglonMorosos
from cobranza.morosos.services import (
    lista_morosos_generar,
    morosos_candidatos,
    morosos_criterios,
    morosos_vista_previa,
)
from cobranza.pec.services import expedientes_abrir
from convenios.models import Convenio
from convenios.morosos import registrar_exclusion_de_morosos
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from padron.fechas import hoy, primer_dia_del_mes, sumar_meses
from padron.models import CondicionEspecial, Folio
from tests.catalogo import llaves_foraneas
from tests.convenios.conftest import HOY, deudor, politica  # noqa: F401 (fixtures)
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]
D = Decimal


@pytest.fixture(autouse=True)
def exclusion_de_convenios():
    # What ConveniosConfig.ready() does once the line is added there; registering twice is a no-op.
    registrar_exclusion_de_morosos()


@pytest.fixture
def cartera():
    return CarteraFactory()  # thresholds: 3 months, $500.00


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Ana", last_name="Robles")


def moroso(cartera, meses=4, monto="300.00", **cuenta):
    """An account with `meses` monthly water bills of `monto`, all past due today."""
    cuenta = CuentaFactory(cartera=cartera, **cuenta)
    este_mes = primer_dia_del_mes(hoy())
    for atras in range(meses, 0, -1):
        periodo = sumar_meses(este_mes, -atras - 1)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto=monto,
            periodo=periodo,
            fecha_emision=periodo,
            fecha_vencimiento=periodo + timedelta(days=19),
        )
    return cuenta


def numeros(criterios, dia=None):
    return set(morosos_candidatos(criterios, dia).values_list("numero", flat=True))


# --- criteria -------------------------------------------------------------------------------


def test_por_omision_los_umbrales_de_la_cartera(cartera):
    dentro = moroso(cartera, meses=4, monto="300.00")  # $1,200.00, 4 months
    pocos_meses = moroso(cartera, meses=2, monto="400.00")  # $800.00, 2 months
    poco_saldo = moroso(cartera, meses=4, monto="100.00")  # $400.00
    CuentaFactory(cartera=cartera)  # al corriente

    assert numeros({"cartera": cartera.clave}) == {dentro.numero}
    previa = morosos_vista_previa({"cartera": cartera.clave})
    assert (previa["cuentas"], previa["total_vencido"]) == (1, D("1200.00"))

    bajos = {"cartera": cartera.pk, "saldo_vencido_minimo": "400", "meses_vencidos_minimo": "2"}
    assert numeros(bajos) == {dentro.numero, pocos_meses.numero, poco_saldo.numero}
    assert numeros({**bajos, "saldo_vencido_minimo": "800.00"}) == {
        dentro.numero,
        pocos_meses.numero,
    }


def test_otra_cartera_no_entra(cartera):
    moroso(cartera)
    otra = moroso(CarteraFactory(clave="agua-pitiquito", nombre="Pitiquito"))
    assert otra.numero not in numeros({"cartera": cartera.clave})


def test_clasificacion_y_sector(cartera):
    domestica = moroso(cartera, clasificacion="domestica", sector="1")
    comercial = moroso(cartera, clasificacion="comercial", sector="1")
    otra_zona = moroso(cartera, clasificacion="comercial", sector="2")

    assert numeros({"cartera": cartera.clave, "clasificacion": "comercial"}) == {
        comercial.numero,
        otra_zona.numero,
    }
    assert numeros({"cartera": cartera.clave, "sector": "1"}) == {
        domestica.numero,
        comercial.numero,
    }
    solo = {"cartera": cartera.clave, "clasificacion": "comercial", "sector": "2"}
    assert numeros(solo) == {otra_zona.numero}


# --- exclusions -----------------------------------------------------------------------------


def test_promesa_vigente(cartera, crear_usuario):
    prometio, sin_promesa = moroso(cartera), moroso(cartera)
    gestion_registrar(
        cuenta=prometio,
        usuario=crear_usuario("ventanilla"),
        tipo="llamada_realizada",
        resultado="promesa_pago",
        promesa_monto="600.00",
        promesa_fecha=hoy() + timedelta(days=7),
    )
    assert numeros({"cartera": cartera.clave}) == {sin_promesa.numero}
    assert numeros({"cartera": cartera.clave, "excluir_promesa_vigente": False}) == {
        prometio.numero,
        sin_promesa.numero,
    }
    # After the promised date the promise no longer holds the account back.
    despues = hoy() + timedelta(days=8)
    assert prometio.numero in numeros({"cartera": cartera.clave}, dia=despues)


def test_ya_en_un_expediente_del_pec(cartera, supervisor):
    pec_demo_crear(carteras=[cartera])
    en_tramite, cerrado, libre = moroso(cartera), moroso(cartera), moroso(cartera)
    expedientes_abrir(cuenta_ids=[en_tramite.pk, cerrado.pk], usuario=supervisor)
    Expediente.objects.filter(cuenta=cerrado).update(estado=Expediente.Estado.CERRADO)

    assert numeros({"cartera": cartera.clave}) == {cerrado.numero, libre.numero}
    Expediente.objects.filter(cuenta=en_tramite).update(estado=Expediente.Estado.SUSPENDIDO)
    assert en_tramite.numero not in numeros({"cartera": cartera.clave})
    assert en_tramite.numero in numeros({"cartera": cartera.clave, "excluir_en_pec": "false"})


def _condicion(cuenta, **vigencia):
    vigencia.setdefault("vigente_desde", date(2020, 1, 1))
    return CondicionEspecial.objects.create(
        titular=cuenta.titular, tipo=CondicionEspecial.Tipo.ADULTO_MAYOR, **vigencia
    )


def test_condicion_especial_en_cartera_que_no_la_protege(cartera):
    adulto_mayor, vencida, otro = moroso(cartera), moroso(cartera), moroso(cartera)
    _condicion(adulto_mayor)
    _condicion(vencida, vigente_hasta=hoy() - timedelta(days=1))

    todos = {adulto_mayor.numero, vencida.numero, otro.numero}
    assert numeros({"cartera": cartera.clave}) == todos
    criterios = morosos_criterios({"cartera": cartera.clave})
    assert criterios.parametros()["excluir_condicion_especial"] is False
    pedidos = {"cartera": cartera.clave, "excluir_condicion_especial": "on"}
    assert numeros(pedidos) == {vencida.numero, otro.numero}


def test_condicion_especial_en_cartera_que_la_protege_siempre_queda_fuera(cartera):
    cartera.protege_condicion_especial = True
    cartera.save()
    adulto_mayor, otro = moroso(cartera), moroso(cartera)
    _condicion(adulto_mayor, vigente_hasta=hoy() + timedelta(days=30))

    assert numeros({"cartera": cartera.clave}) == {otro.numero}
    # The cartera's protection is not the supervisor's to lift.
    forzada = {"cartera": cartera.clave, "excluir_condicion_especial": False}
    assert numeros(forzada) == {otro.numero}
    assert morosos_criterios(forzada).parametros()["excluir_condicion_especial"] is True


def test_convenio_vigente_al_corriente(request, crear_usuario):
    # The convenios fixtures (imported above): a policy and a debtor of $3,300.00.
    alternativas = request.getfixturevalue("politica")
    cuenta = request.getfixturevalue("deudor")
    cartera = alternativas["cartera"]
    otro = moroso(cartera)
    ventanilla = crear_usuario("ventanilla")
    convenio = convenio_capturar(
        cuenta=cuenta,
        alternativa=alternativas["parcialidades"],
        capturado_por=ventanilla,
        dia=HOY,
        terminos=Terminos(numero_parcialidades=6, descuento_recargos_pct=D("0")),
    )
    convenio = convenio_firmar(convenio=convenio, usuario=ventanilla, dia=HOY)
    pago_registrar(cuenta=cuenta, monto="660.00", registrado_por=crear_usuario("caja"), fecha=HOY)
    convenio.refresh_from_db()
    assert convenio.estado == Convenio.Estado.VIGENTE
    criterios = {"cartera": cartera.clave, "meses_vencidos_minimo": "0"}

    assert cuenta.numero not in numeros(criterios, dia=HOY)  # al corriente: left out
    assert cuenta.numero in numeros({**criterios, "excluir_convenio_al_corriente": False}, HOY)
    # Once the first parcialidad is due and unpaid the convenio no longer protects it.
    primera = convenio.parcialidades.get(numero=1).fecha_vencimiento
    assert cuenta.numero in numeros(criterios, dia=primera + timedelta(days=1))
    assert otro.numero in numeros(criterios, dia=HOY)


# --- generation -----------------------------------------------------------------------------


def test_la_vista_previa_coincide_con_la_lista_generada(cartera, supervisor):
    moroso(cartera, meses=5, monto="333.33")
    moroso(cartera, meses=4, monto="1250.10")
    moroso(cartera, meses=6, monto="101.01")
    grande = moroso(
        cartera,
        meses=3,
        monto="9999.99",
        domicilio="Calle Obregón 12",
        colonia="Centro",
        titular__nombre="Rosa",
        titular__apellido_paterno="Ávila",
        titular__apellido_materno="",
        titular__curp="AIRR800101MSRVSS09",
    )
    criterios = {"cartera": cartera.clave}
    previa = morosos_vista_previa(criterios)

    lista = lista_morosos_generar(criterios=criterios, usuario=supervisor)

    assert (lista.cuentas, lista.total_vencido) == (previa["cuentas"], previa["total_vencido"])
    assert lista.total_vencido == D("29999.97") + D("5000.40") + D("1666.65") + D("606.06")
    assert lista.total_saldo == previa["total_saldo"]
    assert lista.folio == f"LM{hoy():%y}-000001" and lista.al == hoy()
    assert lista.generada_por == supervisor and lista.cartera == cartera
    assert lista.parametros["saldo_vencido_minimo"] == "500.00"
    assert lista.parametros["meses_vencidos_minimo"] == 3
    renglones = list(lista.renglones.order_by("orden"))
    assert [r.orden for r in renglones] == [1, 2, 3, 4]
    assert [r.saldo_vencido for r in renglones] == sorted(
        (r.saldo_vencido for r in renglones), reverse=True
    )
    primero = renglones[0]
    assert (primero.numero, primero.titular, primero.rfc_curp) == (
        grande.numero,
        "Rosa Ávila",
        "AIRR800101MSRVSS09",
    )
    assert (primero.domicilio, primero.sector, primero.ruta) == (
        "Calle Obregón 12, Centro",
        "1",
        "101",
    )
    assert (primero.clasificacion, primero.meses_vencidos) == ("domestica", 3)
    assert primero.saldo == primero.saldo_vencido == D("29999.97")
    assert primero.vencimiento_mas_antiguo is not None and primero.ultimo_pago is None


def test_una_lista_generada_no_cambia_con_pagos_posteriores(cartera, supervisor, crear_usuario):
    pago_despues, sin_pago = moroso(cartera, monto="500.00"), moroso(cartera, monto="400.00")
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    antes = list(lista.renglones.order_by("orden").values())

    pago_registrar(cuenta=pago_despues, monto="2000.00", registrado_por=crear_usuario("caja"))
    pago_despues.titular.nombre = "Otro Nombre"
    pago_despues.titular.save()
    pago_despues.domicilio = "Domicilio nuevo"
    pago_despues.save()

    lista.refresh_from_db()
    assert list(lista.renglones.order_by("orden").values()) == antes
    assert (lista.cuentas, lista.total_vencido) == (2, D("3600.00"))
    # A new list does see the payment.
    nueva = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    assert list(nueva.renglones.values_list("numero", flat=True)) == [sin_pago.numero]
    assert nueva.folio.endswith("-000002")


@pytest.mark.parametrize(
    ("datos", "campo", "texto"),
    [
        ({"cartera": ""}, "cartera", "Elija la cartera"),
        ({"cartera": "no-existe"}, "cartera", "No existe esa cartera"),
        ({"saldo_vencido_minimo": "mucho"}, "saldo_vencido_minimo", "número"),
        ({"saldo_vencido_minimo": "-5"}, "saldo_vencido_minimo", "mayor que cero"),
        ({"saldo_vencido_minimo": "10.001"}, "saldo_vencido_minimo", "centavos"),
        ({"meses_vencidos_minimo": "tres"}, "meses_vencidos_minimo", "número entero"),
        ({"meses_vencidos_minimo": "-1"}, "meses_vencidos_minimo", "número entero"),
        ({"clasificacion": "rural"}, "clasificacion", "Clasificación desconocida"),
        ({"sector": "x" * 21}, "sector", "20 caracteres"),
        ({"excluir_en_pec": "quizá"}, "excluir_en_pec", "sí o no"),
        ({"excluir_deudores_vip": True}, "excluir_deudores_vip", "desconocida"),
    ],
)
def test_criterios_invalidos_nombran_el_campo_y_no_escriben_nada(
    cartera, supervisor, datos, campo, texto
):
    moroso(cartera)
    datos = {"cartera": cartera.clave, **datos}
    with pytest.raises(ValidationError) as error:
        lista_morosos_generar(criterios=datos, usuario=supervisor)
    assert texto in error.value.message_dict[campo][0]
    assert not ListaMorosos.objects.exists()
    assert not Folio.objects.filter(serie__startswith="LM").exists()


def test_sin_cuentas_no_se_genera_la_lista(cartera, supervisor):
    CuentaFactory(cartera=cartera)
    with pytest.raises(ValidationError) as error:
        lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    assert "Ninguna cuenta" in error.value.message_dict["criterios"][0]
    assert not ListaMorosos.objects.exists() and not RenglonMorosos.objects.exists()


# --- pages ----------------------------------------------------------------------------------


def test_supervisor_ve_la_vista_previa_genera_y_abre_expedientes(client, cartera, supervisor):
    pec_demo_crear(carteras=[cartera])
    cuentas = [moroso(cartera, monto=m) for m in ("300.00", "450.50", "700.00")]
    client.force_login(supervisor)
    assert "Nueva lista de morosos" in client.get("/morosos/nueva/").content.decode()
    datos = {
        "cartera": cartera.pk,
        "saldo_vencido_minimo": "",
        "meses_vencidos_minimo": "",
        "excluir_convenio_al_corriente": "on",
        "excluir_promesa_vigente": "on",
        "excluir_en_pec": "on",
    }

    html = client.post("/morosos/nueva/", {**datos, "accion": "previa"}).content.decode()
    assert 'id="previa-cuentas">3<' in html and "$5,802.00" in html
    assert not ListaMorosos.objects.exists()

    respuesta = client.post("/morosos/nueva/", {**datos, "accion": "generar"}, follow=True)
    lista = ListaMorosos.objects.get()
    assert respuesta.redirect_chain[-1][0] == f"/morosos/{lista.folio}/"
    html = respuesta.content.decode()
    assert f"Lista de morosos {lista.folio} generada: 3 cuentas" in html
    assert all(c.numero in html for c in cuentas) and "$5,802.00" in html
    assert "Ana Robles" in html and "Saldo vencido mínimo: $500.00" in html
    assert 'action="/pec/abrir/"' in html and "Abrir expedientes" in html
    for formato in ("csv", "xlsx", "pdf"):
        assert f"/morosos/{lista.folio}/exportar.{formato}" in html
    assert lista.folio in client.get("/morosos/").content.decode()

    abrir = {"lista": lista.folio, "cuentas": [cuentas[0].pk, cuentas[2].pk]}
    respuesta = client.post("/pec/abrir/", abrir, follow=True)
    assert "2 expedientes abiertos" in respuesta.content.decode()
    assert set(Expediente.objects.values_list("lista__folio", flat=True)) == {lista.folio}


def test_las_casillas_llevan_el_id_sin_separador_de_miles(client, cartera, supervisor):
    # es-MX renders 12345 as "12,345"; a form value must stay "12345" or nothing is chosen.
    cuenta = moroso(cartera, id=12345)
    lista = lista_morosos_generar(
        criterios=morosos_criterios({"cartera": cartera.pk}), usuario=supervisor
    )
    client.force_login(supervisor)

    html = client.get(f"/morosos/{lista.folio}/").content.decode()

    assert 'name="cuentas" value="12345"' in html
    assert (
        client.post("/pec/abrir/", {"lista": lista.folio, "cuentas": [cuenta.pk]}).status_code
        == 302
    )


def test_criterios_invalidos_en_la_pagina(client, cartera, supervisor):
    moroso(cartera)
    client.force_login(supervisor)
    datos = {"cartera": cartera.pk, "saldo_vencido_minimo": "abc", "accion": "generar"}
    html = client.post("/morosos/nueva/", datos).content.decode()
    assert "El monto debe ser un número" in html
    html = client.post(
        "/morosos/nueva/",
        {"cartera": cartera.pk, "saldo_vencido_minimo": "999999", "accion": "generar"},
    ).content.decode()
    assert "Ninguna cuenta cumple estos criterios" in html
    assert not ListaMorosos.objects.exists()


def test_la_lista_no_hace_una_consulta_por_renglon(
    client, cartera, supervisor, django_assert_max_num_queries
):
    client.force_login(supervisor)
    for _ in range(3):
        moroso(cartera)
    chica = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    with CaptureQueriesContext(connection) as capturadas:
        client.get(f"/morosos/{chica.folio}/")
    pocas = len(capturadas)
    assert pocas <= 8
    for _ in range(25):
        moroso(cartera)
    grande = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    with django_assert_max_num_queries(pocas):
        html = client.get(f"/morosos/{grande.folio}/").content.decode()
    assert html.count('name="cuentas"') == 28


@pytest.mark.parametrize("rol", ["ventanilla", "caja", "gerencia", "abogado_externo"])
def test_sin_permiso_no_hay_paginas_de_morosos(client, cartera, supervisor, crear_usuario, rol):
    moroso(cartera)
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    client.force_login(crear_usuario(rol))
    for url in (
        "/morosos/",
        "/morosos/nueva/",
        f"/morosos/{lista.folio}/",
        f"/morosos/{lista.folio}/exportar.csv",
    ):
        assert client.get(url).status_code == 403, url
    respuesta = client.post("/morosos/nueva/", {"cartera": cartera.pk, "accion": "generar"})
    assert respuesta.status_code == 403
    assert ListaMorosos.objects.count() == 1


# --- API ------------------------------------------------------------------------------------


def test_api_vista_previa_genera_y_lee_la_lista(cartera, supervisor, cliente_api):
    moroso(cartera, monto="250.25")
    moroso(cartera, monto="1000.00", clasificacion="comercial")
    api = cliente_api(supervisor)
    criterios = {"cartera": cartera.clave, "meses_vencidos_minimo": 2}

    previa = api.post("/api/v1/morosos/vista-previa/", criterios, format="json").json()
    assert (previa["cuentas"], previa["total_vencido"]) == (2, "5001.00")

    respuesta = api.post("/api/v1/morosos/", criterios, format="json")
    assert respuesta.status_code == 201
    lista = respuesta.json()
    assert (lista["cuentas"], lista["total_vencido"], lista["generada_por"]) == (
        2,
        "5001.00",
        supervisor.username,
    )
    assert lista["exportar"]["xlsx"] == f"/api/v1/morosos/{lista['folio']}/exportar.xlsx"

    listas = api.get("/api/v1/morosos/").json()
    assert [item["folio"] for item in listas["results"]] == [lista["folio"]]
    detalle = api.get(f"/api/v1/morosos/{lista['folio']}/", {"por_pagina": 1}).json()
    assert detalle["lista"]["folio"] == lista["folio"] and detalle["count"] == 2
    assert detalle["results"][0]["saldo_vencido"] == "4000.00"
    assert detalle["results"][0]["clasificacion"] == "comercial"

    archivo = api.get(f"/api/v1/morosos/{lista['folio']}/exportar.csv")
    assert archivo.status_code == 200 and archivo["Content-Type"].startswith("text/csv")


def test_api_criterios_invalidos_nombran_el_campo(cartera, supervisor, cliente_api):
    api = cliente_api(supervisor)
    respuesta = api.post(
        "/api/v1/morosos/", {"cartera": cartera.clave, "clasificacion": "rural"}, format="json"
    )
    assert respuesta.status_code == 400
    error = respuesta.json()["error"]
    assert "clasificacion" in error["campos"] and "Clasificación desconocida" in error["mensaje"]
    respuesta = api.post("/api/v1/morosos/vista-previa/", {}, format="json")
    assert respuesta.json()["error"]["campos"] == {"cartera": ["Elija la cartera."]}
    assert not ListaMorosos.objects.exists()


@pytest.mark.parametrize("rol", ["ventanilla", "abogado_externo", "notificador"])
def test_api_sin_permiso(cartera, supervisor, crear_usuario, cliente_api, rol):
    moroso(cartera)
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    api = cliente_api(crear_usuario(rol))
    assert api.post("/api/v1/morosos/", {"cartera": cartera.clave}).status_code == 403
    assert api.post("/api/v1/morosos/vista-previa/", {"cartera": cartera.clave}).status_code == 403
    assert api.get("/api/v1/morosos/").status_code == 403
    assert api.get(f"/api/v1/morosos/{lista.folio}/").status_code == 403
    assert api.get(f"/api/v1/morosos/{lista.folio}/exportar.xlsx").status_code == 403
    assert ListaMorosos.objects.count() == 1


def test_la_api_de_la_lista_no_hace_una_consulta_por_renglon(
    cartera, supervisor, cliente_api, django_assert_max_num_queries
):
    api = cliente_api(supervisor)
    for _ in range(2):
        moroso(cartera)
    chica = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    with CaptureQueriesContext(connection) as capturadas:
        api.get(f"/api/v1/morosos/{chica.folio}/")
        api.get("/api/v1/morosos/")
    pocas = len(capturadas)
    for _ in range(20):
        moroso(cartera)
    grande = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    with django_assert_max_num_queries(pocas):
        filas = api.get(f"/api/v1/morosos/{grande.folio}/").json()["results"]
        api.get("/api/v1/morosos/")
    assert len(filas) == 22


def test_sin_restricciones_en_la_base_el_orm_aun_protege_las_cuentas_listadas(cartera, supervisor):
    # The rows are written by the hundred thousand: no foreign key is checked per row at
    # commit (cobranza.morosos.models), so the ORM's on_delete=PROTECT is what keeps them.
    if connection.vendor == "postgresql":
        assert llaves_foraneas(RenglonMorosos._meta.db_table) == 0
    cuenta = moroso(cartera)
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=supervisor)
    renglon = RenglonMorosos.objects.get(lista=lista, cuenta=cuenta)
    with pytest.raises(ProtectedError) as error, transaction.atomic():
        cuenta.delete()
    assert renglon in error.value.protected_objects
    with pytest.raises(ProtectedError), transaction.atomic():
        lista.delete()
    assert RenglonMorosos.objects.filter(lista=lista).count() == 1
