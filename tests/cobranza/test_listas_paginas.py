"""Every list page pages, sorts and filters through one component (padron/listados.py):
the count in words, links that keep filters and sort, bad input that never breaks the page,
one COUNT(*) and one SELECT for the rows, and the lawyer sees only its cuentas."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from cobranza.asignacion.services import asignacion_cambiar
from cobranza.models import (
    Expediente,
    Gestion,
    ListaCorte,
    ListaMorosos,
    OrdenCorte,
    RenglonMorosos,
)
from convenios.models import Convenio
from padron.fechas import hoy
from tests.convenios.conftest import politica  # noqa: F401 (fixture)
from tests.factories import CarteraFactory, CuentaFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def supervisor(crear_usuario):
    return crear_usuario("supervisor", first_name="Lucía", last_name="Moreno")


def _lista_morosos(supervisor, n):
    cartera = CarteraFactory()
    cuentas = [
        CuentaFactory(cartera=cartera, colonia="Centro" if i % 2 else "Norte") for i in range(3)
    ]
    lista = ListaMorosos.objects.create(
        folio="LM26-000001",
        cartera=cartera,
        parametros={},
        generada_por=supervisor,
        al=hoy(),
        cuentas=n,
    )
    RenglonMorosos.objects.bulk_create(
        RenglonMorosos(
            lista=lista,
            orden=i + 1,
            cuenta=cuentas[i] if i < 3 else CuentaFactory(cartera=cartera),
            numero=f"99{i:06d}",
            titular=f"Titular {i:05d}",
            sector=str(i % 4),
            ruta=str(i % 7),
            saldo=D(1000 + i),
            saldo_vencido=D(500 + i),
            meses_vencidos=i % 30,
        )
        for i in range(n)
    )
    return lista


def test_la_lista_congelada_de_morosos_pagina_ordena_y_filtra(
    client, supervisor, django_assert_max_num_queries
):
    lista = _lista_morosos(supervisor, 240)
    client.force_login(supervisor)
    url = reverse("cobranza:morosos_lista", args=[lista.folio])

    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "240 cuentas" in html and "Página 1 de 3" in html
    assert "Titular 00000" in html and "Titular 00100" not in html

    html = client.get(url, {"orden": "-saldo_vencido"}).content.decode()
    assert html.index("Titular 00239") < html.index("Titular 00238")
    assert "Titular 00000" not in html
    # The next page keeps the sort.
    assert "orden=-saldo_vencido&amp;pagina=2" in html

    html = client.get(url, {"meses_min": "29", "sector": "1"}).content.decode()
    # meses 29 ⇒ i ≡ 29 (mod 30); sector 1 ⇒ i ≡ 1 (mod 4): i = 29, 89, 149, 209.
    assert "4 cuentas con estos filtros" in html
    assert "Titular 00029" in html and "Titular 00089" in html


def test_entrada_mala_no_rompe_la_pagina(client, supervisor):
    lista = _lista_morosos(supervisor, 5)
    client.force_login(supervisor)
    url = reverse("cobranza:morosos_lista", args=[lista.folio])
    respuesta = client.get(url, {"saldo_min": "mil", "orden": "drop table", "pagina": "x"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Indique un monto" in html and "5 cuentas" in html
    listas = client.get(reverse("cobranza:morosos"), {"desde": "ayer"})
    assert listas.status_code == 200
    assert "Fecha no válida; use dd/mm/aaaa." in listas.content.decode()
    assert "1 lista" in listas.content.decode()


def test_ordenes_de_corte_por_cortador_y_estado(client, supervisor, crear_usuario):
    cortador = crear_usuario("cortador", first_name="Ramón", last_name="Ibarra")
    cartera = CarteraFactory()
    lista = ListaCorte.objects.create(
        folio="LC26-000001", cartera=cartera, parametros={}, generada_por=supervisor, al=hoy()
    )
    for i in range(3):
        OrdenCorte.objects.create(
            folio=f"OC-{i}",
            accion=OrdenCorte.Accion.choices[0][0],
            lista=lista,
            cuenta=CuentaFactory(cartera=cartera),
            saldo_vencido=D(100 * (i + 1)),
            sector="1",
            ruta=str(i),
            cortador=cortador if i else None,
            estado=OrdenCorte.Estado.PENDIENTE,
        )
    client.force_login(supervisor)
    url = reverse("cobranza:corte_lista", args=[lista.folio])
    html = client.get(url, {"cortador": cortador.pk}).content.decode()
    assert "2 órdenes con estos filtros" in html and "OC-0" not in html
    assert "Ramón Ibarra" in html
    html = client.get(url, {"ruta": "2"}).content.decode()
    assert "1 orden con estos filtros" in html
    html = client.get(url, {"orden": "-saldo"}).content.decode()
    assert html.index("OC-2") < html.index("OC-1") < html.index("OC-0")
    listas = client.get(reverse("cobranza:cortes"), {"cartera": cartera.pk}).content.decode()
    assert "1 lista con estos filtros" in listas and "LC26-000001" in listas


def _expediente(cuenta, supervisor, etapa="requerimiento", abogado=None):
    return Expediente.objects.create(
        folio=f"PEC-{cuenta.numero}",
        cuenta=cuenta,
        etapa=etapa,
        adeudo_inicial=D("900.00"),
        abierto_por=supervisor,
        abogado=abogado,
    )


def test_expedientes_por_etapa_y_abogado_y_el_abogado_solo_ve_los_suyos(
    client, supervisor, crear_usuario
):
    abogado = crear_usuario("abogado_externo", first_name="Rita", last_name="Soto")
    cartera = CarteraFactory()
    propia, ajena = CuentaFactory(cartera=cartera), CuentaFactory(cartera=cartera)
    asignacion_cambiar(cuenta=propia, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    _expediente(propia, supervisor, etapa="embargo", abogado=abogado)
    _expediente(ajena, supervisor)

    client.force_login(supervisor)
    html = client.get(reverse("cobranza:pec"), {"abogado": abogado.pk}).content.decode()
    assert "1 expediente con estos filtros" in html and f"PEC-{propia.numero}" in html
    html = client.get(reverse("cobranza:pec"), {"etapa": "requerimiento"}).content.decode()
    assert f"PEC-{ajena.numero}" in html and f"PEC-{propia.numero}" not in html

    client.force_login(abogado)
    html = client.get(reverse("cobranza:pec")).content.decode()
    assert "1 expediente" in html and f"PEC-{ajena.numero}" not in html


def test_gestiones_con_filtros_y_solo_de_cuentas_visibles(client, supervisor, crear_usuario):
    abogado = crear_usuario("abogado_externo")
    gestor = crear_usuario("ventanilla", first_name="Ana", last_name="López")
    cartera = CarteraFactory()
    propia, ajena = CuentaFactory(cartera=cartera), CuentaFactory(cartera=cartera)
    asignacion_cambiar(cuenta=propia, asignado_a=abogado, asignado_por=supervisor, motivo="PEC")
    for cuenta, tipo in ((propia, "visita"), (ajena, "llamada_realizada"), (ajena, "visita")):
        Gestion.objects.create(cuenta=cuenta, tipo=tipo, resultado="contactado", usuario=gestor)

    client.force_login(supervisor)
    html = client.get(reverse("cobranza:gestiones")).content.decode()
    assert "3 gestiones" in html and "Ana López" in html
    html = client.get(reverse("cobranza:gestiones"), {"tipo": "visita"}).content.decode()
    assert "2 gestiones con estos filtros" in html
    html = client.get(reverse("cobranza:gestiones"), {"cuenta": ajena.numero}).content.decode()
    assert "2 gestiones con estos filtros" in html
    manana = f"{hoy() + timedelta(days=1):%d/%m/%Y}"
    html = client.get(reverse("cobranza:gestiones"), {"desde": manana}).content.decode()
    assert "0 gestiones con estos filtros" in html

    client.force_login(abogado)
    html = client.get(reverse("cobranza:gestiones")).content.decode()
    assert "1 gestión" in html and ajena.numero not in html


def _convenio(alternativas, cuenta, capturo, folio, estado, total):
    return Convenio.objects.create(
        folio=folio,
        cuenta=cuenta,
        alternativa=alternativas["parcialidades"],
        estado=estado,
        adeudo=D(total),
        total=D(total),
        numero_parcialidades=3,
        primer_vencimiento=hoy() + timedelta(days=30),
        capturado_por=capturo,
    )


def test_convenios_lista_filtra_por_estado_y_quien_capturo(
    request, client, supervisor, crear_usuario
):
    alternativas = request.getfixturevalue("politica")  # tests/convenios/conftest.py
    ana = crear_usuario("ventanilla", first_name="Ana", last_name="López")
    beto = crear_usuario("ventanilla", first_name="Beto", last_name="Ruiz")
    cartera = alternativas["cartera"]
    _convenio(alternativas, CuentaFactory(cartera=cartera), ana, "CV-1", "vigente", "300.00")
    _convenio(alternativas, CuentaFactory(cartera=cartera), beto, "CV-2", "pendiente", "900.00")

    client.force_login(supervisor)
    html = client.get(reverse("convenios:lista")).content.decode()
    assert "2 convenios" in html and "Ana López" in html
    html = client.get(reverse("convenios:lista"), {"capturado_por": beto.pk}).content.decode()
    assert "1 convenio con estos filtros" in html and "CV-2" in html and "CV-1" not in html
    html = client.get(reverse("convenios:lista"), {"orden": "-total"}).content.decode()
    assert html.index("CV-2") < html.index("CV-1")

    client.force_login(crear_usuario("abogado_externo"))
    assert "0 convenios" in client.get(reverse("convenios:lista")).content.decode()


def test_buscar_cuentas_cuenta_y_pagina(client, crear_usuario, django_assert_max_num_queries):
    cartera = CarteraFactory()
    for i in range(60):
        CuentaFactory(cartera=cartera, titular__nombre=f"Zacarías{i:02d}")
    client.force_login(crear_usuario("ventanilla"))
    sin_preguntar = client.get(reverse("cobranza:buscar")).content.decode()
    assert "0 cuentas" not in sin_preguntar and 'id="resultados"' not in sin_preguntar
    with django_assert_max_num_queries(10):
        html = client.get(reverse("cobranza:buscar"), {"q": "zacarias"}).content.decode()
    assert "60 cuentas con estos filtros" in html and "Página 1 de 2" in html
    assert "q=zacarias&amp;pagina=2" in html


def test_ajustes_ordenados_por_monto(client, supervisor):
    client.force_login(supervisor)
    respuesta = client.get(reverse("cobranza:ajustes"), {"orden": "-monto", "desde": "hoy"})
    assert respuesta.status_code == 200
    html = respuesta.content.decode()
    assert "Fecha no válida; use dd/mm/aaaa." in html and "0 movimientos" in html


def test_la_api_de_la_lista_de_morosos_filtra_y_ordena_como_la_pagina(cliente_api, supervisor):
    lista = _lista_morosos(supervisor, 30)
    api = cliente_api(supervisor)
    url = f"/api/v1/morosos/{lista.folio}/"

    datos = api.get(url, {"ordering": "-saldo_vencido", "meses_min": "20"}).json()
    assert datos["count"] == 10
    assert [r["saldo_vencido"] for r in datos["results"][:2]] == ["529.00", "528.00"]
    assert datos["lista"]["folio"] == lista.folio

    mala = api.get(url, {"ordering": "password"})
    assert mala.status_code == 400
    assert "Orden desconocido" in mala.json()["error"]["mensaje"]
    assert api.get(url, {"saldo_min": "mil"}).status_code == 400

    esquema = api.get("/api/schema/").content.decode()
    assert "meses_min" in esquema and "ordering" in esquema
