"""`seed_demo`'s work: the two demo carteras, the generated blocks, the maintained saldos."""

import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Max

from cobranza.demo.escritura import (
    EscritorCopy,
    EscritorEnParalelo,
    EscritorOrm,
    indices_diferidos,
    secuencias_ajustar,
)
from cobranza.demo.generador import CarteraDemo, Contadores, Generador, Parametros
from cobranza.libro.services.saldos import saldos_recalcular
from cobranza.models import Aplicacion, Cargo, CorridaRecargos, Pago, SaldoCuenta
from padron.fechas import hoy as hoy_local
from padron.models import Cartera, CondicionEspecial, Cuenta, Folio, Titular

CARTERAS_DEMO = (
    {
        "clave": "agua-caborca",
        "nombre": "OOMAPAS Caborca",
        "tipo": Cartera.Tipo.AGUA,
        "institucion": "Organismo Operador Municipal de Agua Potable, Alcantarillado y "
        "Saneamiento de Caborca",
        "tasa_recargo_mensual": Decimal("1.47"),
        "tope_recargos": Decimal("100"),
    },
    {
        "clave": "creditos-becas-sonora",
        "nombre": "Créditos educativos Becas Sonora",
        "tipo": Cartera.Tipo.CREDITO,
        "institucion": "Instituto de Becas y Crédito Educativo del Estado de Sonora",
        "tasa_recargo_mensual": Decimal("1.00"),
        "tope_recargos": Decimal("50"),
        "umbral_morosos_meses": 6,
        "umbral_morosos_monto": Decimal("3000.00"),
        "interes_antes_que_capital": True,
    },
)
MODELOS_CARGADOS = (Titular, CondicionEspecial, Cuenta, Cargo, Pago, Aplicacion)


@dataclass
class Resumen:
    cuentas: int = 0
    titulares: int = 0
    condiciones: int = 0
    cargos: int = 0
    pagos: int = 0
    aplicaciones: int = 0
    omitido: bool = False
    tiempos: dict = field(default_factory=dict)


def carteras_demo():
    """The two demo carteras (created once; their rules stay as a supervisor left them)."""
    carteras = []
    for datos in CARTERAS_DEMO:
        datos = dict(datos)
        cartera, _ = Cartera.objects.get_or_create(clave=datos.pop("clave"), defaults=datos)
        carteras.append(cartera)
    return carteras


def _cartera_demo(cartera):
    return CarteraDemo(
        id=cartera.pk,
        clave=cartera.clave,
        prelacion=tuple(cartera.prelacion),
        tasa_recargo=int(cartera.tasa_recargo_mensual * 10000),
        tope_recargos=int(cartera.tope_recargos * 10000),
        dias_gracia=cartera.dias_gracia_recargo,
        interes_antes_que_capital=cartera.interes_antes_que_capital,
    )


def _contadores():
    contadores = Contadores()
    for nombre, modelo in (
        ("titular", Titular),
        ("condicion", CondicionEspecial),
        ("cuenta", Cuenta),
        ("cargo", Cargo),
        ("pago", Pago),
        ("aplicacion", Aplicacion),
    ):
        setattr(contadores, nombre, (modelo.objects.aggregate(m=Max("id"))["m"] or 0) + 1)
    contadores.folios = dict(Folio.objects.values_list("serie", "ultimo"))
    return contadores


def _vacias():
    return not (Cuenta.objects.exists() or Titular.objects.exists() or Cargo.objects.exists())


def _bloques_escribir(generador, escritor, resumen, recargos, informar, inicio):
    for numero, datos in enumerate(generador.bloques()):
        escritor.escribir(datos)
        resumen.cuentas += len(datos.cuentas)
        resumen.titulares += len(datos.titulares)
        resumen.condiciones += len(datos.condiciones)
        resumen.cargos += len(datos.cargos)
        resumen.pagos += len(datos.pagos)
        resumen.aplicaciones += len(datos.aplicaciones)
        for clave, (n, total) in datos.recargos.items():
            acumulado = recargos.setdefault(clave, [0, 0])
            acumulado[0] += n
            acumulado[1] += total
        if numero % 10 == 9:
            informar(
                f"  {resumen.cuentas:,} cuentas, {resumen.cargos:,} cargos "
                f"({time.perf_counter() - inicio:.0f} s)"
            )


def demo_cargar(
    *, cuentas: int, meses: int, seed: int, hoy=None, bloque: int = 2000, informar=None
) -> Resumen:
    """Load the demo padrón and ledger in one transaction; skip if it is already there.

    On PostgreSQL the rows go in with COPY and, when the padrón is empty, the
    secondary indexes are built after the load. The maintained balances come
    from one SQL statement over all accounts (saldos_recalcular).
    """
    informar = informar or (lambda texto: None)
    resumen = Resumen()
    hoy = hoy or hoy_local()
    inicio = time.perf_counter()
    with transaction.atomic():
        agua, credito = carteras_demo()
        ya = Cuenta.objects.filter(cartera__in=[agua, credito]).count()
        if ya:
            resumen.omitido, resumen.cuentas = True, ya
            return resumen
        cajero = get_user_model().objects.filter(username="caja").values_list("pk", flat=True)
        contadores = _contadores()
        generador = Generador(
            Parametros(cuentas=cuentas, meses=meses, seed=seed, hoy=hoy, bloque=bloque),
            agua=_cartera_demo(agua),
            credito=_cartera_demo(credito),
            cajero_id=cajero.first(),
            contadores=contadores,
        )
        postgres = connection.vendor == "postgresql"
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        masiva = postgres and _vacias()
        escritor = EscritorEnParalelo(EscritorCopy()) if postgres else EscritorOrm()
        recargos = {}
        with indices_diferidos(informar=informar) if masiva else nullcontext():
            try:
                _bloques_escribir(generador, escritor, resumen, recargos, informar, inicio)
            finally:
                if postgres:
                    escritor.terminar()  # the last block is written before the indexes
            resumen.tiempos["filas"] = time.perf_counter() - inicio
            informar(f"Filas escritas en {resumen.tiempos['filas']:.1f} s")
        resumen.tiempos["indices"] = time.perf_counter() - inicio - resumen.tiempos["filas"]
        for serie, ultimo in contadores.folios.items():
            folio, _ = Folio.objects.get_or_create(serie=serie)
            if ultimo > folio.ultimo:
                Folio.objects.filter(serie=serie).update(ultimo=ultimo)
        # The seed ran the monthly recargos of every month it covers: the live task
        # finds those months done (CorridaRecargos is its idempotency key).
        CorridaRecargos.objects.bulk_create(
            [
                CorridaRecargos(
                    cartera_id=cartera.pk,
                    periodo=mes,
                    cuentas=recargos.get((cartera.pk, mes), (0, 0))[0],
                    total=Decimal(recargos.get((cartera.pk, mes), (0, 0))[1]).scaleb(-2),
                )
                for cartera in (agua, credito)
                for mes in generador.meses
            ],
            ignore_conflicts=True,
        )
        if postgres:
            secuencias_ajustar(MODELOS_CARGADOS)
            with connection.cursor() as cursor:
                for modelo in MODELOS_CARGADOS:
                    cursor.execute(f"ANALYZE {modelo._meta.db_table}")
        marca = time.perf_counter()
        saldos_recalcular(dia=hoy)
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SaldoCuenta._meta.db_table}")
        resumen.tiempos["saldos"] = time.perf_counter() - marca
    resumen.tiempos["total"] = time.perf_counter() - inicio
    return resumen
