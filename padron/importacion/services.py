"""Import of the padrón from CSV or XLSX (docs/padron.md describes the columns).

Every row is validated by the same rules as the services (titular_validar,
cuenta_validar) and errors are reported by row and column. By default nothing
is written if any row is invalid; with `parcial` the valid rows go in and the
rejected ones come back as a CSV with their reasons.

Re-importing the same file changes nothing: each row is compared with what is
stored and only real differences are written, with the history reason
"Importación <archivo>". Existing rows are read in bulk (a few queries per
thousand rows) and written with bulk inserts/updates plus their history.
"""

import copy
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from padron.importacion import celdas
from padron.importacion.archivos import leer_archivo, rechazados_csv, texto_de
from padron.models import Cartera, Cuenta, Titular
from padron.services import (
    CAMPOS_TITULAR_BUSQUEDA,
    busqueda_refrescar,
    cuenta_validar,
    cuentas_creadas,
    titular_validar,
)
from padron.texto import cantidad, normalizar

LOTE = 900  # ids per IN (...) query: SQLite's limit on parameters is generous, not infinite


@dataclass(frozen=True)
class Columna:
    nombre: str
    modelo: str  # "titular", "cuenta" or "" (handled by hand)
    campo: str = ""
    tipo: str = "texto"  # texto, mayusculas, opcion, fecha, entero, decimal, monto


COLUMNAS = (
    Columna("numero_cuenta", "cuenta", "numero"),
    Columna("cartera", ""),
    Columna("tipo_persona", "titular", "tipo_persona", "opcion"),
    Columna("nombre", "titular", "nombre"),
    Columna("apellido_paterno", "titular", "apellido_paterno"),
    Columna("apellido_materno", "titular", "apellido_materno"),
    Columna("curp", "titular", "curp", "mayusculas"),
    Columna("rfc", "titular", "rfc", "mayusculas"),
    Columna("telefono", "titular", "telefono"),
    Columna("telefono_alterno", "titular", "telefono_alterno"),
    Columna("email", "titular", "email"),
    Columna("domicilio_notificar", "titular", "domicilio"),
    Columna("colonia", "titular", "colonia"),
    Columna("municipio", "titular", "municipio"),
    Columna("codigo_postal", "titular", "codigo_postal"),
    Columna("estado", "cuenta", "estado", "opcion"),
    Columna("fecha_alta", "cuenta", "fecha_alta", "fecha"),
    # Water
    Columna("clave_catastral", "cuenta", "clave_catastral"),
    Columna("clasificacion", "cuenta", "clasificacion", "opcion"),
    Columna("sector", "cuenta", "sector"),
    Columna("ruta", "cuenta", "ruta"),
    Columna("manzana", "cuenta", "manzana"),
    Columna("domicilio_predio", "cuenta", "domicilio"),
    Columna("colonia_predio", "cuenta", "colonia"),
    Columna("municipio_predio", "cuenta", "municipio"),
    Columna("servicios", ""),
    Columna("medidor", "cuenta", "medidor"),
    Columna("gran_consumidor", "cuenta", "gran_consumidor"),
    # Educational credit
    Columna("pagare_folio", "cuenta", "pagare_folio"),
    Columna("programa", "cuenta", "programa"),
    Columna("institucion_educativa", "cuenta", "institucion_educativa"),
    Columna("monto_otorgado", "cuenta", "monto_otorgado", "monto"),
    Columna("fecha_otorgamiento", "cuenta", "fecha_otorgamiento", "fecha"),
    Columna("plazo_meses", "cuenta", "plazo_meses", "entero"),
    Columna("tasa_interes_anual", "cuenta", "tasa_interes_anual", "decimal"),
    Columna("inicio_recuperacion", "cuenta", "inicio_recuperacion", "fecha"),
    Columna("aval_nombre", "cuenta", "aval_nombre"),
    Columna("aval_telefono", "cuenta", "aval_telefono"),
    Columna("aval_domicilio", "cuenta", "aval_domicilio"),
)
POR_NOMBRE = {c.nombre: c for c in COLUMNAS}
OBLIGATORIAS = ("numero_cuenta", "nombre")
SERVICIOS = {
    "agua": "servicio_agua",
    "drenaje": "servicio_drenaje",
    "saneamiento": "servicio_saneamiento",
}
# model field -> column, to report the model's own errors where the user looks.
COLUMNA_DE = {
    "titular": {c.campo: c.nombre for c in COLUMNAS if c.modelo == "titular"},
    "cuenta": {
        **{c.campo: c.nombre for c in COLUMNAS if c.modelo == "cuenta"},
        **{campo: "servicios" for campo in SERVICIOS.values()},
        "cartera": "cartera",
        "titular": "nombre",
    },
}


@dataclass
class ErrorImportacion:
    fila: int
    columna: str
    mensaje: str

    def __str__(self):
        donde = f"fila {self.fila}" + (f", columna {self.columna}" if self.columna else "")
        return f"{donde}: {self.mensaje}"


@dataclass
class ResultadoImportacion:
    archivo: str
    parcial: bool = False
    filas: int = 0
    cuentas_creadas: int = 0
    cuentas_actualizadas: int = 0
    cuentas_sin_cambios: int = 0
    titulares_creados: int = 0
    titulares_actualizados: int = 0
    errores: list[ErrorImportacion] = field(default_factory=list)
    importado: bool = False
    encabezados: list[str] = field(default_factory=list)
    rechazadas: list[tuple[int, list[str]]] = field(default_factory=list)  # (fila, valores)
    codificacion: str = ""  # how the file was read: UTF-8, Windows-1252 (latin-1), XLSX

    @property
    def filas_rechazadas(self):
        return sorted({e.fila for e in self.errores})

    @property
    def filas_aceptadas(self):
        return self.filas - len([f for f in self.filas_rechazadas if f > 1])

    def rechazados_csv(self) -> str:
        """The rejected rows as they came, plus an `errores` column with the reasons."""
        por_fila = {}
        for e in self.errores:
            por_fila.setdefault(e.fila, []).append(
                f"{e.columna}: {e.mensaje}" if e.columna else e.mensaje
            )
        return rechazados_csv(
            self.encabezados,
            ((fila, valores, por_fila.get(fila, [])) for fila, valores in self.rechazadas),
        )

    def resumen(self) -> str:
        partes = [
            f"{self.filas} filas leídas",
            f"{self.cuentas_creadas} cuentas nuevas",
            f"{self.cuentas_actualizadas} actualizadas",
            f"{self.cuentas_sin_cambios} sin cambios",
            f"{self.titulares_creados} titulares nuevos",
            f"{self.titulares_actualizados} titulares actualizados",
        ]
        if self.parcial and self.filas_rechazadas:
            partes.append(f"{len(self.filas_rechazadas)} filas rechazadas")
        if self.codificacion not in ("", "UTF-8", "XLSX"):
            partes.append(f"archivo leído como {self.codificacion}")
        return ", ".join(partes) + "."


# --- parsing cells ----------------------------------------------------------------------


def _opcion(valor, modelo, campo):
    if valor == "":
        return ""
    clave = normalizar(valor).lower().replace(" ", "_")
    opciones = modelo._meta.get_field(campo).choices
    for opcion, etiqueta in opciones:
        if clave in (opcion, normalizar(str(etiqueta)).lower().replace(" ", "_")):
            return opcion
    if campo == "tipo_persona" and clave in ("f", "m", "persona_fisica", "persona_moral"):
        return "fisica" if clave.endswith(("f", "fisica")) else "moral"
    validas = ", ".join(str(o) for o, _ in opciones)
    raise ValueError(f"Valor «{valor}» no válido; use uno de: {validas}.")


def _servicios(valor):
    resultado = dict.fromkeys(SERVICIOS.values(), False)
    for parte in str(valor).replace(";", ",").replace("|", ",").split(","):
        nombre = normalizar(parte).lower()
        if not nombre:
            continue
        if nombre not in SERVICIOS:
            raise ValueError(
                f"Servicio desconocido «{parte.strip()}»; use agua, drenaje, saneamiento."
            )
        resultado[SERVICIOS[nombre]] = True
    return resultado


def _convertir(columna: Columna, valor):
    modelo = Titular if columna.modelo == "titular" else Cuenta
    if columna.tipo == "opcion":
        return _opcion(texto_de(valor), modelo, columna.campo)
    if columna.tipo == "fecha":
        return celdas.fecha(valor)
    valor = texto_de(valor)
    if columna.tipo == "mayusculas":
        return valor.upper()
    if columna.tipo == "entero":
        return celdas.entero(valor)
    if columna.tipo == "decimal":
        return celdas.decimal(valor)
    if columna.tipo == "monto":
        return celdas.monto(valor)
    return valor


# --- the import ---------------------------------------------------------------------------


@dataclass
class _Fila:
    numero: int
    valores: dict
    numero_cuenta: str = ""
    datos_titular: dict = field(default_factory=dict)
    datos_cuenta: dict = field(default_factory=dict)
    cartera: Cartera | None = None
    existente: Cuenta | None = None
    titular: Titular | None = None  # the canonical titular (stored or to be created)
    titular_final: Titular | None = None
    cuenta_final: Cuenta | None = None
    errores: dict = field(default_factory=dict)

    def error(self, columna, mensaje):
        self.errores.setdefault(columna, [])
        if mensaje not in self.errores[columna]:
            self.errores[columna].append(mensaje)


def _lotes(valores):
    valores = list(valores)
    for inicio in range(0, len(valores), LOTE):
        yield valores[inicio : inicio + LOTE]


def _errores_modelo(fila, exc, modelo):
    columnas = COLUMNA_DE[modelo]
    for campo, mensajes in exc.message_dict.items():
        columna = "" if campo == NON_FIELD_ERRORS else columnas.get(campo, campo)
        if columna and fila.errores.get(columna):
            continue  # the cell could not be read: that is the error to fix first
        for mensaje in mensajes:
            fila.error(columna, mensaje)


def _campos_presentes(encabezados, modelo):
    campos = [
        POR_NOMBRE[c].campo
        for c in encabezados
        if POR_NOMBRE.get(c) and POR_NOMBRE[c].modelo == modelo
    ]
    if modelo == "cuenta" and "servicios" in encabezados:
        campos += list(SERVICIOS.values())
    return campos


def _valor(instancia, campo):
    return getattr(instancia, instancia._meta.get_field(campo).attname)


def _diferentes(a, b, campos):
    return [c for c in campos if _valor(a, c) != _valor(b, c)]


def padron_importar(
    *,
    archivo,
    nombre: str,
    parcial: bool = False,
    cartera: str | None = None,
    usuario=None,
    avance=None,
) -> ResultadoImportacion:
    """Import a padrón file. Nothing is written unless every row is valid, or, with
    `parcial`, only the valid rows are written. Returns the summary and the errors."""
    nombre = Path(nombre).name
    resultado = ResultadoImportacion(archivo=nombre, parcial=parcial)
    lectura = leer_archivo(archivo, nombre)
    encabezados, filas_leidas = lectura.encabezados, lectura.filas
    resultado.encabezados, resultado.codificacion = encabezados, lectura.codificacion
    resultado.filas = len(filas_leidas)

    desconocidas = [c for c in encabezados if c and c not in POR_NOMBRE]
    faltantes = [c for c in OBLIGATORIAS if c not in encabezados]
    if "cartera" not in encabezados and not cartera:
        faltantes.append("cartera")
    repetidas = sorted({c for c in encabezados if c and encabezados.count(c) > 1})
    for c in desconocidas:
        resultado.errores.append(ErrorImportacion(1, c, "Columna desconocida."))
    for c in faltantes:
        resultado.errores.append(ErrorImportacion(1, c, "Falta esta columna obligatoria."))
    for c in repetidas:
        resultado.errores.append(ErrorImportacion(1, c, "La columna aparece más de una vez."))
    if resultado.errores:
        return resultado  # a bad header makes every row suspect: nothing is imported
    if not filas_leidas:
        resultado.errores.append(ErrorImportacion(1, "", "El archivo no tiene filas de datos."))
        return resultado

    with transaction.atomic():
        filas = _importar(
            filas_leidas,
            encabezados,
            resultado,
            parcial=parcial,
            cartera=cartera,
            usuario=usuario,
            avance=avance or (lambda *a, **k: None),
        )
        if resultado.errores and not parcial:
            transaction.set_rollback(True)
            resultado.importado = False
        else:
            resultado.importado = True
    rechazadas = {e.fila for e in resultado.errores}
    resultado.rechazadas = [
        (f.numero, [texto_de(f.valores.get(c, "")) for c in encabezados])
        for f in filas
        if f.numero in rechazadas
    ]
    if not resultado.importado:
        for atributo in (
            "cuentas_creadas",
            "cuentas_actualizadas",
            "cuentas_sin_cambios",
            "titulares_creados",
            "titulares_actualizados",
        ):
            setattr(resultado, atributo, 0)
    return resultado


def _importar(filas_leidas, encabezados, resultado, *, parcial, cartera, usuario, avance):
    carteras = {c.clave: c for c in Cartera.objects.all()}
    cartera_fija = None
    if cartera:
        cartera_fija = carteras.get(cartera)
        if cartera_fija is None:
            raise ValidationError({"cartera": f"No existe la cartera «{cartera}»."})
    campos_titular = _campos_presentes(encabezados, "titular")
    campos_cuenta = _campos_presentes(encabezados, "cuenta")

    filas = [_Fila(numero, valores) for numero, valores in filas_leidas]
    if hasattr(avance, "fijar_total"):
        avance.fijar_total(2 * len(filas), "Validando filas")
    vistas = {}
    for fila in filas:
        avance()
        _convertir_fila(fila, encabezados, carteras, cartera_fija)
        if fila.numero_cuenta:
            if fila.numero_cuenta in vistas:
                fila.error(
                    "numero_cuenta",
                    f"El número de cuenta se repite (ya está en la fila {vistas[fila.numero_cuenta]}).",
                )
            else:
                vistas[fila.numero_cuenta] = fila.numero

    # Bulk reads: the cuentas of the file with their titulares, then titulares by key.
    existentes = {}
    for lote in _lotes(vistas):
        for cuenta in (
            Cuenta.objects.select_for_update(of=("self",))
            .select_related("titular", "cartera")
            .filter(numero__in=lote)
        ):
            existentes[cuenta.numero] = cuenta
    canonicos = {}  # titular pk -> the one instance every row shares
    for cuenta in existentes.values():
        cuenta.titular = canonicos.setdefault(cuenta.titular_id, cuenta.titular)
    curps = {f.datos_titular.get("curp") for f in filas} - {None, ""}
    rfcs = {f.datos_titular.get("rfc") for f in filas} - {None, ""}
    por_curp, por_rfc = {}, {}
    for campo, claves, indice in (("curp", curps, por_curp), ("rfc", rfcs, por_rfc)):
        for lote in _lotes(claves):
            for titular in Titular.objects.filter(**{f"{campo}__in": lote}).order_by("pk"):
                titular = canonicos.setdefault(titular.pk, titular)
                indice.setdefault(getattr(titular, campo), []).append(titular)
    for titular in canonicos.values():
        for campo, indice in (("curp", por_curp), ("rfc", por_rfc)):
            clave = getattr(titular, campo)
            if clave and titular not in indice.setdefault(clave, []):
                indice[clave].append(titular)

    # Which titular each row belongs to: by CURP/RFC, else the cuenta's own, else a new one.
    def buscar(curp, rfc, preferido):
        for clave, indice in ((curp, por_curp), (rfc, por_rfc)):
            candidatos = indice.get(clave) if clave else None
            if candidatos:
                return preferido if preferido in candidatos else candidatos[0]
        return None

    def registrar(titular, curp, rfc):
        if curp:
            por_curp.setdefault(curp, []).append(titular)
        if rfc:
            por_rfc.setdefault(rfc, []).append(titular)
        return titular

    for fila in filas:
        fila.existente = existentes.get(fila.numero_cuenta)
    # Existing cuentas first, so that their titular claims a CURP before a new row does.
    for fila in sorted(filas, key=lambda f: f.existente is None):
        curp = fila.datos_titular.get("curp", "")
        rfc = fila.datos_titular.get("rfc", "")
        propio = fila.existente.titular if fila.existente else None
        titular = buscar(curp, rfc, propio)
        if titular is None and propio is not None:
            compatible = (not curp or propio.curp in ("", curp)) and (
                not rfc or propio.rfc in ("", rfc)
            )
            if compatible:
                titular = registrar(propio, curp, rfc)
        if titular is None:
            titular = registrar(Titular(), curp, rfc)
        fila.titular = titular

    # Validate every row against the rules of the services, in file order.
    referencia = {}  # id(titular) -> the first row whose titular data were valid
    for fila in filas:
        avance()
        _validar_fila(fila, campos_titular, campos_cuenta, referencia)
        for columna, mensajes in fila.errores.items():
            for mensaje in mensajes:
                resultado.errores.append(ErrorImportacion(fila.numero, columna, mensaje))
    if resultado.errores and not parcial:
        return filas

    _escribir(
        [f for f in filas if not f.errores],
        referencia,
        campos_titular,
        campos_cuenta,
        resultado,
        usuario,
    )
    return filas


def _convertir_fila(fila, encabezados, carteras, cartera_fija):
    for nombre_columna in encabezados:
        columna = POR_NOMBRE.get(nombre_columna)
        if columna is None:
            continue
        valor = fila.valores.get(nombre_columna, "")
        try:
            if nombre_columna == "cartera":
                clave = texto_de(valor)
                if cartera_fija and clave and clave != cartera_fija.clave:
                    raise ValueError(
                        f"La fila es de la cartera «{clave}» y se está importando en «{cartera_fija.clave}»."
                    )
                clave = clave or (cartera_fija.clave if cartera_fija else "")
                if not clave:
                    raise ValueError("Indique la clave de la cartera.")
                if clave not in carteras:
                    raise ValueError(f"No existe la cartera «{clave}».")
                fila.cartera = carteras[clave]
            elif nombre_columna == "servicios":
                fila.datos_cuenta.update(_servicios(texto_de(valor)))
            elif nombre_columna == "numero_cuenta":
                fila.numero_cuenta = texto_de(valor)
                if not fila.numero_cuenta:
                    raise ValueError("El número de cuenta es obligatorio.")
            elif nombre_columna == "estado":
                estado = _convertir(columna, valor)
                if estado:  # blank: a new cuenta is activa, an existing one keeps its estado
                    fila.datos_cuenta["estado"] = estado
            else:
                destino = fila.datos_titular if columna.modelo == "titular" else fila.datos_cuenta
                convertido = _convertir(columna, valor)
                if columna.campo == "tipo_persona" and not convertido:
                    convertido = Titular.TipoPersona.FISICA
                destino[columna.campo] = convertido
        except ValueError as exc:
            fila.error(nombre_columna, str(exc))
    if fila.cartera is None and cartera_fija is not None:
        fila.cartera = cartera_fija


def _validar_fila(fila, campos_titular, campos_cuenta, referencia):
    clave = id(fila.titular)
    # The titular: the stored one (a copy, so a rejected row leaves it untouched) or a new one.
    titular = copy.copy(fila.titular) if fila.titular.pk else Titular()
    errores_conversion = set(fila.errores)
    for campo, valor in fila.datos_titular.items():
        setattr(titular, campo, "" if valor is None else valor)
    try:
        titular_validar(titular)
        titular_valido = True
    except ValidationError as exc:
        titular_valido = False
        _errores_modelo(fila, exc, "titular")
    titular_valido = titular_valido and not (
        errores_conversion & {c for c in COLUMNA_DE["titular"].values()}
    )
    if titular_valido:
        if clave not in referencia:
            referencia[clave] = (fila.numero, titular)
        else:
            otra_fila, otro = referencia[clave]
            distintos = _diferentes(titular, otro, campos_titular)
            if distintos:
                columna = COLUMNA_DE["titular"].get(distintos[0], distintos[0])
                fila.error(
                    columna,
                    f"Los datos del titular no coinciden con los de la fila {otra_fila} "
                    "(misma CURP/RFC o mismo titular).",
                )
            titular = otro
    fila.titular_final = titular

    cuenta = copy.copy(fila.existente) if fila.existente else Cuenta(numero=fila.numero_cuenta)
    for campo, valor in fila.datos_cuenta.items():
        if valor is None and not Cuenta._meta.get_field(campo).null:
            valor = Cuenta._meta.get_field(campo).get_default()
        setattr(cuenta, campo, valor)
    if fila.cartera is not None:
        cuenta.cartera = fila.cartera
    if fila.numero_cuenta:
        try:
            # The foreign keys and the unique número were resolved above in bulk.
            cuenta_validar(cuenta, excluir=["titular", "cartera"], validar_unicos=False)
        except ValidationError as exc:
            _errores_modelo(fila, exc, "cuenta")
    fila.cuenta_final = cuenta


def _escribir(filas, referencia, campos_titular, campos_cuenta, resultado, usuario):
    motivo = f"Importación {resultado.archivo}"
    opciones = {"default_user": usuario, "default_change_reason": motivo, "batch_size": 500}

    # Titulares: each one once, with the data of its reference row.
    nuevos, cambiados, campos_cambiados, buscar_de_nuevo = [], [], set(), set()
    finales = {}
    for fila in filas:
        clave = id(fila.titular)
        if clave in finales:
            continue
        final = referencia[clave][1]
        finales[clave] = final
        if final.pk is None:
            final.completar_derivados()
            nuevos.append(final)
        else:
            distintos = _diferentes(final, fila.titular, campos_titular)
            if distintos:
                final.completar_derivados()
                cambiados.append(final)
                campos_cambiados.update(distintos)
                if CAMPOS_TITULAR_BUSQUEDA & set(distintos):
                    buscar_de_nuevo.add(final.pk)
    if nuevos:
        bulk_create_with_history(nuevos, Titular, **opciones)
    if cambiados:
        bulk_update_with_history(
            cambiados,
            Titular,
            sorted(campos_cambiados | {"nombre_normalizado", "domicilio_normalizado"}),
            **opciones,
        )
    resultado.titulares_creados = len(nuevos)
    resultado.titulares_actualizados = len(cambiados)

    # Cuentas: new ones, changed ones (only the fields that changed), the rest untouched.
    nuevas, cambiadas, campos_cambiados = [], [], set()
    for fila in filas:
        cuenta = fila.cuenta_final
        cuenta.titular = finales[id(fila.titular)]
        if fila.existente is None:
            cuenta.busqueda = cuenta.texto_busqueda()
            nuevas.append(cuenta)
            continue
        distintos = _diferentes(cuenta, fila.existente, [*campos_cuenta, "titular", "cartera"])
        if distintos:
            cuenta.busqueda = cuenta.texto_busqueda()
            cambiadas.append(cuenta)
            campos_cambiados.update(distintos)
        else:
            resultado.cuentas_sin_cambios += 1
    if nuevas:
        bulk_create_with_history(nuevas, Cuenta, **opciones)
        cuentas_creadas.send(sender=Cuenta, ids=[c.pk for c in nuevas])
    if cambiadas:
        bulk_update_with_history(
            cambiadas, Cuenta, sorted(campos_cambiados | {"busqueda"}), **opciones
        )
    resultado.cuentas_creadas = len(nuevas)
    resultado.cuentas_actualizadas = len(cambiadas)
    # Other cuentas of a renamed titular must still be found by the new name.
    if buscar_de_nuevo:
        busqueda_refrescar(titular_ids=buscar_de_nuevo)


def procesar_padron(importacion, avance):
    """The background job of a padrón file (padron/importacion/trabajos.py)."""
    from padron.importacion.trabajos import Resultado

    parametros = importacion.parametros
    with importacion.archivo.open("rb") as archivo:
        resultado = padron_importar(
            archivo=archivo,
            nombre=importacion.nombre,
            parcial=bool(parametros.get("parcial")),
            cartera=parametros.get("cartera") or None,
            usuario=importacion.usuario,
            avance=avance,
        )
    errores = [str(e) for e in resultado.errores]
    mensaje = (
        resultado.resumen()
        if resultado.importado
        else (
            f"No se importó nada: {cantidad(len(resultado.filas_rechazadas), 'fila')} con errores. "
            + (errores[0] if errores else "")
        )
    )
    return Resultado(
        aceptadas=resultado.filas_aceptadas if resultado.importado else 0,
        rechazadas=len(resultado.filas_rechazadas),
        mensaje=mensaje,
        rechazados_csv=resultado.rechazados_csv() if resultado.rechazadas else None,
        resumen={"errores": errores[:50], "codificacion": resultado.codificacion},
        escrito=resultado.importado,
    )
