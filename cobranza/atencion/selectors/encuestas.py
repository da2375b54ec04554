"""Reading surveys: the list with its counts, the results of one survey for a period and
channel, the raw answers for the XLSX, and the figures of the home pages.

Every figure is a SQL aggregate (counts per question and value); averages come from those
counts, in Decimal, rounded half up to two decimals.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum, Value, Window
from django.db.models.functions import Cast, Coalesce, RowNumber
from django.utils import timezone

from cobranza.atencion.models import Encuesta, Invitacion, Pregunta, Respuesta
from padron.fechas import hoy, primer_dia_del_mes

Tipo = Pregunta.Tipo
CANALES = dict(Invitacion._meta.get_field("canal").choices)
COMENTARIOS = 20  # latest free-text answers shown per question
CENTAVO = Decimal("0.01")


def _redondear(valor: Decimal) -> Decimal:
    return valor.quantize(CENTAVO, rounding=ROUND_HALF_UP)


def _porcentaje(parte, total) -> Decimal | None:
    return _redondear(Decimal(parte) * 100 / Decimal(total)) if total else None


def _limites(desde: date, hasta: date) -> tuple[datetime, datetime]:
    """[start of `desde`, start of the day after `hasta`) in Hermosillo: index-friendly."""
    zona = timezone.get_current_timezone()
    inicio = timezone.make_aware(datetime.combine(desde, time.min), zona)
    fin = timezone.make_aware(datetime.combine(hasta + timedelta(days=1), time.min), zona)
    return inicio, fin


def _contar(consulta):
    """A correlated COUNT per encuesta (no join multiplies the rows of the list)."""
    por_encuesta = consulta.filter(encuesta=OuterRef("pk")).order_by().values("encuesta")
    conteo = por_encuesta.annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(conteo, output_field=IntegerField()), Value(0))


def encuestas_lista(*, activas=None):
    """Surveys by name, with how many questions, invitations and answered invitations."""
    encuestas = Encuesta.objects.select_related("creada_por").annotate(
        num_preguntas=_contar(Pregunta.objects.all()),
        enviadas=_contar(Invitacion.objects.all()),
        respondidas=_contar(Invitacion.objects.filter(respondida__isnull=False)),
    )
    if activas is not None:
        encuestas = encuestas.filter(activa=activas)
    return encuestas.order_by("nombre")


def invitacion_por_token(token):
    """The invitation with its survey and questions, or None (unknown token)."""
    return (
        Invitacion.objects.select_related("encuesta")
        .prefetch_related("encuesta__preguntas")
        .filter(token=token)
        .first()
    )


# --- results of one survey --------------------------------------------------------------------


@dataclass
class ResultadoPregunta:
    pregunta: Pregunta
    respuestas: int = 0
    conteos: list = field(default_factory=list)  # [(valor, etiqueta, n)] in display order
    promedio: Decimal | None = None  # escala only
    comentarios: list = field(default_factory=list)  # texto only: [(respondida, valor)]

    def porcentaje(self, n) -> Decimal | None:
        return _porcentaje(n, self.respuestas)

    def filas(self) -> list[tuple[str, int, Decimal | None]]:
        """[(etiqueta, respuestas, % of the question's answers)] for tables."""
        return [(e, n, self.porcentaje(n)) for _, e, n in self.conteos]


@dataclass
class Resultados:
    encuesta: Encuesta
    desde: date
    hasta: date
    canal: str | None
    enviadas: int
    respondidas: int
    por_canal: list  # [{canal, nombre, enviadas, respondidas, tasa}]
    preguntas: list  # [ResultadoPregunta]

    @property
    def tasa(self) -> Decimal | None:
        """Response rate (%) of the invitations created in the period."""
        return _porcentaje(self.respondidas, self.enviadas)


def _valores_posibles(pregunta) -> list[tuple[str, str]]:
    if pregunta.tipo == Tipo.ESCALA:
        return [(str(v), str(v)) for v in range(1, 6)]
    if pregunta.tipo == Tipo.SI_NO:
        return [("si", "Sí"), ("no", "No")]
    return [(o, o) for o in pregunta.opciones]


def _resultado_pregunta(pregunta, conteos: dict, comentarios: list) -> ResultadoPregunta:
    resultado = ResultadoPregunta(pregunta=pregunta)
    if pregunta.tipo == Tipo.TEXTO:
        resultado.comentarios = comentarios
        resultado.respuestas = conteos.get(None, 0)
        return resultado
    resultado.conteos = [(v, e, conteos.get(v, 0)) for v, e in _valores_posibles(pregunta)]
    resultado.respuestas = sum(n for _, _, n in resultado.conteos)
    if pregunta.tipo == Tipo.ESCALA and resultado.respuestas:
        suma = sum(int(v) * n for v, _, n in resultado.conteos)
        resultado.promedio = _redondear(Decimal(suma) / resultado.respuestas)
    return resultado


def _por_canal(encuesta, inicio, fin, canal) -> list[dict]:
    invitaciones = Invitacion.objects.filter(encuesta=encuesta, creada__gte=inicio, creada__lt=fin)
    if canal:
        invitaciones = invitaciones.filter(canal=canal)
    filas = {
        f["canal"]: f
        for f in invitaciones.order_by()
        .values("canal")
        .annotate(enviadas=Count("pk"), respondidas=Count("pk", filter=Q(respondida__isnull=False)))
    }
    salida = []
    for clave, nombre in CANALES.items():
        fila = filas.get(clave, {"enviadas": 0, "respondidas": 0})
        if canal and clave != canal:
            continue
        salida.append(
            {
                "canal": clave,
                "nombre": nombre,
                "enviadas": fila["enviadas"],
                "respondidas": fila["respondidas"],
                "tasa": _porcentaje(fila["respondidas"], fila["enviadas"]),
            }
        )
    return salida


def resultados(encuesta, desde: date, hasta: date, canal: str | None = None) -> Resultados:
    """What the survey's answers say for [desde, hasta] (dates in Hermosillo), optionally on
    one channel.

    Per question, the answers of the invitations answered in the period: counts per value and
    the average for a 1–5 scale, counts for sí/no and for each option, the latest comments for
    free text. The response rate counts the invitations created in the period and how many of
    them were answered (whenever)."""
    inicio, fin = _limites(desde, hasta)
    respuestas = Respuesta.objects.filter(
        invitacion__encuesta=encuesta,
        invitacion__respondida__gte=inicio,
        invitacion__respondida__lt=fin,
    )
    if canal:
        respuestas = respuestas.filter(invitacion__canal=canal)
    conteos = {}
    cerradas = respuestas.exclude(pregunta__tipo=Tipo.TEXTO).order_by()
    for fila in cerradas.values("pregunta_id", "valor").annotate(n=Count("pk")):
        conteos.setdefault(fila["pregunta_id"], {})[fila["valor"]] = fila["n"]
    abiertas = respuestas.filter(pregunta__tipo=Tipo.TEXTO).order_by()
    for fila in abiertas.values("pregunta_id").annotate(n=Count("pk")):
        conteos.setdefault(fila["pregunta_id"], {})[None] = fila["n"]
    comentarios = {}
    recientes = abiertas.annotate(
        fila=Window(
            RowNumber(),
            partition_by=F("pregunta_id"),
            order_by=[F("invitacion__respondida").desc(), F("pk").desc()],
        )
    ).filter(fila__lte=COMENTARIOS)
    for pregunta_id, respondida, valor in recientes.values_list(
        "pregunta_id", "invitacion__respondida", "valor"
    ).order_by("pregunta_id", "-invitacion__respondida", "-pk"):
        comentarios.setdefault(pregunta_id, []).append((respondida, valor))
    por_canal = _por_canal(encuesta, inicio, fin, canal)
    return Resultados(
        encuesta=encuesta,
        desde=desde,
        hasta=hasta,
        canal=canal or None,
        enviadas=sum(f["enviadas"] for f in por_canal),
        respondidas=sum(f["respondidas"] for f in por_canal),
        por_canal=por_canal,
        preguntas=[
            _resultado_pregunta(p, conteos.get(p.pk, {}), comentarios.get(p.pk, []))
            for p in encuesta.preguntas.order_by("orden")
        ],
    )


def respuestas_crudas(encuesta, desde: date, hasta: date, canal: str | None = None):
    """The answered invitations of the period, each with its answers, for the XLSX:
    an iterator of (invitacion_id, respondida, canal, cuenta, {pregunta_id: valor}),
    oldest first. Two streamed queries, merged in order."""
    inicio, fin = _limites(desde, hasta)
    invitaciones = Invitacion.objects.filter(
        encuesta=encuesta, respondida__gte=inicio, respondida__lt=fin
    )
    if canal:
        invitaciones = invitaciones.filter(canal=canal)
    orden = ("respondida", "pk")
    filas = invitaciones.order_by(*orden).values_list("pk", "respondida", "canal", "cuenta__numero")
    valores = (
        Respuesta.objects.filter(invitacion__in=invitaciones)
        .order_by("invitacion__respondida", "invitacion_id")
        .values_list("invitacion_id", "pregunta_id", "valor")
        .iterator(chunk_size=2000)
    )
    pendiente = next(valores, None)
    for pk, respondida, canal_fila, cuenta in filas.iterator(chunk_size=2000):
        respuestas = {}
        while pendiente is not None and pendiente[0] == pk:
            respuestas[pendiente[1]] = pendiente[2]
            pendiente = next(valores, None)
        yield pk, respondida, canal_fila, cuenta, respuestas


# --- home pages -------------------------------------------------------------------------------


def tablero_encuestas(mes_desde: date | None = None, mes_hasta: date | None = None) -> dict:
    """For the supervisor's and seguimiento's home: invitations answered in the period (this
    month by default) and, per active survey, how many and the average of its 1–5 answers.

    {"desde", "hasta", "respondidas", "encuestas": [{"encuesta", "respondidas", "promedio"}]}"""
    mes_hasta = mes_hasta or hoy()
    mes_desde = mes_desde or primer_dia_del_mes(mes_hasta)
    inicio, fin = _limites(mes_desde, mes_hasta)
    activas = list(Encuesta.objects.filter(activa=True).order_by("nombre"))
    respondidas = dict(
        Invitacion.objects.filter(encuesta__activa=True, respondida__gte=inicio, respondida__lt=fin)
        .order_by()
        .values("encuesta")
        .annotate(n=Count("pk"))
        .values_list("encuesta", "n")
    )
    escalas = {
        fila["invitacion__encuesta"]: fila
        for fila in Respuesta.objects.filter(
            invitacion__encuesta__activa=True,
            invitacion__respondida__gte=inicio,
            invitacion__respondida__lt=fin,
            pregunta__tipo=Tipo.ESCALA,
        )
        .order_by()
        .values("invitacion__encuesta")
        .annotate(suma=Sum(Cast("valor", IntegerField())), n=Count("pk"))
    }
    encuestas = []
    for encuesta in activas:
        escala = escalas.get(encuesta.pk)
        promedio = _redondear(Decimal(escala["suma"]) / escala["n"]) if escala else None
        encuestas.append(
            {
                "encuesta": encuesta,
                "respondidas": respondidas.get(encuesta.pk, 0),
                "promedio": promedio,
            }
        )
    return {
        "desde": mes_desde,
        "hasta": mes_hasta,
        "respondidas": sum(respondidas.values()),
        "encuestas": encuestas,
    }
