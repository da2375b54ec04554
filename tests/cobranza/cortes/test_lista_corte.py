"""The supervisor's lista de corte: who enters (months overdue, convenio incumplido), who is
left out and why, suspensión or reducción, route order, folios, and no duplicate orders."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

import padron.sql
from cobranza.cortes.services.listas import (
    corte_criterios,
    corte_vista_previa,
    lista_corte_generar,
    ordenes_asignar,
)
from cobranza.models import ExclusionCorte, OrdenCorte
from convenios.models import Convenio
from padron.models import Cuenta
from tests.catalogo import llaves_foraneas
from tests.cobranza.cortes.ayudas import (
    DIA,
    cartera_de_agua,
    condicion,
    convenio,
    deudora,
    promesa,
    reglas_de_convenios,
)
from tests.factories import CarteraCreditoFactory, CuentaFactory

D = Decimal
pytestmark = [pytest.mark.django_db, pytest.mark.fecha]


@pytest.fixture(autouse=True)
def _reglas_de_convenios():
    reglas_de_convenios()


@pytest.fixture
def cartera(db):
    return cartera_de_agua()


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor")


@pytest.fixture(params=["un_enunciado", "por_separado"])
def camino(request, monkeypatch):
    """Both ways of writing a list give the same rows: PostgreSQL's single statement and
    the portable pair of INSERT ... SELECT the SQLite demo uses."""
    if request.param == "por_separado":
        monkeypatch.setattr(padron.sql, "un_solo_enunciado", lambda: False)
    elif connection.vendor != "postgresql":
        pytest.skip("un solo enunciado: solo PostgreSQL")
    return request.param


def generar(cartera, usuario, **criterios):
    return lista_corte_generar(
        criterios={"cartera": cartera, **criterios}, usuario=usuario, dia=DIA
    )


def ordenes(lista):
    return {o.cuenta.numero: o for o in lista.ordenes_corte.select_related("cuenta")}


def excluidas(lista):
    return {e.cuenta.numero: e for e in lista.exclusiones.select_related("cuenta", "regla")}


# --- who enters -----------------------------------------------------------------------------


def test_entran_las_cuentas_desde_el_umbral_de_meses_de_la_cartera(cartera, supervisor):
    una, dos, tres = (deudora(cartera, meses=m) for m in (1, 2, 3))
    lista = generar(cartera, supervisor)
    assert set(ordenes(lista)) == {dos.numero, tres.numero}
    orden = ordenes(lista)[tres.numero]
    assert (orden.saldo_vencido, orden.meses_vencidos) == (D("750.00"), 3)
    assert orden.motivo_elegible == "meses_vencidos"
    assert (lista.ordenes, lista.excluidas, lista.total_vencido) == (2, 0, D("1250.00"))
    assert lista.folio.startswith("LC26-")
    assert una.numero not in ordenes(lista)


def test_el_supervisor_puede_pedir_otro_minimo_de_meses(cartera, supervisor):
    deudora(cartera, meses=2)
    tres = deudora(cartera, meses=3)
    assert set(ordenes(generar(cartera, supervisor, meses_minimos=3))) == {tres.numero}


def test_sector_y_ruta_acotan_la_lista(cartera, supervisor):
    deudora(cartera, sector="1", ruta="101")
    buscada = deudora(cartera, sector="2", ruta="201")
    deudora(cartera, sector="2", ruta="202")
    assert set(ordenes(generar(cartera, supervisor, sector="2", ruta="201"))) == {buscada.numero}


def test_no_entran_sin_agua_de_baja_ni_al_corriente(cartera, supervisor):
    deudora(cartera, servicio_agua=False)
    deudora(cartera, estado=Cuenta.Estado.BAJA)
    CuentaFactory(cartera=cartera)  # owes nothing
    lista = generar(cartera, supervisor)
    assert (lista.ordenes, lista.excluidas) == (0, 0)


def test_un_convenio_incumplido_hace_entrar_sin_importar_los_meses(cartera, supervisor):
    rota = deudora(cartera, meses=1)
    convenio(rota, Convenio.Estado.INCUMPLIDO, supervisor)
    lista = generar(cartera, supervisor)
    assert ordenes(lista)[rota.numero].motivo_elegible == "convenio_incumplido"


def test_el_criterio_de_convenio_incumplido_se_puede_apagar(cartera, supervisor):
    rota = deudora(cartera, meses=1)
    convenio(rota, Convenio.Estado.INCUMPLIDO, supervisor)
    assert rota.numero not in ordenes(generar(cartera, supervisor, incluir=[]))


def test_un_convenio_incumplido_ya_reestructurado_no_hace_entrar(cartera, supervisor):
    cuenta = deudora(cartera, meses=1)
    roto = convenio(cuenta, Convenio.Estado.INCUMPLIDO, supervisor)
    convenio(cuenta, Convenio.Estado.VIGENTE, supervisor, reemplaza=roto)
    assert cuenta.numero not in ordenes(generar(cartera, supervisor))


# --- who is left out, and why ---------------------------------------------------------------


def test_cada_exclusion_queda_registrada_con_su_motivo(cartera, supervisor, camino):
    cortada = deudora(cartera, estado=Cuenta.Estado.CORTADA)
    restringida = deudora(cartera, estado=Cuenta.Estado.RESTRINGIDA)
    publica = deudora(cartera, clasificacion=Cuenta.Clasificacion.PUBLICA)
    prometio = deudora(cartera)
    promesa(prometio, supervisor)
    al_corriente = deudora(cartera)
    convenio(
        al_corriente,
        Convenio.Estado.VIGENTE,
        supervisor,
        parcialidades=[(date(2026, 2, 1), "250.00", "250.00"), (date(2026, 4, 1), "500.00", "0")],
    )
    entra = deudora(cartera)
    lista = generar(cartera, supervisor)
    motivos = {numero: e.motivo for numero, e in excluidas(lista).items()}
    assert motivos == {
        cortada.numero: "ya_cortada",
        restringida.numero: "ya_cortada",
        publica.numero: "institucion_publica",
        prometio.numero: "promesa_vigente",
        al_corriente.numero: "convenio_al_corriente",
    }
    assert set(ordenes(lista)) == {entra.numero}
    assert lista.excluidas == 5
    assert (lista.ordenes, lista.total_vencido) == (1, ordenes(lista)[entra.numero].saldo_vencido)


def test_convenio_con_parcialidad_vencida_sin_pagar_no_protege(cartera, supervisor):
    atrasada = deudora(cartera)
    convenio(
        atrasada,
        Convenio.Estado.VIGENTE,
        supervisor,
        parcialidades=[(date(2026, 2, 1), "250.00", "100.00"), (date(2026, 4, 1), "500.00", "0")],
    )
    assert atrasada.numero in ordenes(generar(cartera, supervisor))


def test_promesa_ya_vencida_o_incumplida_no_protege(cartera, supervisor):
    vencida, incumplida = deudora(cartera), deudora(cartera)
    promesa(vencida, supervisor, fecha=date(2026, 3, 9))
    promesa(incumplida, supervisor, estado="incumplida")
    assert {vencida.numero, incumplida.numero} <= set(ordenes(generar(cartera, supervisor)))


def test_las_exclusiones_se_pueden_apagar(cartera, supervisor):
    publica = deudora(cartera, clasificacion=Cuenta.Clasificacion.PUBLICA)
    cortada = deudora(cartera, estado=Cuenta.Estado.CORTADA)
    prometio = deudora(cartera)
    promesa(prometio, supervisor)
    lista = generar(cartera, supervisor, excluir=[])
    assert {publica.numero, cortada.numero, prometio.numero} == set(ordenes(lista))


def test_condicion_especial_se_excluye_si_se_pide_o_si_la_cartera_protege(cartera, supervisor):
    adulto = deudora(cartera)
    condicion(adulto)
    vencida = deudora(cartera)
    condicion(vencida, desde=date(2024, 1, 1), hasta=date(2025, 12, 31))

    # by default the cartera does not protect them: both enter
    assert {adulto.numero, vencida.numero} == set(ordenes(generar(cartera, supervisor)))
    OrdenCorte.objects.update(estado=OrdenCorte.Estado.CANCELADA)

    pedida = generar(cartera, supervisor, excluir=["condicion_especial"])
    assert excluidas(pedida)[adulto.numero].motivo == "condicion_especial"
    assert vencida.numero in ordenes(pedida)  # its condition ended before DIA
    OrdenCorte.objects.update(estado=OrdenCorte.Estado.CANCELADA)

    cartera.protege_condicion_especial = True
    cartera.save()
    protegida = generar(cartera, supervisor, excluir=[])
    assert excluidas(protegida)[adulto.numero].motivo == "condicion_especial"


def test_la_primera_exclusion_que_aplica_es_el_motivo(cartera, supervisor):
    cuenta = deudora(cartera, estado=Cuenta.Estado.CORTADA, clasificacion="publica")
    promesa(cuenta, supervisor)
    assert excluidas(generar(cartera, supervisor))[cuenta.numero].motivo == "ya_cortada"


# --- suspensión or reducción ----------------------------------------------------------------


def test_a_domesticos_solo_se_reduce_si_la_cartera_lo_dice(cartera, supervisor):
    domestica = deudora(cartera, clasificacion=Cuenta.Clasificacion.DOMESTICA)
    comercial = deudora(cartera, clasificacion=Cuenta.Clasificacion.COMERCIAL)
    industrial = deudora(cartera, clasificacion=Cuenta.Clasificacion.INDUSTRIAL)
    acciones = {n: o.accion for n, o in ordenes(generar(cartera, supervisor)).items()}
    assert acciones == {
        domestica.numero: "reduccion",
        comercial.numero: "suspension",
        industrial.numero: "suspension",
    }


def test_si_la_cartera_lo_permite_a_domesticos_tambien_se_suspende(cartera, supervisor):
    cartera.domesticos_solo_reduccion = False
    cartera.save()
    domestica = deudora(cartera, clasificacion=Cuenta.Clasificacion.DOMESTICA)
    assert ordenes(generar(cartera, supervisor))[domestica.numero].accion == "suspension"


# --- validation -----------------------------------------------------------------------------


def test_una_cartera_de_credito_no_tiene_lista_de_corte(supervisor):
    credito = CarteraCreditoFactory()
    with pytest.raises(ValidationError) as error:
        generar(credito, supervisor)
    assert "solo para carteras de servicio de agua" in error.value.message_dict["cartera"][0]


@pytest.mark.parametrize(
    ("datos", "campo"),
    [
        ({"cartera": ""}, "cartera"),
        ({"cartera": "no-existe"}, "cartera"),
        ({"meses_minimos": "0"}, "meses_minimos"),
        ({"meses_minimos": "dos"}, "meses_minimos"),
        ({"excluir": ["deudor_simpatico"]}, "excluir"),
        ({"incluir": ["luna_llena"]}, "incluir"),
        ({"sector": "x" * 21}, "sector"),
    ],
)
def test_criterios_invalidos_nombran_el_campo(cartera, datos, campo):
    with pytest.raises(ValidationError) as error:
        corte_criterios({"cartera": cartera.clave, **datos})
    assert campo in error.value.message_dict


def test_sin_meses_se_usa_el_umbral_de_la_cartera(cartera):
    cartera.umbral_corte_meses = 4
    cartera.save()
    assert corte_criterios({"cartera": cartera.clave}).meses_minimos == 4


# --- two lists, route order, folios, history ------------------------------------------------


def test_dos_listas_no_dan_dos_ordenes_pendientes_a_la_misma_cuenta(cartera, supervisor):
    cuenta = deudora(cartera)
    primera = generar(cartera, supervisor)
    segunda = generar(cartera, supervisor)
    assert cuenta.numero in ordenes(primera)
    assert excluidas(segunda)[cuenta.numero].motivo == "orden_pendiente"
    assert OrdenCorte.objects.filter(cuenta=cuenta, estado="pendiente").count() == 1


def test_la_base_no_admite_dos_ordenes_pendientes_de_corte(cartera, supervisor):
    cuenta = deudora(cartera)
    orden = OrdenCorte.objects.get(lista=generar(cartera, supervisor))
    with pytest.raises(IntegrityError), transaction.atomic():
        OrdenCorte.objects.create(folio="OC26-X", accion=orden.accion, cuenta=cuenta)


def test_una_orden_ejecutada_o_cancelada_no_impide_otra(cartera, supervisor):
    cuenta = deudora(cartera)
    generar(cartera, supervisor)
    OrdenCorte.objects.update(estado=OrdenCorte.Estado.CANCELADA)
    assert cuenta.numero in ordenes(generar(cartera, supervisor))


def test_ordenes_por_ruta_en_orden_de_recorrido_con_folios_seguidos(cartera, supervisor, camino):
    b = deudora(cartera, sector="1", ruta="101", manzana="02", domicilio="Calle A 10")
    a = deudora(cartera, sector="1", ruta="101", manzana="01", domicilio="Calle B 5")
    c = deudora(cartera, sector="1", ruta="101", manzana="02", domicilio="Calle B 1")
    z = deudora(cartera, sector="2", ruta="201", manzana="01", domicilio="Calle C 3")
    lista = generar(cartera, supervisor)
    recorrido = [
        (o.cuenta.numero, o.sector, o.ruta, o.orden_ruta, o.folio)
        for o in lista.ordenes_corte.select_related("cuenta").order_by("folio")
    ]
    assert [(n, s, r, i) for n, s, r, i, _ in recorrido] == [
        (a.numero, "1", "101", 1),
        (b.numero, "1", "101", 2),
        (c.numero, "1", "101", 3),
        (z.numero, "2", "201", 1),
    ]
    assert [f for *_, f in recorrido] == [f"OC26-{n:06d}" for n in (1, 2, 3, 4)]
    otra = deudora(cartera)
    assert ordenes(generar(cartera, supervisor))[otra.numero].folio == "OC26-000005"


def test_cada_orden_queda_en_el_historial_con_quien_genero_la_lista(cartera, supervisor, camino):
    deudora(cartera)
    lista = generar(cartera, supervisor)
    registro = OrdenCorte.history.get(lista_id=lista.pk)
    assert (registro.history_type, registro.history_user) == ("+", supervisor)
    assert registro.history_change_reason == f"Lista de corte {lista.folio}"
    assert registro.folio == lista.ordenes_corte.get().folio


def test_generar_no_hace_mas_consultas_con_mas_cuentas(cartera, supervisor):
    from django.test.utils import CaptureQueriesContext

    def consultas(cuentas, ruta):
        for i in range(cuentas):
            deudora(cartera, ruta=ruta, manzana=f"{i:02d}")
        with CaptureQueriesContext(connection) as capturadas:
            lista = generar(cartera, supervisor, ruta=ruta)
        assert lista.ordenes == cuentas
        return len(capturadas)

    consultas(1, "100")  # the first list of the year also creates its folio series
    # Orders, exclusions and history are set-based: 2 accounts or 12, the same statements.
    # PostgreSQL writes the three in one; the portable path (SQLite) in three.
    tope = 13 if connection.vendor == "postgresql" else 16
    assert consultas(2, "101") == consultas(12, "102") <= tope


def test_la_vista_previa_anuncia_lo_que_la_lista_genera(cartera, supervisor):
    deudora(cartera, meses=2, clasificacion="comercial")
    deudora(cartera, meses=3)
    deudora(cartera, clasificacion="publica", monto="100.00")
    previa = corte_vista_previa({"cartera": cartera.clave}, dia=DIA)
    assert (previa["elegibles"], previa["total_vencido"], previa["excluidas"]) == (
        2,
        D("1250.00"),
        1,
    )
    assert previa["por_accion"] == {"suspension": 1, "reduccion": 1}
    assert previa["exclusiones"] == [
        {
            "motivo": "institucion_publica",
            "etiqueta": "Institución pública",
            "regla": None,
            "regla_nombre": "",
            "cuentas": 1,
            "saldo_vencido": D("300.00"),
        }
    ]
    lista = generar(cartera, supervisor)
    assert (lista.ordenes, lista.total_vencido, lista.excluidas) == (2, D("1250.00"), 1)
    assert ExclusionCorte.objects.filter(lista=lista).count() == 1


# --- assignment -----------------------------------------------------------------------------


def test_asignar_una_ruta_a_un_cortador(cartera, supervisor, crear_usuario):
    cortador = crear_usuario("cortador")
    en_ruta = [deudora(cartera, ruta="101") for _ in range(2)]
    otra = deudora(cartera, ruta="102")
    lista = generar(cartera, supervisor)
    asignadas = ordenes_asignar(
        lista=lista, cortador=cortador, sector="1", ruta="101", asignado_por=supervisor
    )
    assert asignadas == 2
    assert {o.cuenta.numero for o in cortador.ordenes_corte.select_related("cuenta")} == {
        c.numero for c in en_ruta
    }
    assert ordenes(lista)[otra.numero].cortador is None
    registro = OrdenCorte.history.filter(history_type="~").latest("history_id")
    assert (registro.cortador_id, registro.history_user) == (cortador.pk, supervisor)
    # assigning again changes nothing
    assert ordenes_asignar(lista=lista, cortador=cortador, ruta="101", asignado_por=supervisor) == 0


def test_sin_restricciones_en_la_base_el_orm_aun_protege_cuentas_y_cortadores(
    cartera, supervisor, crear_usuario
):
    # A list writes its rows by the tens of thousands: no foreign key is checked per row at
    # commit (cobranza.cortes.models), so the ORM's on_delete=PROTECT is what keeps them.
    if connection.vendor == "postgresql":
        assert llaves_foraneas("cobranza_ordencorte") == 0
        assert llaves_foraneas("cobranza_exclusioncorte") == 0
    cortador = crear_usuario("cortador")
    cuenta = deudora(cartera, ruta="101")
    lista = generar(cartera, supervisor)
    ordenes_asignar(lista=lista, cortador=cortador, ruta="101", asignado_por=supervisor)
    orden = OrdenCorte.objects.get(lista=lista, cuenta=cuenta)
    for protegido in (cortador, cuenta):
        with pytest.raises(ProtectedError) as error, transaction.atomic():
            protegido.delete()
        assert orden in error.value.protected_objects
    assert OrdenCorte.objects.filter(pk=orden.pk, cortador=cortador).exists()


def test_solo_se_asigna_a_cortadores_y_rutas_con_pendientes(cartera, supervisor, crear_usuario):
    deudora(cartera, ruta="101")
    lista = generar(cartera, supervisor)
    with pytest.raises(ValidationError) as error:
        ordenes_asignar(
            lista=lista, cortador=crear_usuario("ventanilla"), ruta="101", asignado_por=supervisor
        )
    assert "cortador" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        ordenes_asignar(
            lista=lista, cortador=crear_usuario("cortador"), ruta="999", asignado_por=supervisor
        )
    assert "ruta" in error.value.message_dict
