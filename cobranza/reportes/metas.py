"""Goals (metas) per cartera, period and indicator, and their índice de cumplimiento.

índice de cumplimiento = logrado ÷ meta × 100, rounded half-up to two places. What each
indicator achieved is computed with the recovery report (recuperacion_reporte.logros).
Only supervision (cobranza.editar_metas) sets goals; a goal must be greater than zero.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cobranza.models import Meta
from cobranza.reportes.comun import a_decimal, mes_de, porcentaje, texto
from padron.dinero import leer_cantidad

Indicador = Meta.Indicador
UNIDADES = {
    Indicador.MONTO_RECUPERADO: "pesos",
    Indicador.PORCENTAJE: "porcentaje",
    Indicador.CUENTAS_REGULARIZADAS: "numero",
    Indicador.CONVENIOS_FIRMADOS: "numero",
    Indicador.COBERTURA: "porcentaje",
}
NOMBRES = dict(Indicador.choices)


def indice_cumplimiento(logrado, meta) -> Decimal | None:
    """logrado ÷ meta × 100 to two places; None when nothing is known of what was achieved."""
    logrado = a_decimal(logrado)
    return None if logrado is None else porcentaje(logrado, meta)


def _valor(indicador, valor) -> Decimal:
    # The money grammar (padron.dinero): "1,50" is ambiguous, not 150.
    escrito = valor if isinstance(valor, Decimal | int) else str(valor).strip().rstrip("%").strip()
    cantidad = leer_cantidad(escrito)
    if cantidad is None:
        raise ValidationError(
            {
                "valor": "La meta debe ser un número como 150000 o 150,000.50 (la coma solo separa miles)."
            }
        )
    if not cantidad.is_finite() or cantidad <= 0:
        raise ValidationError({"valor": "La meta debe ser mayor que cero."})
    if cantidad.as_tuple().exponent < -2:
        raise ValidationError({"valor": "La meta no puede tener más de dos decimales."})
    unidad = UNIDADES[indicador]
    if unidad == "numero" and cantidad != cantidad.to_integral_value():
        raise ValidationError({"valor": "Esta meta es un número de cuentas o convenios: entero."})
    if unidad == "porcentaje" and cantidad > 100:
        raise ValidationError({"valor": "Un porcentaje no puede pasar de 100."})
    if cantidad >= Decimal("1e12"):
        raise ValidationError({"valor": "La meta excede el máximo permitido."})
    return cantidad.quantize(Decimal("0.01"))


def _puede_fijar(usuario):
    if not usuario.has_perm("cobranza.editar_metas"):
        raise PermissionDenied("Solo supervisión puede fijar metas.")


@transaction.atomic
def meta_fijar(*, cartera, periodo, indicador, valor, usuario) -> Meta:
    """A new goal for (cartera, month, indicator): one per indicator and month."""
    _puede_fijar(usuario)
    if indicador not in Indicador.values:
        raise ValidationError({"indicador": f"Indicador desconocido: {indicador}."})
    valor = _valor(indicador, valor)
    mes = mes_de(periodo)
    if Meta.objects.filter(cartera=cartera, periodo=mes.inicio, indicador=indicador).exists():
        raise ValidationError(
            {
                "indicador": f"Ya hay una meta de «{NOMBRES[indicador]}» para {mes.nombre} en "
                f"{cartera.nombre}; edítela."
            }
        )
    return Meta.objects.create(
        cartera=cartera, periodo=mes.inicio, indicador=indicador, valor=valor, fijada_por=usuario
    )


@transaction.atomic
def meta_cambiar(*, meta, valor, usuario) -> Meta:
    """A new value for a goal; the history keeps the previous one and who set it."""
    _puede_fijar(usuario)
    meta = Meta.objects.select_for_update().get(pk=meta.pk)
    meta.valor, meta.fijada_por = _valor(meta.indicador, valor), usuario
    meta.save(update_fields=["valor", "fijada_por"])
    return meta


def metas_de(*, cartera=None, periodo=None):
    metas = Meta.objects.select_related("cartera", "fijada_por")
    if cartera is not None:
        metas = metas.filter(cartera=cartera)
    if periodo is not None:
        metas = metas.filter(periodo=periodo.replace(day=1))
    return metas


def historial_de(meta):
    return meta.history.select_related("history_user").order_by("-history_date")


def _como_texto(indicador, valor):
    if valor is None:
        return None
    if UNIDADES[indicador] == "numero":
        return int(Decimal(str(valor)))
    return texto(Decimal(str(valor)))


def cumplimiento(metas, logros: dict) -> list[dict]:
    """Each goal of the period against what was achieved: [{indicador, nombre, unidad, meta,
    logrado, indice}] (money and % as text, counts as integers, None when unknown)."""
    filas = []
    for meta in sorted(metas, key=lambda m: Indicador.values.index(m.indicador)):
        logrado = logros.get(meta.indicador)
        indice = indice_cumplimiento(logrado, meta.valor)
        filas.append(
            {
                "indicador": meta.indicador,
                "nombre": NOMBRES[meta.indicador],
                "unidad": UNIDADES[meta.indicador],
                "meta": _como_texto(meta.indicador, meta.valor),
                "logrado": _como_texto(meta.indicador, logrado),
                "indice": texto(indice),
            }
        )
    return filas
