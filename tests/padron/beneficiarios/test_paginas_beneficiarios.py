"""The Coordinador de Seguimiento's pages: the work list on the home page, the beneficiario,
the status files of the instituciones, and what the role may not see."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padron.beneficiarios.models import EstatusAcademico, Tramite
from padron.beneficiarios.services import estatus_registrar, periodo_de, tramite_solicitar
from padron.fechas import hoy
from padron.importacion.models import Importacion
from padron.importacion.trabajos import importacion_crear, importacion_procesar
from tests.factories import CarteraFactory, CuentaFactory

D = Decimal
pytestmark = pytest.mark.fecha


def mundo(estudiante, personal, cuantos=3):
    """Beneficiarios with something pending each: evidence overdue, no status this periodo, a
    ministración waiting, a procedure to authorise."""
    creditos = []
    for n in range(cuantos):
        credito = estudiante(f"CE-{n}", liberadas=(D("5000"),), pendientes=(D("5000"),))
        creditos.append(credito)
    vencida = creditos[0]
    estatus_registrar(
        credito=vencida,
        periodo=periodo_de(hoy()),
        estatus="regular",
        tipo_evidencia="constancia",
        evidencia_vence=hoy() - timedelta(days=3),
        usuario=personal["seguimiento"],
    )
    tramite_solicitar(
        credito=creditos[-1],
        tipo="suspension",
        motivo="No se reinscribió",
        fecha_efectiva=hoy(),
        usuario=personal["seguimiento"],
    )
    return creditos


def test_el_inicio_del_coordinador_es_su_lista_de_trabajo(
    client, estudiante, personal, django_assert_max_num_queries
):
    creditos = mundo(estudiante, personal)
    client.force_login(personal["seguimiento"])
    # The work list, plus the cards of atención, quejas, encuestas and préstamos: fixed, not per row.
    with django_assert_max_num_queries(38):
        pagina = client.get("/inicio/seguimiento/")
    html = pagina.content.decode()
    assert pagina.status_code == 200
    seccion = html.split('id="pendientes-evidencia"')[1].split("</section>")[0]
    assert "CE-0" in seccion and "CE-1" not in seccion
    sin_estatus = html.split('id="pendientes-sin-estatus"')[1].split("</section>")[0]
    assert "CE-1" in sin_estatus and "CE-0" not in sin_estatus
    tramites = html.split('id="pendientes-tramites"')[1].split("</section>")[0]
    assert "Suspensión" in tramites and creditos[-1].cuenta.titular.nombre_completo in tramites


def test_las_listas_no_crecen_en_consultas_con_los_beneficiarios(
    estudiante, personal, django_assert_max_num_queries
):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    mundo(estudiante, personal, cuantos=2)
    coordinador, supervisor = Client(), Client()
    coordinador.force_login(personal["seguimiento"])
    supervisor.force_login(personal["supervisor"])
    paginas = (
        (coordinador, "/inicio/seguimiento/"),
        (coordinador, "/padron/beneficiarios/"),
        (supervisor, "/padron/beneficiarios/tramites/"),
    )
    antes = []
    for cliente, url in paginas:
        with CaptureQueriesContext(connection) as consultas:
            assert cliente.get(url).status_code == 200
        antes.append(len(consultas))
    for n in range(2, 8):
        otro = estudiante(f"CE-X{n}", liberadas=(D("1000"),), pendientes=(D("1000"),))
        tramite_solicitar(
            credito=otro,
            tipo="baja",
            motivo="Baja definitiva",
            fecha_efectiva=hoy(),
            usuario=personal["seguimiento"],
        )
    for (cliente, url), cuantas in zip(paginas, antes, strict=True):
        with django_assert_max_num_queries(cuantas):
            cliente.get(url)


def test_seguimiento_no_ve_cuentas_de_agua(client, cliente_api, estudiante, personal):
    agua = CuentaFactory(numero="A-100", cartera=CarteraFactory())
    credito = estudiante()
    usuario = personal["seguimiento"]
    client.force_login(usuario)
    assert client.get(f"/cuentas/{agua.numero}/").status_code == 404
    assert client.get(f"/cuentas/{credito.cuenta.numero}/").status_code == 200
    api = cliente_api(usuario)
    assert api.get(f"/api/v1/cuentas/{agua.numero}/").status_code == 404
    assert api.get(f"/api/v1/cuentas/{credito.cuenta.numero}/").status_code == 200
    encontradas = api.get("/api/v1/cuentas/", {"q": "Pérez"}).json()
    numeros = {c["numero"] for c in encontradas["resultados"]}
    assert numeros == {credito.cuenta.numero}


def test_otros_roles_no_entran_a_beneficiarios(client, cliente_api, estudiante, crear_usuario):
    credito = estudiante()
    cajero = crear_usuario("caja")
    client.force_login(cajero)
    assert client.get("/padron/beneficiarios/").status_code == 403
    assert client.get(f"/padron/beneficiarios/{credito.cuenta.numero}/").status_code == 403
    assert client.get("/credito/reportes/").status_code == 403
    api = cliente_api(cajero)
    assert api.get("/api/v1/padron/beneficiarios/").status_code == 403
    assert api.get("/api/v1/credito/reporte/").status_code == 403


def test_liberar_sin_evidencia_dice_que_falta(client, estudiante, personal):
    credito = estudiante(liberadas=(D("5000"),), pendientes=(D("5000"),))
    pendiente = credito.ministraciones.get(estado="programada")
    client.force_login(personal["seguimiento"])
    respuesta = client.post(
        f"/padron/beneficiarios/{credito.cuenta.numero}/ministraciones/{pendiente.pk}/liberar/",
        follow=True,
    )
    assert "Falta la evidencia del periodo" in respuesta.content.decode()
    pendiente.refresh_from_db()
    assert pendiente.estado == "programada"


def test_el_detalle_del_beneficiario_muestra_su_historia(
    client, estudiante, personal, django_assert_max_num_queries
):
    credito = estudiante(liberadas=(D("5000"), D("5000")), pendientes=(D("5000"),))
    client.force_login(personal["seguimiento"])
    with django_assert_max_num_queries(30):
        html = client.get(f"/padron/beneficiarios/{credito.cuenta.numero}/").content.decode()
    assert "Licenciatura en Derecho" in html
    assert html.count("Liberada") >= 2 and "Programada" in html


def _archivo(texto, nombre="estatus.csv"):
    return SimpleUploadedFile(nombre, texto.encode("utf-8"), content_type="text/csv")


def test_el_archivo_de_la_institucion_registra_el_estatus_con_su_evidencia(estudiante, personal):
    credito = estudiante(liberadas=(D("5000"),), pendientes=(D("5000"),))
    credito.matricula = "A2601"
    credito.save()
    periodo = periodo_de(hoy())
    importacion = importacion_crear(
        tipo=Importacion.Tipo.ESTATUS_ACADEMICO,
        archivo=_archivo(f"matricula,periodo,estatus\nA2601,{periodo},Inscrito irregular\n"),
        usuario=personal["seguimiento"],
    )
    importacion_procesar(importacion.pk)
    importacion.refresh_from_db()
    assert importacion.estado == Importacion.Estado.TERMINADA, importacion.resumen
    registro = EstatusAcademico.objects.get(credito=credito, periodo=periodo)
    assert registro.estatus == "irregular" and registro.con_evidencia
    assert registro.origen == EstatusAcademico.Origen.ARCHIVO


def test_un_renglon_malo_rechaza_el_archivo_entero(estudiante, personal):
    credito = estudiante(liberadas=(D("5000"),), pendientes=(D("5000"),))
    curp = "PEVJ900101HSRRLN09"
    credito.cuenta.titular.curp = curp
    credito.cuenta.titular.save()
    periodo = periodo_de(hoy())
    importacion = importacion_crear(
        tipo=Importacion.Tipo.ESTATUS_ACADEMICO,
        archivo=_archivo(
            f"curp,periodo,estatus\n{curp},{periodo},regular\n{curp},2026-3,regular\n"
            f"XAXX010101HSRRRR01,{periodo},regular\n"
        ),
        usuario=personal["seguimiento"],
    )
    importacion_procesar(importacion.pk)
    importacion.refresh_from_db()
    assert importacion.estado == Importacion.Estado.RECHAZADA
    errores = " ".join(importacion.resumen["errores"])
    assert "Fila 3" in errores and "periodo" in errores.lower()
    assert "Fila 4" in errores
    assert not EstatusAcademico.objects.filter(credito=credito, periodo=periodo).exists()


def test_el_tramite_por_autorizar_se_resuelve_desde_su_cola(client, estudiante, personal):
    credito = estudiante(liberadas=(D("5000"),), pendientes=(D("5000"),))
    tramite = tramite_solicitar(
        credito=credito,
        tipo="retencion",
        motivo="Constancia vencida",
        fecha_efectiva=credito.ministraciones.get(estado="programada").fecha_programada,
        usuario=personal["seguimiento"],
    )
    client.force_login(personal["supervisor"])
    assert tramite.folio in client.get("/padron/beneficiarios/tramites/").content.decode()
    client.post(f"/padron/beneficiarios/tramites/{tramite.folio}/autorizar/")
    tramite.refresh_from_db()
    assert tramite.estado == Tramite.Estado.AUTORIZADO
    assert tramite.resuelto_por == personal["supervisor"]
    assert credito.ministraciones.get(periodo=periodo_de(hoy())).estado == "retenida"
