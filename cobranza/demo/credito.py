"""Demo of the educational credit (called through `demo_sembrada`; idempotent).

- The catalog: the demo instituciones educativas, each with its carreras.
- The credit cuentas the generator loaded with their history become credits of the
  catalog: those already paying are in recovery with the cargos of the previous system
  (no schedule of ours: like a go-live), those whose recovery has not begun are students.
- A dozen beneficiarios whose story `make run` shows, captured through the same services
  the Coordinador de Seguimiento uses: one in every estatus académico, evidence overdue and
  pending, a ministración waiting, a procedure to authorise, an egresado whose grace ends
  this month, and egresados whose recovery has started (schedule, notice, first months
  charged, one payment applied interest first).
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from cobranza.credito.services import mensualidades_publicar, recuperaciones_iniciar
from cobranza.demo import nombres as N
from cobranza.demo.generador import curp_generar
from cobranza.libro.services.pagos import pago_registrar
from padron.beneficiarios import services as b
from padron.beneficiarios.models import (
    CreditoEducativo,
    EstatusAcademico,
    InstitucionEducativa,
    Ministracion,
    Programa,
    Tramite,
)
from padron.fechas import hoy, sumar_meses
from padron.models import Cartera, Cuenta
from padron.services import cuenta_crear, titular_crear

Estatus, Etapa = EstatusAcademico.Estatus, CreditoEducativo.Etapa
CARRERAS = (
    ("Licenciatura en Derecho", Programa.Nivel.LICENCIATURA, 10),
    ("Ingeniería Civil", Programa.Nivel.LICENCIATURA, 9),
    ("Licenciatura en Enfermería", Programa.Nivel.LICENCIATURA, 8),
    ("Contaduría Pública", Programa.Nivel.LICENCIATURA, 8),
    ("Técnico Superior Universitario en Mecatrónica", Programa.Nivel.TECNICO, 6),
    ("Maestría en Administración", Programa.Nivel.MAESTRIA, 4),
)
POR_PERIODO = Decimal("6000.00")  # each ministración of the story's beneficiarios
NUMERO_HISTORIA = 9_000_000  # their cuentas: CE9000001…


@dataclass(frozen=True)
class Historia:
    nombre: str
    paterno: str
    materno: str
    estatus: str | None  # of the current periodo (None: not reported yet)
    periodos: int  # periodos escolares with a ministración
    recupera_en: int | None = None  # egresados: months from this one to the start of recovery
    evidencia: str = "archivo"  # archivo (on file) | pendiente | vencida


HISTORIAS = (
    Historia("Ana Sofía", "Valenzuela", "Ruiz", Estatus.REGULAR, 3),
    Historia("Luis Fernando", "Corrales", "Moreno", Estatus.IRREGULAR, 5, evidencia="pendiente"),
    Historia("María José", "Lugo", "Navarro", Estatus.REGULAR, 6, evidencia="vencida"),
    Historia("Jesús Alberto", "Encinas", "Soto", Estatus.BAJA_TEMPORAL, 4),
    Historia("Karla Patricia", "Ochoa", "Ibarra", None, 2),
    Historia("Ramón", "Quijada", "Félix", Estatus.BAJA_DEFINITIVA, 3),
    Historia("Daniela", "Bojórquez", "Acosta", Estatus.EGRESADO, 8, recupera_en=1),
    Historia("Héctor Manuel", "Durazo", "Leyva", Estatus.TITULADO, 8, recupera_en=0),
    Historia("Paola", "Grijalva", "Romo", Estatus.EGRESADO, 8, recupera_en=-2),
    Historia("Óscar", "Montaño", "Peralta", Estatus.TITULADO, 9, recupera_en=-3),
)


def credito_demo_crear(sender=None, *, carteras, **kwargs):
    cartera = next((c for c in carteras if c.tipo == Cartera.Tipo.CREDITO), None)
    if cartera is None or CreditoEducativo.objects.filter(cuenta__cartera=cartera).exists():
        return ""
    usuarios = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=("seguimiento", "supervisor", "caja"))
    }
    dia = hoy()
    with transaction.atomic():
        programas = catalogo_crear()
        historicos = _historicos(cartera, programas, dia, usuarios.get("seguimiento"))
        contados = 0
        if len(usuarios) == 3:
            for n, historia in enumerate(HISTORIAS, start=1):
                _historia(n, historia, cartera, programas[n % len(programas)], usuarios, dia)
                contados += 1
            recuperaciones_iniciar(dia=dia, usuario=usuarios["seguimiento"])
            mensualidades_publicar(dia=dia, usuario=usuarios["seguimiento"])
            _primer_pago(usuarios["caja"], dia)
            _tramites_pendientes(usuarios["seguimiento"], dia)
    return (
        f"Crédito educativo: {historicos} créditos del padrón en el catálogo y "
        f"{contados} beneficiarios de ejemplo (cuentas CE9000001 a CE{NUMERO_HISTORIA + contados})."
    )


def catalogo_crear() -> list[Programa]:
    for i, nombre in enumerate(N.INSTITUCIONES):
        institucion, _ = InstitucionEducativa.objects.get_or_create(
            clave=f"ie-{i + 1:02d}", defaults={"nombre": nombre, "municipio": "Sonora"}
        )
        for j, (carrera, nivel, periodos) in enumerate(CARRERAS):
            if j == 0 or (i + j) % 2 == 0:
                Programa.objects.get_or_create(
                    institucion=institucion,
                    clave=f"p-{j + 1:02d}",
                    defaults={"nombre": carrera, "nivel": nivel, "periodos": periodos},
                )
    return list(Programa.objects.select_related("institucion").order_by("pk"))


def _periodo_de(dia) -> str:
    return f"{dia.year}-{1 if dia.month <= 6 else 2}"


def _inicio_de_periodo(dia, atras: int):
    """The start (10/01 or 10/07) of the periodo escolar `atras` halves before `dia`'s."""
    mitades = dia.year * 2 + (0 if dia.month <= 6 else 1) - atras
    return date(mitades // 2, 1 if mitades % 2 == 0 else 7, 10)


LOTE_HISTORICOS = 2000


def _historicos(cartera, programas, dia, usuario) -> int:
    """The generator's credit cuentas as credits of the catalog, in bulk: those paying are in
    recovery with their loaded history; the others are students whose ministraciones so far
    were released. In batches of cuentas, so that memory stays flat at a statewide padrón
    (150,000 credits have about a million ministraciones)."""
    por_institucion = {}
    for programa in programas:
        por_institucion.setdefault(programa.institucion.nombre, []).append(programa)
    pendientes = Cuenta.objects.filter(cartera=cartera, credito__isnull=True).order_by("pk")
    total, ultimo_pk = 0, 0
    while True:
        cuentas = list(pendientes.filter(pk__gt=ultimo_pk)[:LOTE_HISTORICOS])
        if not cuentas:
            return total
        creditos = [
            _credito_historico(cuenta, programas, por_institucion, total + k, cartera, dia)
            for k, cuenta in enumerate(cuentas)
        ]
        CreditoEducativo.objects.bulk_create(creditos)
        ministraciones = [
            m for credito in creditos for m in _ministraciones_liberadas(credito, dia)
        ]
        Ministracion.objects.bulk_create(ministraciones, ignore_conflicts=True)
        if usuario is not None:
            estatus = [
                _estatus_regular(credito, dia, usuario)
                for credito in creditos
                if credito.etapa == Etapa.ESTUDIANTE
            ]
            EstatusAcademico.objects.bulk_create(estatus, ignore_conflicts=True)
        total += len(cuentas)
        ultimo_pk = cuentas[-1].pk


def _credito_historico(cuenta, programas, por_institucion, k, cartera, dia):
    opciones = por_institucion.get(cuenta.institucion_educativa) or programas
    programa = opciones[k % len(opciones)]
    estudia = cuenta.inicio_recuperacion is None or cuenta.inicio_recuperacion > dia
    return CreditoEducativo(
        cuenta=cuenta,
        institucion=programa.institucion,
        programa=programa,
        matricula=f"M{cuenta.pk:07d}",
        monto_autorizado=cuenta.monto_otorgado or POR_PERIODO * 8,
        cohorte=(cuenta.fecha_otorgamiento or dia).year,
        etapa=Etapa.ESTUDIANTE if estudia else Etapa.RECUPERACION,
        fecha_egreso=None
        if estudia
        else sumar_meses(cuenta.inicio_recuperacion, -(cartera.meses_gracia_egreso + 1)),
        termino="" if estudia else CreditoEducativo.Termino.EGRESO,
    )


def _ministraciones_liberadas(credito, dia) -> list:
    """Every six months from the grant to the egreso (or today), at most 12, all released."""
    inicio = credito.cuenta.fecha_otorgamiento or dia
    fin = credito.fecha_egreso or dia
    fechas = []
    while inicio <= fin and len(fechas) < 12:
        fechas.append(inicio)
        inicio = sumar_meses(inicio, 6)
    fechas = fechas or [fin]
    parte = (credito.monto_autorizado / len(fechas)).quantize(Decimal("0.01"))
    return [
        Ministracion(
            credito=credito,
            periodo=_periodo_de(fecha),
            monto=credito.monto_autorizado - parte * n if n == len(fechas) - 1 else parte,
            fecha_programada=fecha,
            estado=Ministracion.Estado.LIBERADA,
            fecha_liberacion=fecha,
        )
        for n, fecha in enumerate(fechas)
    ]


def _estatus_regular(credito, dia, usuario):
    return EstatusAcademico(
        credito=credito,
        periodo=_periodo_de(dia),
        estatus=Estatus.REGULAR,
        tipo_evidencia=EstatusAcademico.Evidencia.CONSTANCIA,
        evidencia_vence=dia + timedelta(days=30),
        evidencia_recibida=dia,
        origen=EstatusAcademico.Origen.ARCHIVO,
        registrado_por=usuario,
    )


def _historia(n, h: Historia, cartera, programa, usuarios, dia):
    """One beneficiario captured as the coordinator would, from alta to today."""
    seguimiento = usuarios["seguimiento"]
    rng = random.Random(n)
    if h.recupera_en is None:
        ultimo = dia
    else:
        # recovery starts the 1st of the month after the grace: egreso that many months back
        mes = sumar_meses(dia.replace(day=1), h.recupera_en - cartera.meses_gracia_egreso - 1)
        ultimo = mes.replace(day=20)
    inicios = [_inicio_de_periodo(ultimo, atras) for atras in range(h.periodos - 1, -1, -1)]
    nacimiento = date(inicios[0].year - 19, rng.randint(1, 12), rng.randint(1, 28))
    titular = titular_crear(
        datos={
            "tipo_persona": "fisica",
            "nombre": h.nombre,
            "apellido_paterno": h.paterno,
            "apellido_materno": h.materno,
            "curp": curp_generar(h.nombre, h.paterno, h.materno, nacimiento, "H", "SR", rng),
            "email": f"beneficiario{n}@correo.demo",
            "telefono": f"662{rng.randint(1000000, 9999999)}",
            "domicilio": f"Calle {rng.choice(N.APELLIDOS)} {rng.randint(10, 999)}",
            "colonia": "Centro",
            "municipio": "Hermosillo",
            "codigo_postal": "83000",
        },
        usuario=seguimiento,
    )
    monto = POR_PERIODO * max(h.periodos, 8)
    cuenta = cuenta_crear(
        datos={
            "numero": f"CE{NUMERO_HISTORIA + n}",
            "cartera": cartera,
            "titular": titular,
            "fecha_alta": inicios[0],
            "domicilio": titular.domicilio,
            "colonia": titular.colonia,
            "municipio": titular.municipio,
            "pagare_folio": f"PAG-{inicios[0].year}-9{n:05d}",
            "monto_otorgado": monto,
            "fecha_otorgamiento": inicios[0] - timedelta(days=10),
            "plazo_meses": 36,
            "tasa_interes_anual": Decimal("6.00"),
        },
        usuario=seguimiento,
    )
    credito = b.credito_registrar(
        cuenta=cuenta,
        programa=programa,
        monto_autorizado=monto,
        usuario=seguimiento,
        matricula=f"A{inicios[0].year % 100:02d}{n:05d}",
    )
    b.ministraciones_programar(
        credito=credito,
        plan=[(_periodo_de(f), POR_PERIODO, f) for f in inicios],
        usuario=seguimiento,
    )
    ministraciones = {m.periodo: m for m in credito.ministraciones.all()}
    for fecha in inicios[:-1]:
        periodo = _periodo_de(fecha)
        b.estatus_registrar(
            credito=credito,
            periodo=periodo,
            estatus=Estatus.REGULAR,
            tipo_evidencia=EstatusAcademico.Evidencia.CONSTANCIA,
            origen=EstatusAcademico.Origen.ARCHIVO,
            usuario=seguimiento,
            fecha=fecha,
        )
        b.ministracion_liberar(ministracion=ministraciones[periodo], usuario=seguimiento, dia=fecha)
    _periodo_actual(credito, h, inicios[-1], ministraciones, usuarios, dia, ultimo)
    return credito


def _periodo_actual(credito, h, inicio, ministraciones, usuarios, dia, ultimo):
    """The current periodo of a student (its status and evidence as the story says), or the
    last one of an egresado: enrolled with its ministración, then egresado or titulado."""
    seguimiento, periodo = usuarios["seguimiento"], _periodo_de(inicio)
    if h.estatus is None:
        return
    if h.recupera_en is not None:
        b.estatus_registrar(
            credito=credito,
            periodo=periodo,
            estatus=Estatus.REGULAR,
            tipo_evidencia=EstatusAcademico.Evidencia.KARDEX,
            origen=EstatusAcademico.Origen.ARCHIVO,
            usuario=seguimiento,
            fecha=inicio,
        )
        b.ministracion_liberar(
            ministracion=ministraciones[periodo], usuario=seguimiento, dia=inicio
        )
        terminado = h.estatus == Estatus.TITULADO
        b.estatus_registrar(
            credito=credito,
            periodo=periodo,
            estatus=h.estatus,
            tipo_evidencia=EstatusAcademico.Evidencia.TITULO
            if terminado
            else EstatusAcademico.Evidencia.CERTIFICADO,
            origen=EstatusAcademico.Origen.ARCHIVO,
            usuario=seguimiento,
            fecha=ultimo,
        )
        return
    vence = {
        "archivo": dia + timedelta(days=30),
        "pendiente": dia + timedelta(days=20),
        "vencida": dia - timedelta(days=12),
    }[h.evidencia]
    b.estatus_registrar(
        credito=credito,
        periodo=periodo,
        estatus=h.estatus,
        tipo_evidencia=EstatusAcademico.Evidencia.CONSTANCIA,
        origen=EstatusAcademico.Origen.ARCHIVO
        if h.evidencia == "archivo"
        else EstatusAcademico.Origen.CAPTURA,
        evidencia_vence=vence,
        usuario=seguimiento,
        fecha=min(dia, inicio + timedelta(days=20)),
    )
    if h.estatus == Estatus.BAJA_TEMPORAL:
        tramite = b.tramite_solicitar(
            credito=credito,
            tipo=Tramite.Tipo.RETENCION,
            motivo="Baja temporal por motivos de salud; se retiene hasta su reinscripción.",
            fecha_efectiva=inicio,
            usuario=seguimiento,
        )
        b.tramite_autorizar(tramite=tramite, usuario=usuarios["supervisor"])


def _cuenta_historia(n):
    return Cuenta.objects.select_related("cartera", "credito").get(
        numero=f"CE{NUMERO_HISTORIA + n}"
    )


def _primer_pago(cajero, dia):
    """Paola pays her first month short: the interest is covered first, then capital."""
    cuenta = _cuenta_historia(9)
    primera = cuenta.tablas.get(vigente=True).parcialidades.order_by("numero").first()
    pago_registrar(
        cuenta=cuenta,
        monto=primera.interes + (primera.capital / 2).quantize(Decimal("0.01")),
        registrado_por=cajero,
        fecha=max(primera.vencimiento - timedelta(days=3), dia - timedelta(days=25)),
    )


def _tramites_pendientes(seguimiento, dia):
    """Two procedures waiting: a suspensión (supervisión) and a reprogramación (gerencia)."""
    b.tramite_solicitar(
        credito=_cuenta_historia(5).credito,
        tipo=Tramite.Tipo.SUSPENSION,
        motivo="No se ha reinscrito y no responde a los avisos.",
        fecha_efectiva=dia,
        usuario=seguimiento,
    )
    b.tramite_solicitar(
        credito=_cuenta_historia(10).credito,
        tipo=Tramite.Tipo.REPROGRAMACION,
        motivo="Desempleo comprobado; pide ampliar el plazo para bajar la mensualidad.",
        fecha_efectiva=dia,
        datos={"plazo_meses": 48},
        usuario=seguimiento,
    )
