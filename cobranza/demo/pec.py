"""Demo rules of the PEC: stages of each demo cartera, UMA values and the 2026 non-working
days. Real institutions edit them in the admin; get_or_create leaves their edits alone."""

from datetime import date
from decimal import Decimal

from cobranza.models import DiaInhabil, Etapa, EtapaPEC, ParametrosPEC, Uma
from padron.models import Cartera

D = Decimal

# (etapa, plazo en días hábiles, genera gastos)
ETAPAS_AGUA = (
    (Etapa.INVITACION, 10, False),
    (Etapa.REQUERIMIENTO, 6, True),
    (Etapa.MANDAMIENTO, 0, False),
    (Etapa.EMBARGO, 10, True),
    (Etapa.AVALUO, 10, False),
    (Etapa.REMATE, 0, True),
)
ETAPAS_CREDITO = (
    (Etapa.INVITACION, 10, False),
    (Etapa.REQUERIMIENTO, 15, False),
    (Etapa.TURNADO_ABOGADO, 0, False),
)
UMA = {2024: D("108.57"), 2025: D("113.14")}
INHABILES_2026 = (
    (date(2026, 1, 1), "Año Nuevo"),
    (date(2026, 2, 2), "Día de la Constitución"),
    (date(2026, 3, 16), "Natalicio de Benito Juárez"),
    (date(2026, 4, 2), "Jueves Santo"),
    (date(2026, 4, 3), "Viernes Santo"),
    (date(2026, 5, 1), "Día del Trabajo"),
    (date(2026, 9, 16), "Día de la Independencia"),
    (date(2026, 11, 2), "Día de Muertos"),
    (date(2026, 11, 16), "Día de la Revolución"),
    (date(2026, 12, 25), "Navidad"),
)


def pec_demo_crear(*, carteras, **_):
    for anio, valor in UMA.items():
        Uma.objects.get_or_create(anio=anio, defaults={"valor_diario": valor})
    for fecha, descripcion in INHABILES_2026:
        DiaInhabil.objects.get_or_create(fecha=fecha, defaults={"descripcion": descripcion})
    for cartera in carteras:
        ParametrosPEC.objects.get_or_create(cartera=cartera)
        etapas = ETAPAS_CREDITO if cartera.tipo == Cartera.Tipo.CREDITO else ETAPAS_AGUA
        for orden, (etapa, plazo, gastos) in enumerate(etapas, start=1):
            EtapaPEC.objects.get_or_create(
                cartera=cartera,
                etapa=etapa,
                defaults={
                    "orden": orden,
                    "plazo_dias_habiles": plazo,
                    "genera_gastos": gastos,
                    # CFF art. 150: 2 % of the debt, at least 2 UMA, at most one year of UMA
                    "gasto_pct": D("2") if gastos else D("0"),
                    "gasto_minimo": D("2") if gastos else D("0"),
                    "gasto_maximo": D("365") if gastos else None,
                    "en_uma": gastos,
                },
            )
    return ""
