"""Registro de atención: start an attention when the person arrives or calls, end it when
they leave. What the clerk recorded meanwhile (gestiones, pagos, convenios) is linked at the end.

Linking by time window and clerk keeps the other services untouched: a payment does not need
to know that an attention is open. Other apps add their own kinds with `vinculador`."""

from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cobranza.atencion.models import Canal
from cobranza.models import Atencion, Gestion, MotivoAtencion, Pago, VinculoAtencion
from padron.fechas import ahora
from padron.models import Cuenta

# tipo -> function(atencion) -> iterable of (objeto_id, cuenta_id, descripcion)
VINCULADORES: dict[str, Callable[[Atencion], Iterable[tuple[int, int, str]]]] = {}


def vinculador(tipo: str):
    """Register how to find the records of kind `tipo` made during an attention."""

    def registrar(funcion):
        VINCULADORES[tipo] = funcion
        return funcion

    return registrar


def _ventana(atencion, modelo, campo_usuario, campo_fecha):
    filtros = {
        campo_usuario: atencion.atendio,
        f"{campo_fecha}__gte": atencion.inicio,
        f"{campo_fecha}__lte": atencion.fin,
    }
    if atencion.cuenta_id:
        filtros["cuenta_id"] = atencion.cuenta_id
    return modelo.objects.filter(**filtros).select_related("cuenta")


@vinculador(VinculoAtencion.Tipo.GESTION)
def _gestiones(atencion):
    for g in _ventana(atencion, Gestion, "usuario", "fecha"):
        yield g.pk, g.cuenta_id, f"Gestión: {g.get_tipo_display()}, {g.get_resultado_display()}"


@vinculador(VinculoAtencion.Tipo.PAGO)
def _pagos(atencion):
    for p in _ventana(atencion, Pago, "registrado_por", "registrado"):
        yield p.pk, p.cuenta_id, f"Pago {p.folio or p.pk} por ${p.monto:,.2f}"


def _motivo(motivo):
    if isinstance(motivo, MotivoAtencion):
        return motivo
    try:
        return MotivoAtencion.objects.get(pk=motivo, activo=True)
    except (MotivoAtencion.DoesNotExist, ValueError, TypeError):
        raise ValidationError({"motivo": "Elija un motivo de atención del catálogo."}) from None


@transaction.atomic
def atencion_iniciar(
    *,
    usuario,
    canal: str,
    motivo,
    cuenta=None,
    persona: str = "",
    contacto: str = "",
    llegada=None,
    notas: str = "",
) -> Atencion:
    """Open an attention for `usuario`: the person is being attended now."""
    if canal not in Canal.values:
        raise ValidationError({"canal": "Elija el canal: ventanilla, teléfono, correo, etc."})
    momento = ahora()
    llegada = llegada or momento
    if llegada > momento:
        raise ValidationError({"llegada": "La hora de llegada no puede ser posterior a ahora."})
    if momento - llegada > timedelta(hours=12):
        raise ValidationError({"llegada": "La hora de llegada debe ser de hoy."})
    if not (cuenta or persona.strip()):
        raise ValidationError({"persona": "Escriba el nombre de la persona o elija su cuenta."})
    try:
        with transaction.atomic():
            return Atencion.objects.create(
                canal=canal,
                motivo=_motivo(motivo),
                cuenta=cuenta,
                titular=cuenta.titular if cuenta else None,
                persona=persona.strip(),
                contacto=contacto.strip(),
                atendio=usuario,
                llegada=llegada,
                inicio=momento,
                notas=notas,
            )
    except IntegrityError:
        # atencion_una_abierta: the constraint is the lock, two tabs cannot both open one.
        raise ValidationError(
            "Ya tiene una atención abierta; termínela antes de iniciar otra."
        ) from None


@transaction.atomic
def atencion_terminar(*, atencion: Atencion, usuario, notas: str | None = None) -> Atencion:
    """Close the attention now and link what the clerk recorded during it."""
    atencion = Atencion.objects.select_for_update().get(pk=atencion.pk)
    if atencion.atendio_id != usuario.pk:
        raise ValidationError("Solo quien atiende puede terminar esta atención.")
    if atencion.fin is not None:
        raise ValidationError("Esta atención ya había terminado.")
    atencion.fin = ahora()
    if notas is not None:
        atencion.notas = notas
    hechos = [
        (tipo, pk, cuenta_id, texto)
        for tipo, buscar in VINCULADORES.items()
        for pk, cuenta_id, texto in buscar(atencion)
    ]
    VinculoAtencion.objects.bulk_create(
        [
            VinculoAtencion(atencion=atencion, tipo=tipo, objeto_id=pk, descripcion=texto[:200])
            for tipo, pk, _, texto in hechos
        ],
        ignore_conflicts=True,
    )
    if atencion.cuenta_id is None and hechos:
        # A walk-in without a known cuenta: the first one touched becomes the attention's.
        atencion.cuenta = Cuenta.objects.get(pk=hechos[0][2])
        atencion.titular_id = atencion.cuenta.titular_id
    atencion.save()
    return atencion


def atencion_abierta(usuario) -> Atencion | None:
    return (
        Atencion.objects.filter(atendio=usuario, fin__isnull=True)
        .select_related("motivo", "cuenta")
        .first()
    )
