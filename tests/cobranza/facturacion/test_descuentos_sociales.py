"""Descuentos de trabajo social: applied for, approved by another person for a year, applied
to the centavo (with its m³ cap) when a billing run posts, reminded before it ends,
revalidated without a gap, and reported."""

from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from cobranza.facturacion.selectors import descuentos_otorgados
from cobranza.facturacion.services.descuentos import (
    descuento_calcular,
    descuento_social_aprobar,
    descuento_social_revalidar,
    descuento_social_solicitar,
    descuentos_recordar,
)
from cobranza.facturacion.services.publicacion import corrida_autorizar, renglon_revisar
from cobranza.models import Ajuste, Cargo
from padron.models import CondicionEspecial
from tests.cobranza.facturacion.conftest import HOY, cargar, factura

pytestmark = [pytest.mark.django_db, pytest.mark.hoy(HOY)]
D = Decimal
PDF = b"%PDF-1.4 credencial"


def _solicitud(cuenta, usuario, **extra):
    datos = {
        "tipo": "adulto_mayor",
        "acreditacion": "Credencial INAPAM 123456",
        "ingreso_mensual": D("4200.00"),
        "personas_hogar": 2,
        "vivienda": "propia",
        "documentos": [("Credencial INAPAM", SimpleUploadedFile("inapam.pdf", PDF))],
        **extra,
    }
    return descuento_social_solicitar(cuenta=cuenta, usuario=usuario, **datos)


@pytest.fixture
def ventanilla(crear_usuario):
    return crear_usuario("ventanilla")


@given(
    monto=st.decimals(min_value="0.01", max_value="99999", places=2),
    porcentaje=st.decimals(min_value="0.01", max_value="100", places=2),
    consumo=st.decimals(min_value="0", max_value="500", places=2),
    tope=st.one_of(st.none(), st.decimals(min_value="0.01", max_value="100", places=2)),
)
def test_el_descuento_nunca_pasa_del_recibo_ni_del_porcentaje(monto, porcentaje, consumo, tope):
    descuento = descuento_calcular(
        monto=monto, porcentaje=porcentaje, consumo=consumo, tope_m3=tope
    )
    assert D("0") <= descuento <= monto
    assert descuento == descuento.quantize(D("0.01"))
    assert descuento <= (monto * porcentaje / 100).quantize(D("0.01")) + D("0.01")


def test_el_tope_en_m3_reparte_el_descuento_al_centavo():
    # 50 % of $333.33 on 30 m³ with a 20 m³ cap: 333.33 × 0.5 × 20/30 = 111.11
    assert descuento_calcular(
        monto=D("333.33"), porcentaje=D("50"), consumo=D("30"), tope_m3=D("20")
    ) == D("111.11")
    assert descuento_calcular(
        monto=D("100.00"), porcentaje=D("50"), consumo=D("15"), tope_m3=D("20")
    ) == D("50.00")


def test_quien_captura_no_aprueba_y_la_aprobacion_dura_un_ano(cuentas, ventanilla, autorizador):
    descuento = _solicitud(cuentas["a"], autorizador)
    with pytest.raises(ValidationError):
        descuento_social_aprobar(
            descuento=descuento, usuario=autorizador, porcentaje=50, conceptos=["consumo_agua"]
        )

    descuento = _solicitud(cuentas["b"], ventanilla)
    descuento = descuento_social_aprobar(
        descuento=descuento,
        usuario=autorizador,
        porcentaje=50,
        conceptos=["consumo_agua"],
        tope_m3=20,
    )
    assert (descuento.vigente_desde, descuento.vigente_hasta) == (
        date(2026, 11, 18),
        date(2027, 11, 17),
    )
    condicion = CondicionEspecial.objects.get(titular=cuentas["b"].titular)
    assert (condicion.tipo, condicion.vigente_hasta) == ("adulto_mayor", date(2027, 11, 17))


def test_un_documento_que_no_es_pdf_ni_imagen_se_rechaza(cuentas, ventanilla):
    with pytest.raises(ValidationError) as error:
        _solicitud(
            cuentas["a"],
            ventanilla,
            documentos=[("x", SimpleUploadedFile("x.pdf", b"MZ ejecutable"))],
        )
    assert "documento" in error.value.message_dict


def test_al_publicar_la_corrida_se_aplica_al_centavo_con_su_tope(
    cuentas, ventanilla, cargador, autorizador
):
    descuento = descuento_social_aprobar(
        descuento=_solicitud(cuentas["a"], ventanilla),
        usuario=autorizador,
        porcentaje=D("50"),
        conceptos=["consumo_agua", "drenaje"],
        tope_m3=D("20"),
    )
    _, corrida = cargar(
        cargador,
        [
            factura("A-1", "100", "130", "333.33", drenaje="66.67", iva="10.00"),  # 30 m³
            factura("B-2", "500", "520", "200.00", tipo="comercial"),
            factura("C-3", "9000", "9100", "1000.00"),
        ],
    )
    renglon_revisar(
        renglon=corrida.renglones.get(numero_cuenta="C-3"), decision="aceptada", usuario=cargador
    )

    corrida = corrida_autorizar(corrida=corrida, usuario=autorizador)

    bonificaciones = {
        a.cargo.concepto: a
        for a in Ajuste.objects.filter(descuento_social=descuento).select_related("cargo")
    }
    # 333.33 × 0.5 × 20/30 = 111.11; 66.67 × 0.5 × 20/30 = 22.2233… → 22.22; IVA is out of scope
    assert {c: a.monto for c, a in bonificaciones.items()} == {
        "consumo_agua": D("111.11"),
        "drenaje": D("22.22"),
    }
    assert bonificaciones["consumo_agua"].autorizado_por == autorizador
    assert corrida.descuentos == D("133.33")
    agua = Cargo.objects.get(corrida=corrida, cuenta=cuentas["a"], concepto="consumo_agua")
    assert agua.saldo == D("222.22")
    assert not Ajuste.objects.filter(
        cargo__cuenta=cuentas["b"], descuento_social__isnull=False
    ).exists()
    informe = descuentos_otorgados(desde=date(2026, 11, 1), hasta=date(2026, 11, 30))
    assert (informe["cuentas"], informe["monto"]) == (1, D("133.33"))
    assert informe["filas"][0]["tipo_nombre"] == "Tercera edad (INAPAM o edad)"


def test_el_estado_de_cuenta_muestra_el_descuento(
    cuentas, ventanilla, cargador, autorizador, client
):
    descuento_social_aprobar(
        descuento=_solicitud(cuentas["a"], ventanilla),
        usuario=autorizador,
        porcentaje=D("25"),
        conceptos=["consumo_agua"],
    )
    _, corrida = cargar(cargador, [factura("A-1", "100", "120", "200.00")])
    corrida_autorizar(corrida=corrida, usuario=autorizador)
    client.force_login(ventanilla)
    html = client.get(f"/cuentas/{cuentas['a'].numero}/").content.decode()
    assert "Descuentos de trabajo social aplicados" in html and "$50.00" in html


def test_aviso_30_dias_antes_una_sola_vez_y_revalidacion_sin_hueco(
    cuentas, ventanilla, autorizador, reloj
):
    cuentas["a"].titular.email = "jubilada@example.com"
    cuentas["a"].titular.save()
    descuento = descuento_social_aprobar(
        descuento=_solicitud(cuentas["a"], ventanilla),
        usuario=autorizador,
        porcentaje=50,
        conceptos=["consumo_agua"],
    )
    assert descuentos_recordar(dia=date(2027, 10, 17)) == 0  # 31 days before
    assert descuentos_recordar(dia=date(2027, 10, 18)) == 1
    assert descuentos_recordar(dia=date(2027, 10, 19)) == 0  # once
    assert mail.outbox[0].to == ["jubilada@example.com"] and "17/11/2027" in mail.outbox[0].body

    nuevo = descuento_social_revalidar(
        descuento=descuento,
        usuario=ventanilla,
        acreditacion="Credencial INAPAM 123456",
        ingreso_mensual=D("4300"),
        personas_hogar=2,
        vivienda="propia",
        documentos=[("Credencial", SimpleUploadedFile("c.png", b"\x89PNG\r\n\x1a\nimagen"))],
    )
    nuevo = descuento_social_aprobar(
        descuento=nuevo, usuario=autorizador, porcentaje=50, conceptos=["consumo_agua"]
    )
    descuento.refresh_from_db()
    assert descuento.estado == "revalidado"
    assert (nuevo.vigente_desde, nuevo.vigente_hasta) == (date(2027, 11, 18), date(2028, 11, 17))
