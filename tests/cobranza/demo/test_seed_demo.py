"""seed_demo: a realistic, deterministic padrón whose ledger obeys the ledger's rules."""

import hashlib
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q, Sum

from cobranza.credito.models import TablaAmortizacion
from cobranza.demo.carga import demo_cargar
from cobranza.demo.credito import HISTORIAS
from cobranza.demo.generador import CarteraDemo, Generador, Parametros
from cobranza.libro.services.cargos import cargo_registrar
from cobranza.libro.services.pagos import pago_registrar
from cobranza.libro.services.recargos import recargo_calcular, recargos_generar
from cobranza.libro.services.saldos import saldos_diferencias
from cobranza.models import (
    CONCEPTOS_PRINCIPAL,
    Aplicacion,
    Cargo,
    Concepto,
    CorridaRecargos,
    Pago,
    SaldoCuenta,
)
from padron.beneficiarios.models import EstatusAcademico
from padron.beneficiarios.selectors import pendientes_del_coordinador
from padron.beneficiarios.services import periodo_de
from padron.dinero import redondear
from padron.fechas import hoy
from padron.models import Cartera, CondicionEspecial, Cuenta, Folio, Titular
from padron.validadores import validar_curp, validar_rfc
from tests.factories import TitularFactory

HOY = date(2026, 3, 18)
PRELACION = ("gastos_ejecucion", "recargos", "multas_extraordinarios", "principal")


def _digesto(cuentas, seed, meses=14):
    generador = Generador(
        Parametros(cuentas=cuentas, meses=meses, seed=seed, hoy=HOY, bloque=40),
        agua=CarteraDemo(1, "agua-caborca", PRELACION, 14700, 1000000),
        credito=CarteraDemo(2, "creditos-becas-sonora", PRELACION, 10000, 500000),
        cajero_id=9,
    )
    h = hashlib.sha256()
    for bloque in generador.bloques():
        for objetos in (bloque.titulares, bloque.condiciones, bloque.cuentas):
            for obj in objetos:
                fila = tuple(getattr(obj, f.attname) for f in obj._meta.concrete_fields)
                h.update(repr(fila).encode())
        for filas in (bloque.cargos, bloque.pagos, bloque.aplicaciones):
            h.update(repr(filas).encode())
    return h.hexdigest()


def test_misma_semilla_mismos_datos_otra_semilla_otros():
    assert _digesto(150, seed=7) == _digesto(150, seed=7)
    assert _digesto(150, seed=7) != _digesto(150, seed=8)


@pytest.fixture
def cajero(crear_usuario):
    return crear_usuario("caja", username="caja")


@pytest.fixture
def sembrado(db, cajero):
    resumen = demo_cargar(cuentas=220, meses=14, seed=11, hoy=HOY, bloque=50)
    assert not resumen.omitido
    return resumen


def _comprobar_padron_y_libro(resumen):
    """What a user of the demo would notice, checked on whichever database loaded it."""
    assert Cuenta.objects.count() == 220 == resumen.cuentas
    agua = Cuenta.objects.filter(cartera__clave="agua-caborca").count()
    credito = Cuenta.objects.filter(cartera__clave="creditos-becas-sonora").count()
    assert agua + credito == 220 and credito > 0
    assert 0.75 <= agua / 220 <= 0.95
    assert Cartera.objects.get(clave="agua-caborca").tipo == Cartera.Tipo.AGUA

    # Valid CURP for every persona física, valid RFC wherever there is one.
    fisicas = Titular.objects.filter(tipo_persona="fisica")
    assert fisicas.exists() and Titular.objects.filter(tipo_persona="moral").exists()
    for curp in fisicas.values_list("curp", flat=True):
        validar_curp(curp)
    for rfc in Titular.objects.exclude(rfc="").values_list("rfc", flat=True):
        validar_rfc(rfc)
    assert CondicionEspecial.objects.exists()
    for apellido in ("Pérez", "Peña", "Muñoz"):
        assert (
            Titular.objects.filter(apellido_paterno=apellido).exists()
            or Titular.objects.filter(apellido_materno=apellido).exists()
        )
    assert Cuenta.objects.filter(busqueda__contains="PEREZ").exists()
    assert Cuenta.objects.exclude(clasificacion="domestica").exclude(clasificacion="").exists()

    # Each stored figure agrees with the applications.
    # (compared in Python: SQLite adds decimals as floats)
    aplicado = Sum("aplicaciones__monto", default=Decimal("0"))
    for modelo, campo in ((Cargo, "saldo"), (Pago, "remanente")):
        for monto, guardado, suma in modelo.objects.annotate(a=aplicado).values_list(
            "monto", campo, "a"
        ):
            assert redondear(guardado) == redondear(monto) - redondear(suma)
    assert saldos_diferencias(dia=HOY) == []
    assert SaldoCuenta.objects.count() == 220

    # Morosos of every age, and overpayers.
    cubetas = set(SaldoCuenta.objects.exclude(antiguedad="").values_list("antiguedad", flat=True))
    assert len(cubetas) >= 4, cubetas
    assert SaldoCuenta.objects.filter(saldo_a_favor__gt=0).exists()
    assert SaldoCuenta.objects.filter(saldo=0, saldo_a_favor=0).exists()
    assert Cargo.objects.filter(concepto=Concepto.RECARGO).exists()
    assert CorridaRecargos.objects.exists()
    assert Cuenta.objects.filter(estado="cortada").exists()

    # Folios: the series counters stand at the last folio issued.
    for folio in Folio.objects.filter(serie__startswith="R"):
        ultimo = Pago.objects.filter(folio__startswith=f"{folio.serie}-").order_by("-folio")[0]
        assert ultimo.folio == f"{folio.serie}-{folio.ultimo:06d}"


def test_carga_en_sqlite_o_la_base_de_pruebas(sembrado):
    _comprobar_padron_y_libro(sembrado)


def test_un_pago_en_vivo_despues_de_sembrar_toma_el_folio_siguiente(sembrado, cajero):
    cuenta = Cuenta.objects.filter(saldo__saldo__gt=0).first()
    antes = cuenta.saldo.saldo
    pago = pago_registrar(cuenta=cuenta, monto="100.00", registrado_por=cajero)
    serie = pago.folio.split("-")[0]
    assert Pago.objects.filter(folio=pago.folio).count() == 1
    assert Folio.objects.get(serie=serie).ultimo == int(pago.folio.split("-")[1])
    cuenta.saldo.refresh_from_db()
    assert cuenta.saldo.saldo == antes - Decimal("100.00")


def test_los_recargos_del_mes_ya_corrieron_en_la_carga(sembrado):
    cartera = Cartera.objects.get(clave="agua-caborca")
    corrida = recargos_generar(cartera=cartera, periodo=HOY, dia=HOY)
    assert corrida.repetida
    assert CorridaRecargos.objects.filter(cartera=cartera).count() == 15  # 14 months + this one


def test_sembrar_otra_vez_no_duplica(sembrado):
    otra = demo_cargar(cuentas=50, meses=3, seed=1, hoy=HOY)
    assert otra.omitido and Cuenta.objects.count() == 220


def _cuentas_interesantes():
    con = Cuenta.objects.annotate(
        gastos=Count("cargos", filter=Q(cargos__concepto="gasto_ejecucion")),
        recargos=Count("cargos", filter=Q(cargos__concepto="recargo")),
    )
    elegidas = [
        con.filter(gastos__gt=0).first(),
        con.filter(recargos__gt=3).first(),
        Cuenta.objects.filter(saldo__saldo_a_favor__gt=0).first(),
        Cuenta.objects.filter(cartera__clave="creditos-becas-sonora", saldo__saldo__gt=0).first(),
        Cuenta.objects.filter(saldo__antiguedad="1-30").first(),
    ]
    return [c for c in elegidas if c is not None]


def _recargo_del_servicio(cuenta, dia):
    """What cobranza.libro.services.recargos would charge this cuenta on `dia`."""
    cartera = cuenta.cartera
    limite = dia - timedelta(days=cartera.dias_gracia_recargo)
    pendientes = Cargo.objects.filter(cuenta=cuenta, saldo__gt=0)
    base = sum(
        c.saldo
        for c in pendientes.filter(concepto__in=CONCEPTOS_PRINCIPAL, fecha_vencimiento__lt=limite)
    )
    return recargo_calcular(
        base=base,
        pendientes=sum(c.saldo for c in pendientes.filter(concepto=Concepto.RECARGO)),
        tasa=cartera.tasa_recargo_mensual,
        tope=cartera.tope_recargos,
    )


def test_cada_pago_se_aplico_como_lo_aplican_los_servicios(sembrado, cajero):
    """Replaying an account's cargos and pagos through the services gives the same ledger."""
    cuentas = _cuentas_interesantes()
    assert len(cuentas) >= 4
    for original in cuentas:
        cargos = list(original.cargos.order_by("id"))
        pagos = list(original.pagos.order_by("id"))
        eventos = [(c.fecha_emision, 0, c.id, c) for c in cargos]
        eventos += [(p.fecha, 1, p.id, p) for p in pagos]
        copia = Cuenta.objects.create(
            numero=f"R-{original.numero}", titular=TitularFactory(), cartera=original.cartera
        )
        nuevos_cargos, nuevos_pagos = {}, {}
        for _, tipo, _, obj in sorted(eventos, key=lambda e: e[:3]):
            if tipo == 0 and obj.concepto == Concepto.RECARGO:
                assert obj.monto == _recargo_del_servicio(copia, obj.fecha_emision)
            if tipo == 0:
                nuevos_cargos[obj.id] = cargo_registrar(
                    cuenta=copia,
                    concepto=obj.concepto,
                    monto=obj.monto,
                    fecha_vencimiento=obj.fecha_vencimiento,
                    periodo=obj.periodo,
                    fecha_emision=obj.fecha_emision,
                    servicio=obj.servicio,
                    volumen_m3=obj.volumen_m3,
                    descripcion=obj.descripcion,
                )
            else:
                nuevos_pagos[obj.id] = pago_registrar(
                    cuenta=copia,
                    monto=obj.monto,
                    registrado_por=cajero,
                    canal=obj.canal,
                    fecha=obj.fecha,
                )
        posicion = {nuevo.id: viejo for viejo, nuevo in nuevos_cargos.items()}
        for pago in pagos:
            esperado = [(a.cargo_id, a.monto, a.fecha) for a in pago.aplicaciones.order_by("id")]
            nuevo = nuevos_pagos[pago.id]
            obtenido = [
                (posicion[a.cargo_id], a.monto, a.fecha)
                for a in Aplicacion.objects.filter(pago=nuevo).order_by("id")
            ]
            assert obtenido == esperado, (original.numero, pago.folio)
            nuevo.refresh_from_db()
            assert nuevo.remanente == pago.remanente
        for cargo in cargos:
            nuevo = Cargo.objects.get(pk=nuevos_cargos[cargo.id].pk)
            assert nuevo.saldo == cargo.saldo, (original.numero, cargo.concepto, cargo.periodo)


def test_comando_carga_una_vez_y_crea_usuarios(db, capsys):
    call_command("seed_demo", cuentas=30, meses=4, seed=3)
    salida = capsys.readouterr().out
    assert "caja" in salida and "demo-caja" in salida
    assert "Datos demo: 30 cuentas" in salida
    call_command("seed_demo", cuentas=30, meses=4, seed=3)
    assert "no se cargan de nuevo" in capsys.readouterr().out
    assert Cuenta.objects.count() == 30 + len(HISTORIAS)  # the credit story's beneficiarios
    # The gerencia dashboard has its 12 months per demo cartera, stored once.
    from cobranza.models import ReporteGuardado

    carteras = Cuenta.objects.values("cartera").distinct().count()
    assert ReporteGuardado.objects.filter(tipo="recuperacion").count() == 12 * carteras


def test_la_demo_cuenta_la_historia_del_credito_educativo(db):
    """`make run` shows every estatus, the coordinator's work list and egresados paying."""
    call_command("seed_demo", cuentas=30, meses=4, seed=3)

    periodo = periodo_de(hoy())
    estatus = set(
        EstatusAcademico.objects.filter(periodo=periodo).values_list("estatus", flat=True)
    )
    estatus |= set(
        EstatusAcademico.objects.filter(
            credito__etapa__in=("egresado", "recuperacion", "baja")
        ).values_list("estatus", flat=True)
    )
    assert estatus == set(EstatusAcademico.Estatus.values)
    pendientes = pendientes_del_coordinador()["cuantos"]
    assert all(pendientes[lista] >= 1 for lista in pendientes), pendientes
    en_recuperacion = TablaAmortizacion.objects.filter(vigente=True).count()
    assert en_recuperacion == 3  # started this month, two and three months ago
    pagada = Cuenta.objects.get(numero="CE9000009")
    interes = pagada.cargos.filter(concepto="interes").order_by("fecha_vencimiento").first()
    assert interes.saldo == 0  # her short payment covered the interest first
    retenida = Cuenta.objects.get(numero="CE9000004").credito.ministraciones.last()
    assert retenida.estado == "retenida"


def test_los_creditos_del_padron_entran_al_catalogo_por_lotes(db, monkeypatch):
    """Batched so that a statewide padrón fits in memory: every credit cuenta, in whichever
    batch, gets one credit whose released ministraciones add up to the authorized amount."""
    from cobranza.demo import credito as demo_credito
    from padron.beneficiarios.models import CreditoEducativo

    monkeypatch.setattr(demo_credito, "LOTE_HISTORICOS", 7)
    call_command("seed_demo", cuentas=60, meses=4, seed=3)

    cuentas = Cuenta.objects.filter(cartera__clave="creditos-becas-sonora")
    assert cuentas.count() > 2 * 7  # more than two batches
    assert cuentas.filter(credito__isnull=True).count() == 0
    creditos = CreditoEducativo.objects.filter(cuenta__in=cuentas).annotate(
        liberado=Sum("ministraciones__monto", filter=Q(ministraciones__estado="liberada")),
        n=Count("ministraciones"),
    )
    historicos = creditos.exclude(cuenta__numero__startswith="CE9")
    assert historicos.count() == cuentas.exclude(numero__startswith="CE9").count()
    assert all(c.liberado == c.monto_autorizado and 1 <= c.n <= 12 for c in historicos)
    assert len({c.matricula for c in historicos}) == historicos.count()


def test_solo_usuarios_no_carga_cuentas(db):
    call_command("seed_demo", solo_usuarios=True)
    assert not Cuenta.objects.exists()


@pytest.mark.postgres
def test_carga_con_copy_en_postgresql(db, cajero):
    def indices():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN "
                "('padron_cuenta', 'padron_titular', 'cobranza_cargo', 'cobranza_pago', "
                "'cobranza_aplicacion') ORDER BY 1"
            )
            return cursor.fetchall()

    antes = indices()
    resumen = demo_cargar(cuentas=220, meses=14, seed=11, hoy=HOY, bloque=50)
    assert indices() == antes  # dropped for the load, rebuilt identical
    _comprobar_padron_y_libro(resumen)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT last_value FROM "
            "pg_sequences WHERE schemaname || '.' || sequencename = "
            "pg_get_serial_sequence('cobranza_cargo', 'id')"
        )
        assert cursor.fetchone()[0] == Cargo.objects.order_by("-id")[0].id
