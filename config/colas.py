"""The work queues of each role's home page: one card per queue, its first rows and its count
from one query each (config/views.py shows them)."""

from dataclasses import dataclass, field

from django.db.models import Count, Window
from django.urls import reverse
from django.utils.text import Truncator

from cobranza.asignacion.tablero import cuentas_con_siguiente_accion
from cobranza.cortes.tablero import carteras_sin_lista_corte, ruta_del_cortador
from cobranza.facturacion.tablero import cargos_por_autorizar, descuentos_por_autorizar
from cobranza.gestiones.tablero import (
    promesas_que_vencen,
    promesas_vencidas_sin_cumplir,
    recados_sin_leer,
)
from cobranza.models import Etapa
from cobranza.morosos.tablero import carteras_sin_lista_morosos
from cobranza.pec.selectors import diligencias_por_notificar
from cobranza.tareas.nombres import nombre_tarea, nombres_de_tareas
from cobranza.tareas.tablero import DIAS_TAREAS_FALLIDAS, tareas_fallidas
from convenios.negociacion.simulacion import motivos_del_convenio
from convenios.selectors import cola_de_autorizacion
from convenios.tablero import convenios_esperando_enganche, convenios_por_firmar
from padron.beneficiarios.services import nivel_de, niveles_configurados
from padron.beneficiarios.tablero import tramites_por_autorizar
from padron.dinero import formato_pesos
from padron.periodos import nombre_periodo
from padron.personas import nombre_persona
from padron.templatetags.formato import fecha_hora

ETAPAS = dict(Etapa.choices)


# --- work queues: one card per queue, first MUESTRA rows and the count in one query ----------

MUESTRA = 5


@dataclass
class Cola:
    clave: str
    titulo: str
    vacio: str  # what an empty queue says, in words
    ver_todos: str = ""
    cuantos: int = 0
    filas: list = field(default_factory=list)


def _fila(texto, url="", detalle="", vencida=False):
    return {"texto": texto, "url": url, "detalle": detalle, "vencida": vencida}


def _muestra(consulta):
    """The first MUESTRA rows and how many there are, in one query (COUNT(*) OVER ())."""
    filas = list(consulta.annotate(cuantos_en_total=Window(Count("pk")))[:MUESTRA])
    return filas, (filas[0].cuantos_en_total if filas else 0)


def _cola(clave, titulo, consulta, fila, *, vacio, ver_todos=""):
    objetos, cuantos = _muestra(consulta)
    return Cola(clave, titulo, vacio, ver_todos, cuantos, [fila(o) for o in objetos])


def _cuenta(cuenta):
    return f"{cuenta.numero} · {cuenta.titular.nombre_completo}"


def _url_cuenta(cuenta):
    return reverse("cobranza:cuenta", args=[cuenta.numero])


def _url_convenio(convenio):
    return reverse("convenios:convenio", args=[convenio.folio])


def _colas_ventanilla(usuario, dia):
    promesas = reverse("cobranza:promesas")
    return [
        _cola(
            "promesas-hoy",
            "Promesas de pago que vencen hoy",
            promesas_que_vencen(usuario, dia=dia),
            lambda p: _fila(
                _cuenta(p.cuenta), _url_cuenta(p.cuenta), f"prometió {formato_pesos(p.monto)}"
            ),
            vacio="No hay promesas que venzan hoy.",
            ver_todos=f"{promesas}?desde={dia:%Y-%m-%d}&hasta={dia:%Y-%m-%d}",
        ),
        _cola(
            "promesas-vencidas",
            "Promesas vencidas sin cumplir",
            promesas_vencidas_sin_cumplir(usuario, dia=dia),
            lambda p: _fila(
                _cuenta(p.cuenta),
                _url_cuenta(p.cuenta),
                f"prometió {formato_pesos(p.monto)} para el {p.fecha_compromiso:%d/%m/%Y}",
                vencida=True,
            ),
            vacio="No hay promesas vencidas sin cumplir.",
            ver_todos=f"{promesas}?estado=incumplida",
        ),
        _cola(
            "convenios-por-firmar",
            "Convenios por firmar",
            convenios_por_firmar(),
            lambda c: _fila(
                c.folio,
                _url_convenio(c),
                f"{_cuenta(c.cuenta)}: autorizado, falta la firma del deudor",
            ),
            vacio="No hay convenios autorizados esperando la firma.",
        ),
        _cola(
            "convenios-enganche",
            "Convenios esperando el enganche",
            convenios_esperando_enganche(),
            lambda c: _fila(
                c.folio,
                _url_convenio(c),
                f"{_cuenta(c.cuenta)}: firmado; será vigente cuando se pague el enganche "
                f"de {formato_pesos(c.enganche_resta or 0)}",
            ),
            vacio="No hay convenios firmados esperando el enganche.",
        ),
        _colas_recados(usuario),
    ]


def _colas_recados(usuario):
    return _cola(
        "recados",
        "Recados sin leer",
        recados_sin_leer(usuario),
        lambda r: _fila(
            f"De {r.de}",
            reverse("cobranza:recados"),
            Truncator(r.mensaje).chars(80)
            + (f" (tel. {r.telefono})" if r.telefono else "")
            + (f" · cuenta {r.cuenta.numero}" if r.cuenta else ""),
        ),
        vacio="No tiene recados sin leer.",
        ver_todos=reverse("cobranza:recados"),
    )


def _colas_supervisor(usuario, dia):
    colas = []
    if usuario.has_perm("convenios.autorizar_convenio") or usuario.has_perm(
        "convenios.autorizar_convenio_mayor"
    ):
        colas.append(
            _cola(
                "por-autorizar-convenios",
                "Convenios por autorizar",
                cola_de_autorizacion(usuario).prefetch_related("cargos_cubiertos__cargo"),
                lambda c: _fila(
                    c.folio,
                    _url_convenio(c),
                    f"{_cuenta(c.cuenta)}: " + "; ".join(motivos_del_convenio(c)),
                ),
                vacio="No hay convenios esperando su autorización.",
                ver_todos=reverse("convenios:pendientes"),
            )
        )
    if usuario.has_perm("cobranza.autorizar_cargo"):
        colas.append(
            _cola(
                "por-autorizar-cargos",
                "Cargos extraordinarios por autorizar",
                cargos_por_autorizar(),
                lambda c: _fila(
                    c.folio,
                    reverse("cobranza:cargos_propuestos"),
                    f"{c.get_tipo_display()} de {formato_pesos(c.monto)} en la cuenta "
                    f"{c.cuenta.numero}, propuesto por {nombre_persona(c.propuesto_por)}: "
                    "lo autoriza alguien distinto de quien lo propone",
                ),
                vacio="No hay cargos extraordinarios por autorizar.",
                ver_todos=reverse("cobranza:cargos_propuestos"),
            )
        )
    if usuario.has_perm("cobranza.autorizar_descuento_social"):
        colas.append(
            _cola(
                "por-autorizar-descuentos",
                "Descuentos de trabajo social por resolver",
                descuentos_por_autorizar(),
                lambda d: _fila(
                    d.folio,
                    reverse("cobranza:descuento_social", args=[d.folio]),
                    f"{d.get_tipo_display()} · cuenta {d.cuenta.numero}, solicitado por "
                    f"{nombre_persona(d.solicitado_por)}: el estudio socioeconómico espera "
                    "que supervisión fije el porcentaje",
                ),
                vacio="No hay descuentos de trabajo social por resolver.",
                ver_todos=reverse("cobranza:descuentos_sociales"),
            )
        )
    colas += _colas_tramites(usuario)
    colas += _colas_listas(usuario, dia)
    if usuario.has_perm("cobranza.ver_reportes"):
        nombres = nombres_de_tareas()
        colas.append(
            _cola(
                "tareas-fallidas",
                f"Tareas que fallaron en los últimos {DIAS_TAREAS_FALLIDAS} días",
                tareas_fallidas(),
                lambda t: _fila(
                    nombre_tarea(t.tarea, nombres),
                    reverse("cobranza:tareas"),
                    f"{t.get_estado_display().lower()} el {fecha_hora(t.inicio)}",
                    vencida=True,
                ),
                vacio="Ninguna tarea programada ha fallado.",
                ver_todos=reverse("cobranza:tareas"),
            )
        )
    return colas


def _colas_tramites(usuario):
    if not (
        usuario.has_perm("padron.autorizar_tramite")
        or usuario.has_perm("padron.autorizar_tramite_mayor")
    ):
        return []
    niveles = niveles_configurados()
    quien = {
        "padron.autorizar_tramite": "supervisión",
        "padron.autorizar_tramite_mayor": "gerencia",
    }
    return [
        _cola(
            "por-autorizar-tramites",
            "Trámites del crédito por autorizar",
            tramites_por_autorizar(),
            lambda t: _fila(
                t.folio,
                reverse("padron:beneficiario", args=[t.credito.cuenta.numero]),
                f"{t.get_tipo_display()} de {t.credito.cuenta.titular.nombre_completo}: "
                f"lo autoriza {quien.get(nivel_de(t, niveles), 'supervisión')}",
            ),
            vacio="No hay trámites del crédito por autorizar.",
            ver_todos=reverse("padron:tramites"),
        )
    ]


def _colas_listas(usuario, dia):
    mes = nombre_periodo(dia.year, dia.month)
    colas = []
    if usuario.has_perm("cobranza.generar_lista_morosos"):
        nueva = reverse("cobranza:morosos_nueva")
        colas.append(
            _cola(
                "listas-morosos",
                "Listas de morosos por generar",
                carteras_sin_lista_morosos(dia=dia),
                lambda c: _fila(c.nombre, nueva, f"sin lista de morosos de {mes}"),
                vacio=f"Todas las carteras tienen su lista de morosos de {mes}.",
                ver_todos=reverse("cobranza:morosos"),
            )
        )
    if usuario.has_perm("cobranza.generar_lista_corte"):
        nueva = reverse("cobranza:corte_nueva")
        colas.append(
            _cola(
                "listas-corte",
                "Listas de corte por generar",
                carteras_sin_lista_corte(dia=dia),
                lambda c: _fila(c.nombre, nueva, f"sin lista de corte de {mes}"),
                vacio=f"Todas las carteras de agua tienen su lista de corte de {mes}.",
                ver_todos=reverse("cobranza:cortes"),
            )
        )
    return colas


def _siguiente_accion(cuenta, dia):
    if cuenta.plazo_vence and cuenta.siguiente == cuenta.plazo_vence:
        etapa = ETAPAS.get(cuenta.expediente_etapa, "Expediente")
        return f"{etapa} (expediente {cuenta.expediente_folio}): el plazo vence el {cuenta.plazo_vence:%d/%m/%Y}"
    if cuenta.promesa_fecha:
        return f"promesa de {formato_pesos(cuenta.promesa_monto)} para el {cuenta.promesa_fecha:%d/%m/%Y}"
    if cuenta.expediente_folio:
        etapa = ETAPAS.get(cuenta.expediente_etapa, "")
        return f"expediente {cuenta.expediente_folio} en {etapa.lower() or 'trámite'}, sin plazo corriendo"
    return "sin acción programada: registre una gestión"


def _colas_abogado(usuario, dia):
    return [
        _cola(
            "cuentas-asignadas",
            "Sus cuentas asignadas, la más urgente primero",
            cuentas_con_siguiente_accion(usuario),
            lambda c: _fila(
                _cuenta(c),
                _url_cuenta(c),
                _siguiente_accion(c, dia),
                vencida=bool(c.siguiente and c.siguiente < dia),
            ),
            vacio="No tiene cuentas asignadas.",
            ver_todos=reverse("cobranza:mi_cartera"),
        )
    ]


def _colas_notificador(usuario, dia):
    return [
        _cola(
            "ruta-diligencias",
            "Diligencias por notificar hoy",
            diligencias_por_notificar(usuario),
            lambda d: _fila(
                f"{d.folio} · {d.get_etapa_display()}",
                reverse("cobranza:notificar", args=[d.folio]),
                f"{d.expediente.cuenta.titular.nombre_completo}, {d.expediente.cuenta.domicilio}"
                + (f", {d.expediente.cuenta.colonia}" if d.expediente.cuenta.colonia else ""),
            ),
            vacio="No tiene diligencias por notificar.",
            ver_todos=reverse("cobranza:notificador"),
        )
    ]


def _colas_cortador(usuario, dia):
    ruta = reverse("cobranza:cortador_ruta")
    return [
        _cola(
            "ruta-corte",
            "Su ruta de corte de hoy",
            ruta_del_cortador(usuario),
            lambda o: _fila(
                f"{o.folio} · {o.get_accion_display()}",
                ruta,
                f"cuenta {o.cuenta.numero}, {o.cuenta.domicilio}"
                + (f", {o.cuenta.colonia}" if o.cuenta.colonia else "")
                + (f" (sector {o.sector}, ruta {o.ruta})" if o.sector or o.ruta else ""),
            ),
            vacio="No tiene órdenes de corte pendientes.",
            ver_todos=ruta,
        )
    ]


# Each role's queues, in the order they show (caja's home is its own: part of the caja).
COLAS = {
    "ventanilla": _colas_ventanilla,
    "supervisor": _colas_supervisor,
    "abogado_externo": _colas_abogado,
    "notificador": _colas_notificador,
    "cortador": _colas_cortador,
    "seguimiento": lambda usuario, dia: [_colas_recados(usuario)],
}
