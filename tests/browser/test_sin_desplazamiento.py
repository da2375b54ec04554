"""No page reachable from any role's menu scrolls sideways, at 1366×900 nor on a 390×844 phone.

The rule (docs/ARCHITECTURE.md, "Listas: filtros, orden y páginas"):
- at either width the page itself never scrolls sideways
  (`document.documentElement.scrollWidth <= window.innerWidth`);
- at 1366 px every table fits the box it sits in, `.tabla-desplazable` included: that box is
  the phone's way out (a wide table scrolls inside it at 390 px), never the desktop's.

The data are the demo's (a small `seed_demo`, plus a lista de corte), so the pages have rows.
The links come from the rendered menu (`nav.menu`), not from config/navegacion.py.
"""

from urllib.parse import urlsplit

from padron.demo import contrasena_demo
from padron.roles import ROLES

ESCRITORIO = {"width": 1366, "height": 900}
TELEFONO = {"width": 390, "height": 844}
DESCARGAS = (".pdf", ".csv", ".xlsx", ".zip")

MEDIR = """() => {
  const raiz = document.documentElement;
  const tablas = [];
  for (const tabla of document.querySelectorAll("main table, .contenido table")) {
    const caja = tabla.parentElement;
    const ancho = Math.round(tabla.getBoundingClientRect().width);
    if (ancho > caja.clientWidth + 1) {
      tablas.push(`${tabla.id || tabla.className || "table"} ${ancho} px en ${caja.clientWidth} px`);
    }
  }
  // What sticks out, to name it in the failure (innermost elements first).
  const fuera = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.querySelector("*"))
    .slice(0, 3)
    .map(e => `${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}${e.className ? "." + e.className : ""}`);
  return {pagina: raiz.scrollWidth, ventana: window.innerWidth, tablas, fuera};
}"""


def _sembrar():
    """The demo users and enough rows for every list: debtors with long names and addresses,
    a lista de morosos, a lista de corte, expedientes, gestiones (seed_demo is too slow)."""
    from django.contrib.auth import get_user_model

    from cobranza.asignacion.services import asignacion_cambiar
    from cobranza.cortes.services.listas import corte_criterios, lista_corte_generar
    from cobranza.models import Gestion
    from cobranza.morosos.services import lista_morosos_generar, morosos_criterios
    from cobranza.pec.services import expedientes_abrir
    from padron.auditoria import actuando_como
    from padron.demo import crear_usuarios_demo
    from tests.cobranza.cortes.ayudas import deudora
    from tests.factories import CarteraFactory

    with actuando_como():
        crear_usuarios_demo()
    usuarios = get_user_model().objects
    supervisor = usuarios.get(username="supervisor")
    cartera = CarteraFactory(umbral_corte_meses=2, nombre="Organismo Operador Municipal de Agua")
    cuentas = [
        deudora(
            cartera,
            meses=4,
            sector=str(i % 3),
            ruta=str(i % 5),
            domicilio=f"Calle General Ignacio Zaragoza Seguín número {100 + i} interior B",
            colonia="Fraccionamiento Villas del Mediterráneo Residencial",
            titular__nombre="María de los Ángeles Guadalupe",
            titular__apellido_paterno="Valenzuela",
            titular__apellido_materno="Fernández de Córdoba",
        )
        for i in range(12)
    ]
    lista = lista_morosos_generar(
        criterios=morosos_criterios({"cartera": cartera.clave}), usuario=supervisor
    )
    lista_corte_generar(criterios=corte_criterios({"cartera": cartera.pk}), usuario=supervisor)
    abogado = usuarios.get(username="abogado_externo")
    for cuenta in cuentas[:3]:
        asignacion_cambiar(
            cuenta=cuenta, asignado_a=abogado, asignado_por=supervisor, motivo="Cobro judicial"
        )
    expedientes_abrir(cuenta_ids=[c.pk for c in cuentas[:6]], usuario=supervisor, lista=lista)
    Gestion.objects.bulk_create(
        Gestion(
            cuenta=c, tipo="visita", resultado="contactado", notas="Sin novedad", usuario=abogado
        )
        for c in cuentas
    )


def _enlaces(pagina):
    hrefs = pagina.eval_on_selector_all(
        "nav.menu a[href]", "enlaces => enlaces.map(e => e.getAttribute('href'))"
    )
    propios = []
    for href in hrefs:
        ruta = urlsplit(href)
        if ruta.netloc or not ruta.path.startswith("/") or ruta.path.endswith(DESCARGAS):
            continue
        if ruta.path not in propios:
            propios.append(ruta.path)
    return propios


def _revisar(pagina, ruta, ancho, problemas):
    respuesta = pagina.goto(ruta)
    pagina.wait_for_load_state()
    if respuesta is None or respuesta.status >= 500:
        problemas.append(f"{ruta} a {ancho} px: error {respuesta and respuesta.status}")
        return
    medida = pagina.evaluate(MEDIR)
    if medida["pagina"] > medida["ventana"]:
        problemas.append(
            f"{ruta} a {ancho} px: la página mide {medida['pagina']} px "
            f"(sobresale: {', '.join(medida['fuera'])})"
        )
    if ancho == ESCRITORIO["width"]:
        problemas.extend(f"{ruta} a {ancho} px: tabla {t}" for t in medida["tablas"])


def test_ninguna_pagina_del_menu_se_desplaza_de_lado(chromium, live_server, transactional_db):
    _sembrar()
    problemas = []
    for rol in ROLES:
        contexto = chromium.new_context(
            base_url=live_server.url, locale="es-MX", viewport=ESCRITORIO
        )
        contexto.set_default_timeout(30_000)
        pagina = contexto.new_page()
        pagina.goto("/entrar/")
        pagina.fill("#id_username", rol.clave)
        pagina.fill("#id_password", contrasena_demo(rol.clave))
        pagina.click("button[type=submit]")
        pagina.wait_for_load_state()
        inicio = urlsplit(pagina.url).path
        rutas = [inicio, *(r for r in _enlaces(pagina) if r != inicio)]
        for tamano in (ESCRITORIO, TELEFONO):
            pagina.set_viewport_size(tamano)
            for ruta in rutas:
                _revisar(pagina, ruta, tamano["width"], problemas)
        contexto.close()
    assert not problemas, "Páginas que se desplazan de lado:\n" + "\n".join(problemas)
