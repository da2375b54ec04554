"""The data behind every printed document, built through the services, and the PDFs made
from it the way the product makes them (the document functions, or the page that serves it)."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cobranza.libro.services.cargos import cargo_registrar
from cobranza.models import Concepto
from convenios.documentos.documentos import convenio_pdf, pagares_pdf
from convenios.models import Alternativa, Convenio, NivelAutorizacion
from convenios.negociacion.simulacion import Terminos
from convenios.services.convenios import convenio_capturar, convenio_firmar
from padron.fechas import hoy
from tests.factories import CarteraCreditoFactory, CuentaFactory

D = Decimal


def usuario(rol, nombre, apellido):
    persona = get_user_model().objects.create_user(
        username=f"{rol}-{nombre.lower()}", first_name=nombre, last_name=apellido
    )
    persona.groups.add(Group.objects.get(name=rol))
    return persona


def deudor(cartera, **campos):
    """A cuenta owing three months of $1,000.00 and $300.00 of recargos."""
    cuenta = CuentaFactory(cartera=cartera, **campos)
    dia = hoy()
    for meses in (4, 3, 2):
        vence = dia - timedelta(days=30 * meses)
        cargo_registrar(
            cuenta=cuenta,
            concepto=Concepto.CONSUMO_AGUA,
            monto="1000.00",
            periodo=vence.replace(day=1),
            fecha_emision=vence - timedelta(days=20),
            fecha_vencimiento=vence,
        )
    cargo_registrar(
        cuenta=cuenta,
        concepto=Concepto.RECARGO,
        monto="300.00",
        periodo=dia.replace(day=1),
        fecha_emision=dia - timedelta(days=10),
        fecha_vencimiento=dia - timedelta(days=10),
    )
    return cuenta


def politica_credito():
    cartera = CarteraCreditoFactory(
        domicilio_institucion="Blvd. Kino 1000, Col. Centro, Hermosillo, Sonora",
        rfc_institucion="IBC950101AB1",
        telefono_institucion="662 123 4567",
    )
    comun = {"cartera": cartera, "max_parcialidades": 12, "ventanilla_max_parcialidades": 12}
    alternativas = {
        "contado": Alternativa.objects.create(
            **comun, tipo=Alternativa.Tipo.CONTADO, nombre="Contado", dias_gracia=3
        ),
        "parcialidades": Alternativa.objects.create(
            **comun,
            tipo=Alternativa.Tipo.PARCIALIDADES,
            nombre="Convenio a parcialidades",
            descuento_recargos_pct=D("50"),
            ventanilla_descuento_pct=D("0"),
            enganche_minimo_pct=D("20"),
            parcialidad_minima=D("100"),
            parcialidades_para_incumplir=2,
            dias_gracia=5,
            revertir_descuento=True,
        ),
    }
    NivelAutorizacion.objects.create(
        cartera=cartera,
        nombre="Supervisión",
        permiso="convenios.autorizar_convenio",
        orden=1,
        monto_maximo=None,
        descuento_maximo_pct=D("100"),
    )
    return cartera, alternativas


def convenios():
    """Four convenios of a crédito cartera: pending (with a discount beyond ventanilla's),
    signed in 6 parcialidades, paid in one single payment (contado), and enganche + 1."""
    cartera, alternativa = politica_credito()
    ventanilla = usuario("ventanilla", "Ana", "Moreno")

    def capturar(nombre, terminos, **campos):
        return convenio_capturar(
            cuenta=deudor(cartera, **campos),
            alternativa=alternativa[nombre],
            capturado_por=ventanilla,
            terminos=terminos,
        )

    sin_descuento = D("0")
    pendiente = capturar(
        "parcialidades",
        Terminos(numero_parcialidades=6, descuento_recargos_pct=D("50")),
        aval_nombre="Rosa Valenzuela Ortiz",
    )
    assert pendiente.estado == Convenio.Estado.PENDIENTE
    firmado = capturar(
        "parcialidades",
        Terminos(numero_parcialidades=6, descuento_recargos_pct=sin_descuento),
    )
    firmado = convenio_firmar(convenio=firmado, usuario=ventanilla) or firmado
    firmado.refresh_from_db()
    contado = capturar("contado", Terminos(descuento_recargos_pct=sin_descuento))
    una = capturar(
        "parcialidades", Terminos(numero_parcialidades=1, descuento_recargos_pct=sin_descuento)
    )
    return {"pendiente": pendiente, "firmado": firmado, "contado": contado, "una": una}


def pdfs_de_convenios(convenios_):
    pdfs = {}
    for nombre, convenio in convenios_.items():
        pdfs[f"convenio-{nombre}"] = convenio_pdf(convenio)
        pdfs[f"pagares-{nombre}"] = pagares_pdf(convenio)
    return pdfs


# --- the other documents -----------------------------------------------------------------------


class Usuarios:
    """crear_usuario for a module-scoped fixture: the role's user with a person's name."""

    def __init__(self):
        self.n = 0

    def __call__(self, rol=None, username=None, **campos):
        self.n += 1
        campos.setdefault("first_name", "Usuario")
        campos.setdefault("last_name", f"Prueba {self.n}")
        persona = get_user_model().objects.create_user(
            username=username or f"{rol}-{self.n}", **campos
        )
        if rol:
            persona.groups.add(Group.objects.get(name=rol))
        return persona


def estado_de_cuenta(convenios_):
    from cobranza.libro.documentos import estado_cuenta_pdf
    from cobranza.libro.services.pagos import pago_registrar

    cuenta = convenios_["firmado"].cuenta
    pago_registrar(cuenta=cuenta, monto="250.00", registrado_por=usuario("caja", "Luis", "Soto"))
    return estado_cuenta_pdf(cuenta=cuenta, al=hoy())


def constancia(crear):
    from cobranza.libro.services.pagos import pago_registrar
    from convenios.documentos.documentos import constancia_pdf
    from convenios.documentos.services import constancia_emitir

    cuenta = deudor(CarteraCreditoFactory())
    pago_registrar(cuenta=cuenta, monto="3300.00", registrado_por=crear("caja"))
    emitida = constancia_emitir(cuenta=cuenta, usuario=crear("ventanilla"))
    return constancia_pdf(
        emitida, f"https://cobranza.example.mx/verificar/{emitida.folio}/?codigo={emitida.codigo}"
    )


def pec(crear):
    from cobranza.demo.pec import pec_demo_crear
    from cobranza.models import Diligencia
    from cobranza.pec.documentos import diligencia_pdf
    from cobranza.pec.services import expedientes_abrir
    from padron.fechas import ahora
    from tests.factories import CarteraFactory

    cartera = CarteraFactory()
    pec_demo_crear(carteras=[cartera])
    cuenta = deudor(cartera)
    expedientes_abrir(cuenta_ids=[cuenta.pk], usuario=crear("supervisor"))
    diligencia = Diligencia.objects.get(expediente__cuenta=cuenta)
    pdfs = {f"pec-{d}": diligencia_pdf(diligencia, d) for d in ("documento", "citatorio")}
    # The acta prints what the notificador recorded (here in memory, as the phone page sets it).
    diligencia.notificador = crear("notificador")
    diligencia.resultado = "tercero"
    diligencia.notificada = diligencia.citatorio = ahora()
    diligencia.recibio_nombre, diligencia.recibio_relacion = "Ana Soto Romero", "Hija"
    diligencia.notas = "Se entendió la diligencia con la hija del titular, quien se identificó."
    pdfs["pec-acta"] = diligencia_pdf(diligencia, "acta")
    return pdfs


def archivo(crear):
    from cobranza.archivo.documentos import acuse_pdf, etiquetas_expedientes_pdf, vale_pdf
    from cobranza.archivo.services.expedientes import legajo_de
    from cobranza.archivo.services.prestamos import prestamo_registrar
    from cobranza.models import Devolucion
    from padron.fechas import ahora
    from tests.cobranza.archivo.test_prestamos_ayudas import crear_escenario

    escenario = crear_escenario(crear)
    prestamo = prestamo_registrar(
        documento=escenario["pagare_a"],
        prestatario=escenario["abogado_1"],
        proposito="Demanda ejecutiva ante el juzgado de primera instancia",
        vence=hoy() + timedelta(days=7),
        usuario=escenario["custodio"],
    )
    devolucion = Devolucion(
        folio="DEV-000001",
        documento=escenario["pagare_b"],
        recibe="Juan Pérez Valenzuela",
        identificacion="INE 1234567890123",
        usuario=escenario["custodio"],
        fecha=ahora(),
    )
    legajos = [legajo_de(CuentaFactory()) for _ in range(11)]
    return {
        "archivo-vale": vale_pdf(prestamo),
        "archivo-acuse": acuse_pdf(devolucion),
        "archivo-etiquetas": etiquetas_expedientes_pdf(legajos),
    }


def carta_de_inicio(cliente, crear):
    from cobranza.credito.services import tabla_generar

    cuenta = CuentaFactory(cartera=CarteraCreditoFactory())
    tabla_generar(
        cuenta=cuenta,
        capital=D("10000.00"),
        tasa_anual=D("12"),
        plazo=12,
        primer_vencimiento=hoy() + timedelta(days=30),
        usuario=crear("seguimiento"),
        motivo="Inicio de la recuperación",
    )
    cliente.force_login(crear("supervisor"))
    respuesta = cliente.get(f"/credito/{cuenta.numero}/carta/")
    assert respuesta["Content-Type"] == "application/pdf"
    return respuesta.content


def ordenes_de_corte(crear):
    from cobranza.cortes.documentos import ordenes_cortador_pdf
    from cobranza.cortes.services.listas import lista_corte_generar, ordenes_asignar
    from tests.cobranza.cortes.ayudas import DIA, cartera_de_agua, deudora, reglas_de_convenios

    reglas_de_convenios()
    cartera = cartera_de_agua()
    for i in range(30):
        deudora(
            cartera,
            ruta="101" if i % 2 else "102",
            manzana=f"{i:02d}",
            domicilio=f"Boulevard Luis Encinas Johnson y Calle de los Insurgentes {i} Int. B",
        )
    supervisor, cortador = crear("supervisor"), crear("cortador")
    lista = lista_corte_generar(criterios={"cartera": cartera}, usuario=supervisor, dia=DIA)
    ordenes_asignar(lista=lista, cortador=cortador, asignado_por=supervisor)
    return ordenes_cortador_pdf(lista=lista, cortador=cortador)


def morosos(crear, filas=40):
    from cobranza.morosos.exports import ExportadorPDF, lista_morosos_tabla
    from cobranza.morosos.services import lista_morosos_generar
    from tests.cobranza.morosos.test_morosos import moroso
    from tests.factories import CarteraFactory

    cartera = CarteraFactory()
    for i in range(filas):
        moroso(
            cartera,
            meses=4 + i % 20,
            monto="1234567.89" if i == 0 else "300.00",
            titular__curp=f"PEVJ8001{i % 10}1HSRRLN0{i % 10}",
            titular__nombre="María Guadalupe de los Ángeles",
            domicilio=f"Avenida Doctor Ignacio Pesqueira Pesqueira número {i} interior 4-B",
        )
    lista = lista_morosos_generar(criterios={"cartera": cartera.clave}, usuario=crear("supervisor"))
    return ExportadorPDF(lista_morosos_tabla(lista)).respuesta().content


def reportes():
    from cobranza.credito.reporte import TIPO as CREDITO
    from cobranza.reportes.archivos import reporte_pdf
    from cobranza.reportes.comun import periodo_por_omision
    from cobranza.reportes.registro import REPORTES
    from tests.factories import CarteraFactory

    agua, credito = CarteraFactory(), CarteraCreditoFactory()
    for _ in range(3):
        deudor(agua)
    periodo = periodo_por_omision()
    pdfs = {
        f"reporte-{clave}": reporte_pdf(clave, REPORTES[clave].calcular(agua, periodo))
        for clave in ("recuperacion", "estadisticas", "comparativo")
    }
    pdfs["reporte-credito"] = reporte_pdf(CREDITO, REPORTES[CREDITO].calcular(credito, periodo))
    return pdfs


def todos():
    """Every PDF the product makes (but the recibo and the corte de caja: tests/cobranza/caja)."""
    from django.test import Client

    crear = Usuarios()
    convenios_ = convenios()
    pdfs = pdfs_de_convenios(convenios_)
    pdfs["estado-de-cuenta"] = estado_de_cuenta(convenios_)
    pdfs["constancia"] = constancia(crear)
    pdfs.update(pec(crear))
    pdfs.update(archivo(crear))
    pdfs["carta-de-inicio"] = carta_de_inicio(Client(), crear)
    pdfs["ordenes-de-corte"] = ordenes_de_corte(crear)
    pdfs["morosos"] = morosos(crear)
    pdfs.update(reportes())
    return pdfs
