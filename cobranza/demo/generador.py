"""The demo padrón and its ledger, generated block by block.

Every block of accounts is produced from `random.Random` seeded with (seed, block),
so the same seed gives the same rows. Money is handled here as integer centavos
(exact and fast); the writers turn it into Decimal or text.

Each payment is applied exactly as `cobranza.libro.services` would apply it: by the
cartera's prelación (group, then oldest due date, then id), what is left stays
as the pago's remanente (saldo a favor) and pays the next cargos when they are
emitted (`cargo_registrar` -> `saldo_a_favor_aplicar`). A test replays accounts
through the real services and compares.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from cobranza.demo import nombres as N
from cobranza.models import GRUPO_DE_CONCEPTO, Concepto, Servicio
from padron.fechas import sumar_meses
from padron.models import Cuenta, Titular
from padron.validadores import digito_curp

HERMOSILLO = timezone(timedelta(hours=-7))
PRINCIPAL = frozenset(c.value for c, g in GRUPO_DE_CONCEPTO.items() if g == "principal")
# Plain strings in the hot loop (the rows are written as text).
AGUA, DRENAJE = Concepto.CONSUMO_AGUA.value, Concepto.DRENAJE.value
SANEAMIENTO = Concepto.SANEAMIENTO.value
CAPITAL, INTERES = Concepto.CAPITAL.value, Concepto.INTERES.value
RECARGO, GASTO = Concepto.RECARGO.value, Concepto.GASTO_EJECUCION.value
S_AGUA, S_DRENAJE = Servicio.AGUA.value, Servicio.DRENAJE.value
S_SANEAMIENTO = Servicio.SANEAMIENTO.value
S_CREDITO, S_GENERAL = Servicio.CREDITO.value, Servicio.GENERAL.value

# Columns of the ledger rows the generator yields (writers add estado and timestamps).
COLUMNAS_CARGO = (
    "id",
    "cuenta_id",
    "concepto",
    "servicio",
    "periodo",
    "fecha_emision",
    "fecha_vencimiento",
    "monto",
    "saldo",
    "volumen_m3",
    "descripcion",
)
COLUMNAS_PAGO = (
    "id",
    "cuenta_id",
    "folio",
    "fecha",
    "monto",
    "remanente",
    "canal",
    "referencia",
    "registrado_por_id",
)
COLUMNAS_APLICACION = ("id", "pago_id", "cargo_id", "monto", "fecha")

# Cargo being simulated: a list, for speed; indexes below.
C_ID, C_CONCEPTO, C_SALDO, C_VENCE, C_RANGO, C_PERIODO = 0, 2, 8, 6, 11, 4
# Pago being simulated.
P_ID, P_FECHA, P_MONTO, P_REMANENTE = 0, 3, 4, 5

DIGITOS_REFERENCIA = 10
DESCRIPCION_GASTO = "Requerimiento de pago (procedimiento económico coactivo)"


def div_redondeo(numerador: int, denominador: int) -> int:
    """numerador / denominador rounded half-up, for non-negative integers (centavos)."""
    return (2 * numerador + denominador) // (2 * denominador)


@dataclass(frozen=True)
class CarteraDemo:
    id: int
    clave: str
    prelacion: tuple
    tasa_recargo: int  # ten-thousandths of a percent per month (1.47% -> 14700)
    tope_recargos: int  # ten-thousandths of a percent of the principal vencido
    dias_gracia: int = 0
    interes_antes_que_capital: bool = False

    def rangos(self):
        return {c.value: self.prelacion.index(g) for c, g in GRUPO_DE_CONCEPTO.items()}


@dataclass(frozen=True)
class Parametros:
    cuentas: int
    meses: int
    seed: int
    hoy: date
    bloque: int = 2000
    proporcion_agua: float = 0.85


@dataclass
class Contadores:
    """The next id of each table and the last folio of each series."""

    titular: int = 1
    condicion: int = 1
    cuenta: int = 1
    cargo: int = 1
    pago: int = 1
    aplicacion: int = 1
    folios: dict = field(default_factory=dict)


# The tables whose ids the generator hands out (Contadores' fields besides the folios).
TABLAS = ("titular", "condicion", "cuenta", "cargo", "pago", "aplicacion")


def bloques_de(parametros) -> list[tuple]:
    """[(block number, first account index, accounts)] of a seed."""
    total, tamano = parametros.cuentas, parametros.bloque
    return [
        (n, inicio, min(tamano, total - inicio)) for n, inicio in enumerate(range(0, total, tamano))
    ]


@dataclass
class Bloque:
    numero: int
    titulares: list = field(default_factory=list)  # padron.Titular (unsaved, with id)
    condiciones: list = field(default_factory=list)  # padron.CondicionEspecial
    cuentas: list = field(default_factory=list)  # padron.Cuenta
    cargos: list = field(default_factory=list)  # tuples, COLUMNAS_CARGO (centavos)
    pagos: list = field(default_factory=list)  # tuples, COLUMNAS_PAGO
    aplicaciones: list = field(default_factory=list)  # tuples, COLUMNAS_APLICACION
    # (cartera_id, periodo) -> [cuentas, total centavos] of the recargos charged
    recargos: dict = field(default_factory=dict)


class Libro:
    """One account's ledger during the simulation, with the services' rules."""

    __slots__ = (
        "gen",
        "cuenta_id",
        "rangos",
        "cargos",
        "pendientes",
        "pagos",
        "a_favor",
        "orden",
        "interes_primero",
    )

    def __init__(self, gen, cuenta_id, rangos, interes_primero=False):
        self.gen = gen
        self.cuenta_id = cuenta_id
        self.rangos = rangos
        self.interes_primero = interes_primero
        self.cargos = []
        self.pendientes = []
        self.pagos = []
        self.a_favor = []
        self.orden = True

    def cargar(self, concepto, servicio, periodo, emision, vence, monto, volumen=None, desc=""):
        ids = self.gen.ids
        cargo = [
            ids.cargo,
            self.cuenta_id,
            concepto,
            servicio,
            periodo,
            emision,
            vence,
            monto,
            monto,
            volumen,
            desc,
            self.rangos[concepto],
        ]
        ids.cargo += 1
        self.cargos.append(cargo)
        self.pendientes.append(cargo)
        self.orden = False
        return cargo

    def aplicar_a_favor(self, fecha):
        """cargo_registrar: the saldo a favor (oldest pago first) pays the new cargos."""
        for pago in list(self.a_favor):
            self._aplicar(pago, fecha)

    def pagar(self, fecha, monto, canal="caja", referencia="", registrado_por=None):
        gen = self.gen
        serie = f"R{fecha.year % 100:02d}"
        numero = gen.ids.folios.get(serie, 0) + 1
        gen.ids.folios[serie] = numero
        pago = [
            gen.ids.pago,
            self.cuenta_id,
            f"{serie}-{numero:06d}",  # folio_desplazado reads it back
            fecha,
            monto,
            monto,
            canal,
            referencia,
            registrado_por,
        ]
        gen.ids.pago += 1
        self.pagos.append(pago)
        self.a_favor.append(pago)
        self._aplicar(pago, fecha)
        return pago

    def _aplicar(self, pago, fecha):
        pendientes = self.pendientes
        if not self.orden:
            pendientes.sort(
                key=_clave_interes_primero if self.interes_primero else _clave_prelacion
            )
            self.orden = True
        disponible = pago[P_REMANENTE]
        aplicaciones = self.gen.bloque.aplicaciones
        ids = self.gen.ids
        pagados = 0
        for cargo in pendientes:
            if disponible <= 0:
                break
            monto = cargo[C_SALDO] if cargo[C_SALDO] <= disponible else disponible
            cargo[C_SALDO] -= monto
            disponible -= monto
            aplicaciones.append((ids.aplicacion, pago[P_ID], cargo[C_ID], monto, fecha))
            ids.aplicacion += 1
            if cargo[C_SALDO] == 0:
                pagados += 1
        if pagados:
            del pendientes[:pagados]
        pago[P_REMANENTE] = disponible
        if disponible == 0 and pago in self.a_favor:
            self.a_favor.remove(pago)

    # What a clerk would read on the bill.
    def adeudo(self):
        return sum(c[C_SALDO] for c in self.pendientes) - sum(p[P_REMANENTE] for p in self.a_favor)

    def principal_vencido(self, dia, gracia=0):
        if gracia:
            dia = dia - timedelta(days=gracia)
        return sum(
            c[C_SALDO] for c in self.pendientes if c[C_VENCE] < dia and c[C_CONCEPTO] in PRINCIPAL
        )

    def meses_vencidos(self, dia):
        return len(
            {
                c[C_PERIODO]
                for c in self.pendientes
                if c[C_VENCE] < dia and c[C_CONCEPTO] in PRINCIPAL
            }
        )

    def recargos_pendientes(self):
        return sum(c[C_SALDO] for c in self.pendientes if c[C_CONCEPTO] == RECARGO)


def _clave_prelacion(cargo):
    return (cargo[C_RANGO], cargo[C_VENCE], cargo[C_ID])


def _clave_interes_primero(cargo):
    return (cargo[C_RANGO], cargo[C_VENCE], cargo[C_CONCEPTO] != INTERES, cargo[C_ID])


class Generador:
    """Yields Bloques of `parametros.bloque` accounts until `parametros.cuentas`."""

    def __init__(self, parametros, *, agua, credito, cajero_id=None, contadores=None):
        self.p = parametros
        self.agua = agua
        self.credito = credito
        self.cajero_id = cajero_id
        self.ids = contadores or Contadores()
        self.rangos = {agua.id: agua.rangos(), credito.id: credito.rangos()}
        actual = parametros.hoy.replace(day=1)
        # meses[0] = first billed period ... meses[M] = the current month
        self.meses = [
            sumar_meses(actual, k - parametros.meses) for k in range(parametros.meses + 1)
        ]
        self.bloque = None
        self.rng = None
        self.indice = 0

    def bloques(self):
        for numero, inicio, cantidad in bloques_de(self.p):
            yield self.generar_bloque(numero, inicio, cantidad)

    def generar_bloque(self, numero, inicio, cantidad) -> Bloque:
        self.bloque = Bloque(numero=numero)
        self.rng = random.Random(self.p.seed * 1_000_003 + numero)
        anterior = None
        for i in range(inicio, inicio + cantidad):
            self.indice = i
            if self.rng.random() < self.p.proporcion_agua:
                anterior = self._cuenta_agua(anterior)
            else:
                anterior = self._cuenta_credito()
        return self.bloque

    # ---- persons -------------------------------------------------------
    def _persona(self, *, nacido_entre=(1942, 2003), municipio=None):
        rng = self.rng
        mujer = rng.random() < 0.5
        nombre = rng.choice(N.NOMBRES_MUJER if mujer else N.NOMBRES_HOMBRE)
        paterno = rng.choice(N.APELLIDOS)
        materno = "" if rng.random() < 0.02 else rng.choice(N.APELLIDOS)
        anio = rng.randint(*nacido_entre)
        nacimiento = date(anio, rng.randint(1, 12), rng.randint(1, 28))
        curp = curp_generar(
            nombre,
            paterno,
            materno,
            nacimiento,
            "M" if mujer else "H",
            rng.choice(N.ENTIDADES_NACIMIENTO),
            rng,
        )
        rfc = curp[:10] + _homoclave(rng) if rng.random() < 0.25 else ""
        municipio = municipio or "Caborca"
        datos = {
            "tipo_persona": Titular.TipoPersona.FISICA,
            "nombre": nombre,
            "apellido_paterno": paterno,
            "apellido_materno": materno,
            "curp": curp,
            "rfc": rfc,
            "email": _correo(rng, nombre, paterno) if rng.random() < 0.35 else "",
        }
        return datos, nacimiento, municipio

    def _moral(self, clasificacion):
        rng = self.rng
        if clasificacion == Cuenta.Clasificacion.PUBLICA:
            razon = rng.choice(N.PUBLICOS)
        elif rng.random() < 0.4:
            razon = f"{rng.choice(N.EMPRESAS)} {rng.choice(N.SOCIEDADES)}"
        else:
            apellido = rng.choice(N.APELLIDOS)
            giro = rng.choice(N.GIROS)
            razon = f"{giro} {apellido if rng.random() < 0.5 else rng.choice(N.NOMBRES_NEGOCIO)}"
            if rng.random() < 0.3:
                razon += f" {rng.choice(N.SOCIEDADES)}"
        constitucion = date(rng.randint(1970, 2020), rng.randint(1, 12), rng.randint(1, 28))
        return {
            "tipo_persona": Titular.TipoPersona.MORAL,
            "nombre": razon,
            "rfc": rfc_moral(razon, constitucion, rng),
            "email": "" if rng.random() < 0.4 else f"contacto{self.indice}@{_dominio(razon)}",
        }

    def _titular(self, datos, municipio, domicilio, colonia):
        rng = self.rng
        clave_inegi, lada, (cp_desde, cp_hasta), _ = N.MUNICIPIOS[municipio]
        titular = Titular(
            id=self.ids.titular,
            telefono=f"{lada}{rng.randint(1000000, 9999999)}" if rng.random() < 0.9 else "",
            telefono_alterno=f"{lada}{rng.randint(1000000, 9999999)}" if rng.random() < 0.3 else "",
            domicilio=domicilio,
            colonia=colonia,
            municipio=municipio,
            codigo_postal=str(rng.randint(cp_desde, cp_hasta)),
            creado=datetime(2020, 1, 1, 9, tzinfo=HERMOSILLO),
            **datos,
        )
        completar = getattr(titular, "completar_derivados", None)
        if completar:
            completar()
        else:
            from padron.texto import normalizar

            titular.nombre_normalizado = normalizar(titular.nombre_completo)
        self.ids.titular += 1
        self.bloque.titulares.append(titular)
        return titular

    def _condicion(self, titular, nacimiento):
        from padron.models import CondicionEspecial

        rng = self.rng
        edad = self.p.hoy.year - nacimiento.year
        tipo = None
        if edad >= 60 and rng.random() < 0.18:
            tipo = "adulto_mayor"
        elif edad >= 55 and rng.random() < 0.06:
            tipo = rng.choice(("pensionado", "jubilado"))
        elif rng.random() < 0.01:
            tipo = "discapacidad"
        if tipo is None:
            return
        desde = self.p.hoy - timedelta(days=rng.randint(30, 5 * 365))
        hasta = None if tipo == "adulto_mayor" else desde + timedelta(days=rng.randint(1, 3) * 365)
        self.bloque.condiciones.append(
            CondicionEspecial(
                id=self.ids.condicion,
                titular_id=titular.id,
                tipo=tipo,
                evidencia="",
                descripcion_evidencia=N.EVIDENCIAS[tipo],
                vigente_desde=desde,
                vigente_hasta=hasta,
            )
        )
        self.ids.condicion += 1

    def _domicilio(self, municipio):
        rng = self.rng
        colonia = rng.choice(N.MUNICIPIOS[municipio][3])
        numero = rng.randint(1, 2999)
        interior = f" Int. {rng.choice('ABCD')}" if rng.random() < 0.05 else ""
        return f"{rng.choice(N.CALLES)} {numero}{interior}", colonia

    def _cuenta(self, titular, campos):
        cuenta = Cuenta(id=self.ids.cuenta, titular_id=titular.id, **campos)
        cuenta.busqueda = cuenta.texto_busqueda(titular=titular)
        self.ids.cuenta += 1
        self.bloque.cuentas.append(cuenta)
        return cuenta

    # ---- water ---------------------------------------------------------
    def _cuenta_agua(self, anterior):
        rng, i = self.rng, self.indice
        r = rng.random()
        clasificacion = (
            Cuenta.Clasificacion.DOMESTICA
            if r < 0.86
            else Cuenta.Clasificacion.COMERCIAL
            if r < 0.95
            else Cuenta.Clasificacion.INDUSTRIAL
            if r < 0.97
            else Cuenta.Clasificacion.PUBLICA
        )
        sector = rng.randint(1, N.SECTORES)
        ruta = f"{sector}{rng.randint(1, N.RUTAS_POR_SECTOR):02d}"
        manzana = f"{i // 24:04d}"
        domicilio, colonia = self._domicilio("Caborca")
        fisica = clasificacion == Cuenta.Clasificacion.DOMESTICA and rng.random() < 0.99
        fisica = fisica or (clasificacion == Cuenta.Clasificacion.COMERCIAL and rng.random() < 0.55)
        if (
            fisica
            and anterior is not None
            and anterior.tipo_persona == Titular.TipoPersona.FISICA
            and rng.random() < 0.03
        ):
            titular = anterior  # one person, two predios
        elif fisica:
            datos, nacimiento, municipio = self._persona()
            if rng.random() < 0.9:
                notificar, col_notificar = domicilio, colonia
            else:
                notificar, col_notificar = self._domicilio("Caborca")
            titular = self._titular(datos, municipio, notificar, col_notificar)
            self._condicion(titular, nacimiento)
        else:
            titular = self._titular(self._moral(clasificacion), "Caborca", domicilio, colonia)

        bajo, alto = N.CONSUMO[clasificacion]
        consumo = rng.uniform(bajo, alto)
        gran_consumidor = ""
        if clasificacion != Cuenta.Clasificacion.DOMESTICA and rng.random() < 0.04:
            consumo = rng.uniform(800, 3000)
        if consumo >= 500:
            gran_consumidor = "Categoría A" if consumo >= 1000 else "Categoría B"
        drenaje = rng.random() < 0.88
        saneamiento = drenaje and rng.random() < 0.75
        medidor = f"{rng.randint(10, 25):02d}{i:07d}" if rng.random() < 0.9 else ""
        alta = date(rng.randint(1990, self.meses[0].year - 1), rng.randint(1, 12), 1)
        cuenta = self._cuenta(
            titular,
            {
                "numero": f"{sector:02d}{i + 1:07d}",
                "cartera_id": self.agua.id,
                "fecha_alta": alta,
                "clave_catastral": f"{N.MUNICIPIOS['Caborca'][0]:02d}-{sector:02d}-{manzana}-{i % 24 + 1:02d}",
                "clasificacion": clasificacion,
                "sector": str(sector),
                "ruta": ruta,
                "manzana": manzana,
                "domicilio": domicilio,
                "colonia": colonia,
                "municipio": "Caborca",
                "servicio_agua": True,
                "servicio_drenaje": drenaje,
                "servicio_saneamiento": saneamiento,
                "medidor": medidor,
                "gran_consumidor": gran_consumidor,
            },
        )
        perfil = _elegir(
            rng,
            (
                ("puntual", 0.52),
                ("tardio", 0.16),
                ("parcial", 0.10),
                ("moroso", 0.19),
                ("sobrepago", 0.03),
            ),
        )
        libro = self._facturar_agua(cuenta, clasificacion, consumo, drenaje, saneamiento, perfil)
        if perfil == "moroso" and libro.meses_vencidos(self.p.hoy) >= 2:
            r = rng.random()
            cuenta.estado = (
                Cuenta.Estado.CORTADA
                if r < 0.45
                else Cuenta.Estado.RESTRINGIDA
                if r < 0.55
                else Cuenta.Estado.ACTIVA
            )
        self._volcar(libro)
        return titular

    def _facturar_agua(self, cuenta, clasificacion, consumo, drenaje, saneamiento, perfil):
        rng, hoy, meses = self.rng, self.p.hoy, self.meses
        libro = Libro(self, cuenta.id, self.rangos[self.agua.id])
        cuota_base, por_m3 = N.TARIFAS[clasificacion]
        total_meses = self.p.meses
        deja_de_pagar = _mes_en_que_deja_de_pagar(rng, total_meses) if perfil == "moroso" else 0
        gasto_cobrado = False
        for j in range(1, total_meses + 1):
            dia1, periodo = meses[j], meses[j - 1]
            vence = dia1.replace(day=20)
            self._recargo(libro, self.agua, dia1)
            if (
                perfil == "moroso"
                and not gasto_cobrado
                and libro.meses_vencidos(dia1) >= 6
                and rng.random() < 0.35
            ):
                gasto = max(35000, div_redondeo(libro.principal_vencido(dia1) * 2, 100))
                libro.cargar(
                    GASTO,
                    S_GENERAL,
                    None,
                    dia1,
                    vence,
                    gasto,
                    desc=DESCRIPCION_GASTO,
                )
                gasto_cobrado = True
            m3 = max(0, round(consumo * N.ESTACION[periodo.month - 1] * rng.uniform(0.8, 1.2)))
            agua = cuota_base + max(0, m3 - 10) * por_m3
            factura = agua
            libro.cargar(AGUA, S_AGUA, periodo, dia1, vence, agua, m3)
            if drenaje:
                monto = div_redondeo(agua * N.PORCENTAJE_DRENAJE, 100)
                factura += monto
                libro.cargar(DRENAJE, S_DRENAJE, periodo, dia1, vence, monto)
            if saneamiento:
                monto = div_redondeo(agua * N.PORCENTAJE_SANEAMIENTO, 100)
                factura += monto
                libro.cargar(SANEAMIENTO, S_SANEAMIENTO, periodo, dia1, vence, monto)
            libro.aplicar_a_favor(dia1)
            self._pagos_del_mes(libro, perfil, dia1, factura, j, deja_de_pagar, hoy, (2, 19))
        return libro

    # ---- educational credit -------------------------------------------------
    def _cuenta_credito(self):
        rng, i, total_meses = self.rng, self.indice, self.p.meses
        r = rng.random()
        municipio = "Hermosillo" if r < 0.5 else "Cajeme" if r < 0.8 else "Caborca"
        datos, nacimiento, _ = self._persona(nacido_entre=(1985, 2003))
        domicilio, colonia = self._domicilio(municipio)
        titular = self._titular(datos, municipio, domicilio, colonia)
        self._condicion(titular, nacimiento)
        perfil = _elegir(
            rng,
            (
                ("puntual", 0.50),
                ("tardio", 0.15),
                ("parcial", 0.05),
                ("moroso", 0.20),
                ("liquidado", 0.10),
            ),
        )
        plazo = rng.choice((24, 36, 48, 60))
        if perfil == "liquidado":
            plazo = rng.choice((12, 24, 36))
            fin = rng.randint(max(0, total_meses // 3), max(0, total_meses - 2))
            inicio = fin - plazo + 1
        elif rng.random() < 0.08:
            inicio = total_meses + rng.randint(0, 6)  # still studying: nothing billed yet
        else:
            inicio = rng.randint(-plazo + total_meses // 2, total_meses - 1)
        inicio_recuperacion = sumar_meses(self.meses[0], inicio)
        otorgamiento = sumar_meses(inicio_recuperacion, -rng.randint(30, 60)).replace(
            day=rng.randint(1, 28)
        )
        monto = rng.randint(20, 150) * 100000
        tasa = rng.choice((400, 500, 600, 700, 800))
        aval, _, _ = self._persona(nacido_entre=(1950, 1985))
        aval_domicilio, aval_colonia = self._domicilio(municipio)
        cuenta = self._cuenta(
            titular,
            {
                "numero": f"CE{i + 1:07d}",
                "cartera_id": self.credito.id,
                "fecha_alta": otorgamiento,
                "domicilio": domicilio,
                "colonia": colonia,
                "municipio": municipio,
                "pagare_folio": f"PAG-{otorgamiento.year}-{i + 1:06d}",
                "programa": rng.choice(N.PROGRAMAS),
                "institucion_educativa": rng.choice(N.INSTITUCIONES),
                "monto_otorgado": _decimal(monto),
                "fecha_otorgamiento": otorgamiento,
                "plazo_meses": plazo,
                "tasa_interes_anual": _decimal(tasa),
                "inicio_recuperacion": inicio_recuperacion,
                "aval_nombre": " ".join(
                    p
                    for p in (aval["nombre"], aval["apellido_paterno"], aval["apellido_materno"])
                    if p
                ),
                "aval_telefono": f"{N.MUNICIPIOS[municipio][1]}{rng.randint(1000000, 9999999)}",
                "aval_domicilio": f"{aval_domicilio}, col. {aval_colonia}, {municipio}",
            },
        )
        libro = Libro(
            self,
            cuenta.id,
            self.rangos[self.credito.id],
            interes_primero=self.credito.interes_antes_que_capital,
        )
        cuota = monto // plazo
        deja_de_pagar = _mes_en_que_deja_de_pagar(rng, total_meses) if perfil == "moroso" else 0
        for j in range(0, total_meses + 1):
            dia1 = self.meses[j]
            vence = dia1.replace(day=10)
            self._recargo(libro, self.credito, dia1)
            n = j - inicio
            factura = 0
            if j < total_meses and 0 <= n < plazo:
                capital = cuota if n < plazo - 1 else monto - cuota * (plazo - 1)
                interes = div_redondeo((monto - cuota * n) * tasa, 120000)
                libro.cargar(CAPITAL, S_CREDITO, dia1, dia1, vence, capital)
                libro.cargar(INTERES, S_CREDITO, dia1, dia1, vence, interes)
                libro.aplicar_a_favor(dia1)
                factura = capital + interes
            if factura or libro.pendientes:
                self._pagos_del_mes(
                    libro, perfil, dia1, factura, j + 1, deja_de_pagar, self.p.hoy, (1, 9)
                )
        self._volcar(libro)
        return titular

    # ---- shared rules ---------------------------------------------------
    def _recargo(self, libro, cartera, dia):
        """The monthly run of cobranza.libro.services.recargos on the 1st (same rule and cap)."""
        if not libro.pendientes or not cartera.tasa_recargo:
            return
        vencido = libro.principal_vencido(dia, cartera.dias_gracia)
        if not vencido:
            return
        tope = div_redondeo(vencido * cartera.tope_recargos, 1_000_000)
        tope -= libro.recargos_pendientes()
        monto = min(div_redondeo(vencido * cartera.tasa_recargo, 1_000_000), tope)
        if monto <= 0:
            return
        descripcion = (
            f"Recargo {dia:%m/%Y}: {cartera.tasa_recargo / 10000:g}% sobre "
            f"${vencido // 100:,}.{vencido % 100:02d} de adeudo vencido"
        )
        libro.cargar(RECARGO, S_GENERAL, dia, dia, dia, monto, desc=descripcion)
        libro.aplicar_a_favor(dia)
        corrida = self.bloque.recargos.setdefault((cartera.id, dia), [0, 0])
        corrida[0] += 1
        corrida[1] += monto

    def _pagos_del_mes(self, libro, perfil, dia1, factura, j, deja_de_pagar, hoy, ventana):
        rng = self.rng
        monto = 0
        if perfil in ("puntual", "liquidado"):
            if rng.random() < 0.95:
                monto = libro.adeudo()
            dia = rng.randint(*ventana)
        elif perfil == "tardio":
            if rng.random() < 0.45:
                monto = libro.adeudo()
            dia = rng.randint(1, 28)
        elif perfil == "parcial":
            r = rng.random()
            if r < 0.1:
                monto = libro.adeudo()
            elif r < 0.9 and factura:
                monto = max(5000, factura * rng.randint(40, 85) // 100 // 5000 * 5000)
            dia = rng.randint(1, 28)
        elif perfil == "moroso":
            if j < deja_de_pagar:
                if rng.random() < 0.6:
                    monto = libro.adeudo()
            elif rng.random() < 0.04:
                monto = rng.randint(2, 6) * 10000
            dia = rng.randint(1, 28)
        else:  # sobrepago: rounds up and leaves some saldo a favor
            if rng.random() < 0.97:
                adeudo = libro.adeudo()
                monto = (adeudo // 10000 + 1) * 10000 + rng.choice((1, 2, 3, 5)) * 10000
                monto = monto if adeudo > 0 else rng.choice((1, 2)) * 10000
            dia = rng.randint(*ventana)
        if monto <= 0:
            return
        fecha = dia1.replace(day=dia)
        if fecha > hoy:
            if dia1.year == hoy.year and dia1.month == hoy.month and perfil == "sobrepago":
                fecha = hoy  # the overpayer has already paid this month
            else:
                return
        r = rng.random()
        if r < 0.7:
            libro.pagar(fecha, monto, "caja", "", self.cajero_id)
        elif r < 0.9:
            libro.pagar(fecha, monto, "banco", _referencia("BAN", self.ids.pago))
        else:
            libro.pagar(fecha, monto, "transferencia", _referencia("SPEI", self.ids.pago))

    def _volcar(self, libro):
        cargos = self.bloque.cargos
        for c in libro.cargos:
            cargos.append(tuple(c[:11]))
        pagos = self.bloque.pagos
        for p in libro.pagos:
            pagos.append(tuple(p))


def _referencia(prefijo, pago_id):
    return f"{prefijo}{pago_id:0{DIGITOS_REFERENCIA}d}"


def referencia_desplazada(referencia, desplazamiento):
    """A bank or SPEI reference of a block numbered from 1, moved by `desplazamiento` pagos
    (it carries its pago's id; cash has none)."""
    if not referencia:
        return referencia
    corte = len(referencia) - DIGITOS_REFERENCIA
    return _referencia(referencia[:corte], int(referencia[corte:]) + desplazamiento)


def folio_desplazado(folio, folios):
    """A receipt folio of a block numbered from 1, moved past the folios of the blocks before."""
    serie, numero = folio.split("-")
    return f"{serie}-{int(numero) + folios.get(serie, 0):06d}"


def _elegir(rng, opciones):
    r, acumulado = rng.random(), 0.0
    for valor, peso in opciones:
        acumulado += peso
        if r < acumulado:
            return valor
    return opciones[-1][0]


def _mes_en_que_deja_de_pagar(rng, meses):
    # Spread over the whole window, so the debts fall in every aging bucket.
    return rng.randint(-meses // 4, meses)


def _decimal(centesimos):
    from decimal import Decimal

    return Decimal(centesimos).scaleb(-2)


# ---- CURP and RFC ---------------------------------------------------------
_VOCALES = "AEIOU"


def _limpio(texto):
    from padron.texto import normalizar

    return normalizar(texto.replace("Ñ", "X").replace("ñ", "x"))


def _nombre_para_curp(nombre):
    partes = _limpio(nombre).split()
    if len(partes) > 1 and partes[0] in ("JOSE", "MARIA", "MA", "J"):
        return partes[1]
    return partes[0]


def _vocal_interna(palabra):
    return next((c for c in palabra[1:] if c in _VOCALES), "X")


def _consonante_interna(palabra):
    return next((c for c in palabra[1:] if c not in _VOCALES), "X")


def curp_generar(nombre, paterno, materno, nacimiento, sexo, entidad, rng) -> str:
    """A CURP that passes RENAPO's format, date and check digit (padron.validadores)."""
    nombre, paterno = _nombre_para_curp(nombre), _limpio(paterno).split()[-1]
    materno = _limpio(materno).split()[-1] if materno else ""
    iniciales = paterno[0] + _vocal_interna(paterno) + (materno[:1] or "X") + nombre[0]
    if iniciales in N.PALABRAS_INCONVENIENTES:
        iniciales = iniciales[0] + "X" + iniciales[2:]
    consonantes = (
        _consonante_interna(paterno)
        + (_consonante_interna(materno) if materno else "X")
        + _consonante_interna(nombre)
    )
    siglo = str(rng.randint(0, 9)) if nacimiento.year < 2000 else "ABC"[rng.randint(0, 2)]
    curp17 = f"{iniciales}{nacimiento:%y%m%d}{sexo}{entidad}{consonantes}{siglo}"
    return curp17 + digito_curp(curp17)


def _homoclave(rng):
    alfabeto = "ABCDEFGHJKLMNPQRSTUVWXYZ123456789"
    return "".join(alfabeto[rng.randint(0, len(alfabeto) - 1)] for _ in range(3))


def rfc_moral(razon, constitucion, rng) -> str:
    ignorar = {"DE", "DEL", "LA", "EL", "LOS", "LAS", "Y", "H", "S", "A", "C", "V", "R", "L", "P"}
    palabras = [p for p in _limpio(razon).split() if p not in ignorar and p.isalpha()]
    letras = "".join(p[0] for p in palabras)[:3].ljust(3, "X")
    return f"{letras}{constitucion:%y%m%d}{_homoclave(rng)}"


def _correo(rng, nombre, paterno):
    usuario = _limpio(nombre).split()[0].lower() + "." + _limpio(paterno).split()[-1].lower()
    return f"{usuario}{rng.randint(1, 99)}@{rng.choice(N.CORREOS)}"


def _dominio(razon):
    palabras = _limpio(razon).lower().split()
    return "".join(palabras[:2])[:20] + ".com.mx"
