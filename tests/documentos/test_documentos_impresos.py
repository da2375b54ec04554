"""Every PDF the product makes, read back as printed: no two words on top of each other, a
"Página N de M" on every page, each pagaré whole on one page, amounts in words where a
signature binds them, BORRADOR on a convenio not yet authorised, and clauses that fit one
payment or many. (The recibo and the corte de caja are read in tests/cobranza/caja.)

All documents are built once for the module (tests/documentos/datos.py) and shared."""

import re

import pytest
import time_machine
from django.db import transaction

from tests.conftest import momento
from tests.documentos import datos
from tests.documentos.lectura import choques, marca_de_agua, paginas, tamanos, textos

pytestmark = [pytest.mark.django_db, pytest.mark.fecha]

CARTA, CARTA_HORIZONTAL = (612, 792), (792, 612)
HORIZONTALES = {
    "morosos",
    "ordenes-de-corte",
    "reporte-estadisticas",
    "reporte-comparativo",
    "reporte-credito",
}


@pytest.fixture(scope="module")
def impresos(request, django_db_setup, django_db_blocker):
    """{name: PDF bytes}, made on the suite's pinned day; the data are rolled back after."""
    dia = momento(request.config.getoption("--hoy"))
    with django_db_blocker.unblock(), time_machine.travel(dia, tick=False), transaction.atomic():
        pdfs = datos.todos()
        transaction.set_rollback(True)
    return pdfs


NOMBRES = [
    *(
        f"{d}-{c}"
        for c in ("pendiente", "firmado", "contado", "una")
        for d in ("convenio", "pagares")
    ),
    "estado-de-cuenta",
    "constancia",
    "pec-documento",
    "pec-citatorio",
    "pec-acta",
    "archivo-vale",
    "archivo-acuse",
    "archivo-etiquetas",
    "carta-de-inicio",
    "ordenes-de-corte",
    "morosos",
    "reporte-recuperacion",
    "reporte-estadisticas",
    "reporte-comparativo",
    "reporte-credito",
]


def texto(contenido) -> str:
    return " ".join(textos(contenido))


def test_se_generan_todos_los_documentos(impresos):
    assert set(impresos) == set(NOMBRES)


@pytest.mark.parametrize("nombre", NOMBRES)
def test_ninguna_palabra_se_encima_en_otra(impresos, nombre):
    for numero, palabras in enumerate(paginas(impresos[nombre]), 1):
        assert choques(palabras) == [], f"{nombre}, página {numero}"


@pytest.mark.parametrize("nombre", NOMBRES)
def test_cada_pagina_dice_su_numero_y_el_total(impresos, nombre):
    hojas = textos(impresos[nombre])
    for numero, hoja in enumerate(hojas, 1):
        assert f"Página {numero} de {len(hojas)}" in hoja, nombre


@pytest.mark.parametrize("nombre", NOMBRES)
def test_cada_documento_en_su_papel(impresos, nombre):
    papel = CARTA_HORIZONTAL if nombre in HORIZONTALES else CARTA
    assert set(tamanos(impresos[nombre])) == {papel}


@pytest.mark.parametrize("nombre", [n for n in NOMBRES if n != "archivo-etiquetas"])
def test_el_membrete_de_la_cartera_en_cada_pagina(impresos, nombre):
    for hoja in textos(impresos[nombre]):
        assert "Organismo Operador Municipal" in hoja or "Instituto de Becas" in hoja


# --- convenio and pagarés ----------------------------------------------------------------------


@pytest.mark.parametrize("caso", ["pendiente", "firmado", "contado", "una"])
def test_cada_pagare_en_una_sola_pagina_con_lugar_fecha_y_letra(impresos, caso):
    hojas = textos(impresos[f"pagares-{caso}"])
    total = len(re.findall(r"PAGARÉ \d+ de (\d+)", " ".join(hojas)))
    assert total >= 1
    for n in range(1, total + 1):
        # its title and its signature line are on the same page
        donde = [i for i, hoja in enumerate(hojas) if re.search(rf"PAGARÉ {n} de {total}\b", hoja)]
        assert len(donde) == 1, f"pagaré {n} de {caso}"
        pagare = hojas[donde[0]].split(f"PAGARÉ {n} de {total}")[1].split("PAGARÉ ")[0]
        assert "Firma del suscriptor" in pagare
        assert "Lugar y fecha de suscripción: Hermosillo, Sonora, a" in pagare
        assert "PESOS" in pagare and "/100 M.N." in pagare
        assert "a la orden del Instituto de Becas" in pagare


def test_los_pagares_del_convenio_pendiente_ocupan_varias_paginas(impresos):
    assert len(textos(impresos["pagares-pendiente"])) > 1  # 7 pagarés: the split case


def test_el_convenio_lleva_los_montos_con_letra(impresos):
    convenio = texto(impresos["convenio-pendiente"])
    assert "Total convenido: $3,150.00 (TRES MIL CIENTO CINCUENTA PESOS 00/100 M.N.)" in convenio
    assert "reconoce adeudar al Instituto de Becas" in convenio
    assert "la cantidad de $3,300.00 (TRES MIL TRESCIENTOS PESOS 00/100 M.N.)" in convenio
    assert "El Instituto de Becas y Crédito Educativo del Estado de Sonora otorga" in convenio


@pytest.mark.parametrize("documento", ["convenio", "pagares"])
def test_un_convenio_pendiente_se_imprime_como_borrador(impresos, documento):
    pendiente = impresos[f"{documento}-pendiente"]
    assert "BORRADOR — sin validez: el convenio está pendiente de autorización" in texto(pendiente)
    assert marca_de_agua(pendiente) == "BORRADOR — SIN VALIDEZ"
    firmado = impresos[f"{documento}-firmado"]
    assert "BORRADOR" not in texto(firmado) and marca_de_agua(firmado) == ""


def test_un_pago_de_contado_no_habla_de_resto_ni_de_parcialidades(impresos):
    contado = texto(impresos["convenio-contado"])
    assert "en una sola exhibición" in contado
    assert "resto" not in contado and "parcialidad" not in contado.lower()
    assert "Si EL DEUDOR no paga en la fecha convenida ni dentro de los 3 días de gracia" in contado
    assert "PAGARÉ 1 de 1" in texto(impresos["pagares-contado"])
    assert "serie" not in texto(impresos["pagares-contado"])


def test_enganche_y_una_parcialidad_en_singular(impresos):
    una = texto(impresos["convenio-una"])
    assert "y el resto, $2,640.00 (DOS MIL SEISCIENTOS CUARENTA PESOS 00/100 M.N.), en una" in una
    assert "en una parcialidad que vence el" in una
    assert "1 parcialidad" not in una and "1 parcialidades" not in una
    assert "deja de pagar 2 parcialidades después de 5 días de gracia" in una
    assert "y el Instituto de Becas y Crédito Educativo del Estado de Sonora podrá ejercer" in una


def test_enganche_y_seis_parcialidades_en_plural(impresos):
    varias = texto(impresos["convenio-firmado"])
    assert "en 6 parcialidades mensuales en las fechas del calendario de pagos" in varias
    assert "Parcialidad 6 de 6" in varias
    assert "se cobrará el descuento" not in varias  # no discount was given


# --- the others ----------------------------------------------------------------------------------


def test_el_estado_de_cuenta_da_la_referencia_y_el_saldo_con_letra(impresos):
    estado = texto(impresos["estado-de-cuenta"])
    assert "Referencia de pago" in estado and "Es su número de cuenta" in estado
    assert "Saldo al" in estado and "PESOS" in estado and "/100 M.N." in estado


def test_la_constancia_lleva_el_saldo_con_letra(impresos):
    assert "$0.00 (CERO PESOS 00/100 M.N.)" in texto(impresos["constancia"])


def test_el_documento_del_pec_dice_el_adeudo_con_letra(impresos):
    assert "PESOS 00/100 M.N." in texto(impresos["pec-documento"])


def test_la_lista_de_morosos_completa_en_horizontal(impresos):
    morosos = texto(impresos["morosos"])
    assert "Saldo vencido" in morosos and "Meses vencidos" in morosos
    assert "PEVJ800101HSRRLN00" in morosos  # the CURP whole, on one line
    assert "TOTAL" in morosos


@pytest.mark.parametrize("nombre", NOMBRES)
def test_ningun_documento_cita_archivos_internos(impresos, nombre):
    assert not re.search(r"docs/|\.md\b|\.py\b", texto(impresos[nombre]))
